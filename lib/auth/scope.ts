import type { Action } from '../access/actions';
import { instanceResource, repositoryResource, type ResourceContext } from '../access/resource';

/**
 * Scopes of the Docker token authentication spec (distribution/docs/spec/auth/scope.md):
 * `repository:<name>:<action>[,<action>…]` and `registry:catalog:*`, several separated by spaces.
 */
export const SCOPE_ACTIONS = ['pull', 'push', 'delete', '*'] as const;

export type ScopeAction = (typeof SCOPE_ACTIONS)[number];

export type Scope =
  | { type: 'repository'; name: string; actions: ScopeAction[] }
  | { type: 'registry'; name: 'catalog'; actions: ['*'] };

/** A scope that is not well formed. The token endpoint answers 400 `invalid_scope` (RFC 6749 §5.2). */
export class ScopeError extends Error {
  constructor(
    readonly scope: string,
    readonly problem: string,
  ) {
    super(`invalid scope ${JSON.stringify(scope)}: ${problem}`);
    this.name = 'ScopeError';
  }
}

// Spec: resourcetype := resourcetypevalue [ '(' resourcetypevalue ')' ], resourcetypevalue := /[a-z0-9]+/
const RESOURCE_TYPE = /^([a-z0-9]+)(?:\([a-z0-9]+\))?$/;
// distribution/reference path components; host names are refused below, since Berth serves one registry.
const NAME = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const MAX_NAME_LENGTH = 255;

function isScopeAction(value: string): value is ScopeAction {
  return (SCOPE_ACTIONS as readonly string[]).includes(value);
}

/** One scope, or null when its resource type is one Berth does not know (the spec says to ignore those). */
function parseOne(text: string): Scope | null {
  const first = text.indexOf(':');
  const last = text.lastIndexOf(':');
  if (first < 0 || first === last) throw new ScopeError(text, 'expected <type>:<name>:<actions>');
  const typeMatch = RESOURCE_TYPE.exec(text.slice(0, first));
  if (!typeMatch) throw new ScopeError(text, 'invalid resource type');
  // The class in `repository(plugin)` narrows what kind of content is stored; Berth stores one kind, so drop it.
  const type = typeMatch[1];
  const name = text.slice(first + 1, last);
  const actions = text.slice(last + 1).split(',');
  if (type === 'registry') {
    if (name !== 'catalog') return null;
    if (actions.length !== 1 || actions[0] !== '*') throw new ScopeError(text, 'registry:catalog takes only "*"');
    return { type, name, actions: ['*'] };
  }
  if (type !== 'repository') return null;
  if (name.includes(':')) throw new ScopeError(text, 'repository names carry no host or port');
  if (name.length > MAX_NAME_LENGTH || !NAME.test(name)) throw new ScopeError(text, 'invalid repository name');
  const unknown = actions.find((action) => !isScopeAction(action));
  if (unknown !== undefined) throw new ScopeError(text, `unknown action ${JSON.stringify(unknown)}`);
  return { type, name, actions: actions as ScopeAction[] };
}

/**
 * Parses a `scope` parameter: space-separated scopes, the same resource named twice merging into one.
 * Unknown resource types are skipped; malformed scopes throw ScopeError. A token request with several `scope`
 * parameters can join them with spaces first.
 */
export function parseScope(param: string): Scope[] {
  const merged = new Map<string, Scope>();
  for (const text of param.split(' ')) {
    if (text === '') continue;
    const scope = parseOne(text);
    if (!scope) continue;
    const key = `${scope.type}:${scope.name}`;
    const previous = merged.get(key);
    const actions = new Set<ScopeAction>([...(previous?.actions ?? []), ...scope.actions]);
    const ordered = SCOPE_ACTIONS.filter((action) => actions.has(action));
    merged.set(key, scope.type === 'registry' ? scope : { ...scope, actions: ordered });
  }
  return [...merged.values()];
}

export function formatScope(scope: Scope | readonly Scope[]): string {
  const scopes: readonly Scope[] = 'type' in scope ? [scope] : scope;
  return scopes.map((s) => `${s.type}:${s.name}:${s.actions.join(',')}`).join(' ');
}

export interface ScopeCheck {
  /** The token action to grant when every check passes (`*` only for the catalog). */
  scopeAction: ScopeAction;
  checks: Array<{ action: Action; resource: string }>;
}

// Deleting by digest removes a manifest, deleting by tag (OCI 1.1) removes a tag; the token cannot tell which
// the client will do, so `delete` needs both.
const REPOSITORY_CHECKS: Record<Exclude<ScopeAction, '*'>, Action[]> = {
  pull: ['cr:PullRepository'],
  push: ['cr:PushRepository'],
  delete: ['cr:DeleteManifest', 'cr:DeleteTag'],
};

/**
 * What must be allowed for each action of a scope. `*` expands to pull, push and delete so that the token can
 * carry the subset the actor is allowed, as the spec asks of token servers. Creating a repository on first push
 * is the registry service's own check (cr:CreateRepository), not the token's.
 */
export function scopeToActions(scope: Scope, ctx: ResourceContext): ScopeCheck[] {
  if (scope.type === 'registry') {
    return [{ scopeAction: '*', checks: [{ action: 'cr:ListRepository', resource: instanceResource(ctx) }] }];
  }
  const resource = repositoryResource(ctx, scope.name);
  const wanted: Array<Exclude<ScopeAction, '*'>> = scope.actions.includes('*')
    ? ['pull', 'push', 'delete']
    : scope.actions.filter((action) => action !== '*');
  return [...new Set(wanted)].map((scopeAction) => ({
    scopeAction,
    checks: REPOSITORY_CHECKS[scopeAction].map((action) => ({ action, resource })),
  }));
}
