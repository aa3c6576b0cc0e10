/**
 * Resource names in the RAM style: `acs:cr:<region>:<account>:<path>`, where path is `instance`,
 * `namespace/<namespace>` or `repository/<namespace>/<repository>` (the repository part may itself contain `/`).
 * Region and account are configured once per installation and passed in as a ResourceContext.
 */
export interface ResourceContext {
  region: string;
  account: string;
}

export const DEFAULT_RESOURCE_CONTEXT: Readonly<ResourceContext> = { region: 'local', account: 'berth' };

export type ParsedResource =
  | { kind: 'any'; region: string; account: string }
  | { kind: 'instance'; region: string; account: string }
  | { kind: 'namespace'; region: string; account: string; namespace: string }
  /** `namespace` is the first path component of `name` (which, in a pattern, may hold a `*`). */
  | { kind: 'repository'; region: string; account: string; name: string; namespace: string };

export function repositoryResource(ctx: ResourceContext, fullName: string): string {
  return `acs:cr:${ctx.region}:${ctx.account}:repository/${fullName}`;
}

export function namespaceResource(ctx: ResourceContext, name: string): string {
  return `acs:cr:${ctx.region}:${ctx.account}:namespace/${name}`;
}

/** Installation-wide actions (users, policies, audit, the catalog) are checked against this resource. */
export function instanceResource(ctx: ResourceContext): string {
  return `acs:cr:${ctx.region}:${ctx.account}:instance`;
}

const SCOPE_PART = /^[A-Za-z0-9*][A-Za-z0-9._*-]*$/;
// Docker's path-component grammar (distribution/reference), with `*` admitted as a name character for patterns.
const NAME_COMPONENT = /^[a-z0-9*]+(?:(?:[._]|__|-+)[a-z0-9*]+)*$/;

/**
 * Parses a resource name or pattern; null when it is not one. A bare `*` means every resource.
 * A repository needs at least two path components (`namespace/repository`), except that a single component
 * containing `*` is accepted, so that `repository/*` reads as "every repository".
 */
export function parseResource(s: string): ParsedResource | null {
  if (s === '*') return { kind: 'any', region: '*', account: '*' };
  const parts = s.split(':');
  if (parts.length !== 5 || parts[0] !== 'acs' || parts[1] !== 'cr') return null;
  const [, , region, account, path] = parts;
  if (!SCOPE_PART.test(region) || !SCOPE_PART.test(account)) return null;
  if (path === '*') return { kind: 'any', region, account };
  if (path === 'instance') return { kind: 'instance', region, account };
  const slash = path.indexOf('/');
  if (slash < 0) return null;
  const type = path.slice(0, slash);
  const components = path.slice(slash + 1).split('/');
  if (!components.every((c) => NAME_COMPONENT.test(c))) return null;
  if (type === 'namespace') {
    return components.length === 1 ? { kind: 'namespace', region, account, namespace: components[0] } : null;
  }
  if (type === 'repository') {
    if (components.length < 2 && !components[0].includes('*')) return null;
    return { kind: 'repository', region, account, name: components.join('/'), namespace: components[0] };
  }
  return null;
}

type Matcher = (value: string) => boolean;

/**
 * Compiles a glob in which `*` matches any run of characters, `/` and `:` included, so `repository/team/*`
 * covers `repository/team/tools/cli` and `acs:cr:*` spans region, account and path. No other character is
 * special. Matching splits on `*` once and then only uses startsWith/indexOf, so no RegExp is built.
 */
function compileWildcard(pattern: string): Matcher {
  if (!pattern.includes('*')) return (value) => value === pattern;
  const parts = pattern.split('*');
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p !== '');
  const minLength = head.length + tail.length;
  return (value) => {
    if (value.length < minLength || !value.startsWith(head) || !value.endsWith(tail)) return false;
    const end = value.length - tail.length;
    let pos = head.length;
    // Taking each middle literal at its leftmost position leaves the most room for the rest, so no backtracking.
    for (const part of middle) {
      const at = value.indexOf(part, pos);
      if (at < 0 || at + part.length > end) return false;
      pos = at + part.length;
    }
    return true;
  };
}

const CACHE_LIMIT = 1024;

/**
 * Matchers are looked up on every registry request, so compiled ones are kept; the bound stops a stream of
 * distinct patterns (many users, many policies) from growing memory without limit. Least recently used goes first.
 */
function matcherCache(): (pattern: string) => Matcher {
  const cache = new Map<string, Matcher>();
  return (pattern) => {
    let matcher = cache.get(pattern);
    if (matcher) {
      cache.delete(pattern);
    } else {
      matcher = compileWildcard(pattern);
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    }
    cache.set(pattern, matcher);
    return matcher;
  };
}

const resourceMatcher = matcherCache();
const actionMatcher = matcherCache();

/** Case-sensitive: repository names are lowercase by Docker's grammar, so case carries no ambiguity to forgive. */
export function resourceMatches(pattern: string, resource: string): boolean {
  return pattern === '*' || resourceMatcher(pattern)(resource);
}

/**
 * The `cr:` prefix must be exact, the action name after it is compared case-insensitively: AWS IAM and Alibaba
 * RAM both treat action names that way, and policies get copied from their documentation (`cr:getRepository`).
 * A bare `*` matches every action.
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.startsWith('cr:') || !action.startsWith('cr:')) return false;
  return actionMatcher(pattern.toLowerCase())(action.toLowerCase());
}
