import { LEVEL_ACTIONS, type Action, type Level } from './actions';
import type { PolicyDocument } from './policy-document';
import { actionMatches, parseResource, resourceMatches, type ParsedResource } from './resource';

export type GrantSource = 'admin' | 'owner' | 'repository' | 'namespace' | 'public';

/**
 * A permission that comes from who the actor is rather than from a policy: installation admin (resource `*`),
 * namespace owner or namespace grant (a namespace resource), repository grant or public repository
 * (a repository resource).
 */
export interface Grant {
  source: GrantSource;
  level: Level;
  resource: string;
}

export type DecisionMatch =
  | { kind: 'policy'; policy: string; statementIndex: number; effect: 'Allow' | 'Deny' }
  | { kind: 'grant'; source: GrantSource; level?: Level };

export interface Decision {
  decision: 'allow' | 'deny';
  reason: 'explicit-deny' | 'allowed' | 'implicit-deny';
  /** Everything that decided the outcome: the Deny statements, or every grant and Allow statement that applied. */
  matched: DecisionMatch[];
}

export interface EvaluateInput {
  action: Action;
  resource: string;
  grants: readonly Grant[];
  policies: ReadonlyArray<{ name: string; document: PolicyDocument }>;
}

const toSets = (table: Readonly<Record<Level, readonly Action[]>>): Record<Level, ReadonlySet<Action>> => ({
  read: new Set(table.read),
  write: new Set(table.write),
  admin: new Set(table.admin),
});

const REPOSITORY_ACTIONS = toSets(LEVEL_ACTIONS.repository);
const NAMESPACE_ACTIONS = toSets(LEVEL_ACTIONS.namespace);

const NAMESPACE_PATH = ':namespace/';

/** A namespace grant reaches every repository in it: `…:namespace/team` becomes `…:repository/team/*`. */
function repositoryPattern(grantResource: string): string {
  const at = grantResource.indexOf(NAMESPACE_PATH);
  if (at < 0) return grantResource;
  return `${grantResource.slice(0, at)}:repository/${grantResource.slice(at + NAMESPACE_PATH.length)}/*`;
}

/** How a grant applies to this action on this resource, or null when it does not cover them. */
function grantMatch(
  grant: Grant,
  action: Action,
  resource: string,
  kind: ParsedResource['kind'] | undefined,
): DecisionMatch | null {
  if (grant.source === 'admin') {
    return resourceMatches(grant.resource, resource) ? { kind: 'grant', source: 'admin' } : null;
  }
  // Public access is read-only whatever level the caller passed: anonymous users must never push or delete.
  const level: Level = grant.source === 'public' ? 'read' : grant.level;
  const covered =
    kind === 'repository'
      ? REPOSITORY_ACTIONS[level].has(action) && resourceMatches(repositoryPattern(grant.resource), resource)
      : kind === 'namespace'
        ? NAMESPACE_ACTIONS[level].has(action) && resourceMatches(grant.resource, resource)
        : // Instance-wide actions (users, policies, audit, catalog) come from admin or a policy, never a grant.
          false;
  return covered ? { kind: 'grant', source: grant.source, level } : null;
}

function anyMatches(patterns: string | readonly string[], test: (pattern: string) => boolean): boolean {
  return typeof patterns === 'string' ? test(patterns) : patterns.some(test);
}

/**
 * Decides whether an actor may perform `action` on `resource`. Pure and allocation-light, because the
 * registry calls it on every request. The order, as in RAM and IAM:
 * 1. An explicit Deny in any attached policy wins over everything, grants included.
 * 2. Otherwise any grant or Allow statement that matches allows.
 * 3. Otherwise the answer is no (implicit deny).
 *
 * Installation admins are not exempt from step 1. An admin is the account owner's delegate, not a root that
 * bypasses policy: a Deny attached to an admin user (say, no DeleteRepository for the CI account that was made
 * admin to manage namespaces) is exactly what its author meant. An admin who denies themselves ManagePolicy
 * needs another admin, or out-of-band recovery, to undo it; that is the price of Deny meaning what it says.
 */
export function evaluate(input: EvaluateInput): Decision {
  const { action, resource } = input;
  const denies: DecisionMatch[] = [];
  const allows: DecisionMatch[] = [];

  for (const { name, document } of input.policies) {
    document.Statement.forEach((statement, statementIndex) => {
      if (!anyMatches(statement.Action, (pattern) => actionMatches(pattern, action))) return;
      if (!anyMatches(statement.Resource, (pattern) => resourceMatches(pattern, resource))) return;
      const match: DecisionMatch = { kind: 'policy', policy: name, statementIndex, effect: statement.Effect };
      (statement.Effect === 'Deny' ? denies : allows).push(match);
    });
  }
  if (denies.length > 0) return { decision: 'deny', reason: 'explicit-deny', matched: denies };

  const kind = input.grants.length > 0 ? parseResource(resource)?.kind : undefined;
  const grantMatches: DecisionMatch[] = [];
  for (const grant of input.grants) {
    const match = grantMatch(grant, action, resource, kind);
    if (match) grantMatches.push(match);
  }
  // Grants first in the explanation: they are what most users look for ("why can Bob push here?").
  const matched = [...grantMatches, ...allows];
  if (matched.length > 0) return { decision: 'allow', reason: 'allowed', matched };
  return { decision: 'deny', reason: 'implicit-deny', matched: [] };
}
