import type { Level } from '@/lib/access/actions';
import { BUILTIN_POLICIES, isBuiltinPolicyName } from '@/lib/access/builtin-policies';
import type { PolicyDocument } from '@/lib/access/policy-document';
import { queryPrepared } from '@/lib/db/client';
import type { Actor, AppContext } from '@/lib/services/context';
import { throttleRowsSql, type ThrottleQuery, type ThrottleRow } from '@/lib/services/auth/throttle';

/** Everything that decides what one actor may do, loaded in a single query per request. */
export interface AccessProfile {
  userId: string | null;
  isAdmin: boolean;
  /** False when the user was disabled after authenticating (a token issued earlier, say): nothing is allowed. */
  active: boolean;
  /** The user's session version now (see Actor.sessionVersion). */
  sessionVersion: number;
  ownedNamespaceIds: ReadonlySet<string>;
  namespaceLevels: ReadonlyMap<string, Level>;
  repositoryLevels: ReadonlyMap<string, Level>;
  policies: ReadonlyArray<{ name: string; document: PolicyDocument }>;
}

const ANONYMOUS_PROFILE: AccessProfile = {
  userId: null,
  isAdmin: false,
  active: true,
  sessionVersion: 0,
  ownedNamespaceIds: new Set(),
  namespaceLevels: new Map(),
  repositoryLevels: new Map(),
  policies: [],
};

const LEVEL: Record<string, Level> = { READ: 'read', WRITE: 'write', ADMIN: 'admin' };

type Row = { kind: string; target: string | null; level: string | null; name: string | null; doc: unknown };

// One load per actor object: a request builds its actor once, and every authorization in it shares the result.
const memo = new WeakMap<Actor, Promise<AccessProfile>>();

export function loadAccessProfile(app: AppContext, actor: Actor): Promise<AccessProfile> {
  if (actor.kind === 'anonymous') return Promise.resolve(ANONYMOUS_PROFILE);
  let p = memo.get(actor);
  if (!p) {
    p = queryProfile(app, actor).then((r) => r.profile);
    memo.set(actor, p);
    p.catch(() => memo.delete(actor));
  }
  return p;
}

/**
 * The profile and a throttle check in one round trip, for credentials verified moments ago (nothing else needs
 * checking before the profile decides). The profile is memoized for the actor like loadAccessProfile's.
 */
export async function loadAccessProfileThrottled(
  app: AppContext,
  actor: Extract<Actor, { kind: 'user' }>,
  throttle: ThrottleQuery,
): Promise<{ profile: AccessProfile; throttle: ThrottleRow[] }> {
  const result = queryProfile(app, actor, throttle);
  const profile = result.then((r) => r.profile);
  memo.set(actor, profile);
  profile.catch(() => memo.delete(actor));
  return result;
}

const NO_THROTTLE: ThrottleQuery = { keys: [], limits: [], windowSeconds: 0 };

async function queryProfile(
  app: AppContext,
  actor: Extract<Actor, { kind: 'user' }>,
  throttle: ThrottleQuery = NO_THROTTLE,
): Promise<{ profile: AccessProfile; throttle: ThrottleRow[] }> {
  // On every authenticated request. Throttle rows ride along when asked for (none for empty keys).
  const rows = await queryPrepared<Row>(
    app.db,
    'berth-access-profile',
    `
    SELECT 'user' AS kind, u.password_hash AS target, u.session_version::text AS level, CASE WHEN u.is_admin THEN 'admin' END AS name,
           to_jsonb(u.disabled) AS doc
      FROM users u WHERE u.id = $1::uuid
    UNION ALL SELECT 'owner', n.id::text, NULL, NULL, NULL FROM namespaces n WHERE n.owner_id = $1::uuid
    UNION ALL SELECT 'namespace', np.namespace_id::text, np.level::text, NULL, NULL
      FROM namespace_permissions np WHERE np.user_id = $1::uuid
    UNION ALL SELECT 'repository', rp.repository_id::text, rp.level::text, NULL, NULL
      FROM repository_permissions rp WHERE rp.user_id = $1::uuid
    UNION ALL SELECT 'policy', NULL, NULL, up.policy_name, p.document
      FROM user_policies up LEFT JOIN policies p ON p.name = up.policy_name WHERE up.user_id = $1::uuid
    UNION ALL SELECT 'throttle', t.key, t.failures::text, NULL, to_jsonb(t.wait)
      FROM (${throttleRowsSql('$2', '$3', '$4')}) t`,
    [actor.id, throttle.keys, throttle.limits, throttle.windowSeconds],
  );
  const throttleRows: ThrottleRow[] = [];
  const owned = new Set<string>();
  const namespaceLevels = new Map<string, Level>();
  const repositoryLevels = new Map<string, Level>();
  const policies: Array<{ name: string; document: PolicyDocument }> = [];
  let found = false;
  let isAdmin = false;
  let active = false;
  let sessionVersion = 0;
  for (const r of rows) {
    if (r.kind === 'user') {
      found = true;
      isAdmin = r.name === 'admin';
      // Credentials verified from cache were checked against a password hash: a changed password ends them.
      sessionVersion = Number(r.level);
      active =
        r.doc === false &&
        (actor.verifiedPasswordHash === undefined || actor.verifiedPasswordHash === r.target) &&
        (actor.sessionVersion === undefined || actor.sessionVersion === sessionVersion);
    } else if (r.kind === 'owner') owned.add(r.target!);
    else if (r.kind === 'namespace') namespaceLevels.set(r.target!, LEVEL[r.level!]!);
    else if (r.kind === 'repository') repositoryLevels.set(r.target!, LEVEL[r.level!]!);
    else if (r.kind === 'throttle') throttleRows.push({ key: r.target!, failures: Number(r.level), wait: Number(r.doc) });
    else if (r.kind === 'policy' && r.name) {
      const document = isBuiltinPolicyName(r.name) ? BUILTIN_POLICIES[r.name] : (r.doc as PolicyDocument | null);
      if (document) policies.push({ name: r.name, document });
    }
  }
  const profile: AccessProfile = {
    userId: actor.id,
    isAdmin: found && isAdmin,
    active: found && active,
    sessionVersion,
    ownedNamespaceIds: owned,
    namespaceLevels,
    repositoryLevels,
    policies,
  };
  return { profile, throttle: throttleRows };
}
