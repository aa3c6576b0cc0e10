import { queryPrepared } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';

// Failed authentications are counted per username and per source address over a sliding window, in Postgres, so
// every door (registry Basic, the token endpoint, API Basic, console sign-in) and every instance share one
// allowance. Past the limit every attempt, right or wrong, is refused until the window has passed.
export const THROTTLE_WINDOW_SECONDS = 15 * 60;

export interface ThrottleLimits {
  perUser: number;
  perAddress: number;
}

export interface ThrottleSubject {
  username?: string;
  ip?: string;
}

export class ThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many attempts, try again in ${minutesText(retryAfterSeconds)}`);
    this.name = 'ThrottledError';
  }
}

/** "1 minute", "14 minutes": what a person is told to wait (rounded up). */
export function minutesText(seconds: number): string {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return `${m} minute${m === 1 ? '' : 's'}`;
}

function keysOf(who: ThrottleSubject, limits?: ThrottleLimits): Array<[string, number]> {
  const keys: Array<[string, number]> = [];
  if (who.username) keys.push([`u:${who.username.toLowerCase().slice(0, 200)}`, limits?.perUser ?? 0]);
  if (who.ip) keys.push([`a:${who.ip.slice(0, 100)}`, limits?.perAddress ?? 0]);
  return keys;
}

/** What a throttle check sends: keys, their limits and the window, bound as three query parameters. */
export interface ThrottleQuery {
  keys: string[];
  limits: number[];
  windowSeconds: number;
}

export function throttleQuery(limits: ThrottleLimits, who: ThrottleSubject): ThrottleQuery {
  const keys = keysOf(who, limits);
  return { keys: keys.map(([k]) => k), limits: keys.map(([, limit]) => limit), windowSeconds: THROTTLE_WINDOW_SECONDS };
}

/**
 * A row per key — `key`, `failures` in the window, `wait` (seconds until an attempt is allowed again, 0 when under
 * the limit) — with the query's keys, limits and window bound to the given parameter numbers. Past the limit, the
 * wait ends when the limit-th newest failure leaves the window: that frees one attempt. The access profile embeds
 * this so a request with Basic credentials makes one round trip for both.
 */
export function throttleRowsSql(keys: string, limits: string, window: string): string {
  const recent = `f.key = k.key AND f.failed_at > now()::timestamp(3) - make_interval(secs => ${window}::float8)`;
  return `SELECT k.key, c.failures,
            CASE WHEN c.failures >= k.lim THEN ceil(extract(epoch FROM (
              (SELECT f.failed_at FROM auth_failures f WHERE ${recent}
                ORDER BY f.failed_at DESC OFFSET greatest(k.lim - 1, 0) LIMIT 1)
              + make_interval(secs => ${window}::float8) - now()::timestamp(3))))::int
            ELSE 0 END AS wait
       FROM unnest(${keys}::text[], ${limits}::int[]) AS k(key, lim)
       CROSS JOIN LATERAL (SELECT count(*)::int AS failures FROM auth_failures f WHERE ${recent}) c`;
}

export interface ThrottleRow {
  key: string;
  failures: number;
  wait: number;
}

/** Throws ThrottledError past a limit; otherwise the username's recent failures (a success clears only those). */
export function throttleOutcome(query: ThrottleQuery, rows: ThrottleRow[]): { userFailures: number } {
  const wait = Math.max(0, ...rows.map((r) => r.wait ?? 0));
  if (wait > 0) throw new ThrottledError(wait);
  const userKey = query.keys.find((k) => k.startsWith('u:'));
  return { userFailures: rows.find((r) => r.key === userKey)?.failures ?? 0 };
}

const CHECK_SQL = throttleRowsSql('$1', '$2', '$3');

/**
 * Throws ThrottledError when the user or the address has failed too often recently; otherwise answers how many
 * recent failures the username has. One prepared statement, off Prisma's query engine: it runs on every request
 * with credentials.
 */
export async function checkThrottle(app: AppContext, limits: ThrottleLimits, who: ThrottleSubject): Promise<{ userFailures: number }> {
  const query = throttleQuery(limits, who);
  if (query.keys.length === 0) return { userFailures: 0 };
  const rows = await queryPrepared<ThrottleRow>(app.db, 'berth-check-throttle', CHECK_SQL, [query.keys, query.limits, query.windowSeconds]);
  return throttleOutcome(query, rows);
}

export async function recordFailure(app: AppContext, who: ThrottleSubject): Promise<void> {
  const keys = keysOf(who).map(([k]) => k);
  if (keys.length === 0) return;
  await app.db.$executeRaw`INSERT INTO auth_failures (key, failed_at) SELECT unnest(${keys}::text[]), now()`;
  // Pruning now and then keeps the table as small as the window.
  if (Math.random() < 0.02) {
    await app.db.$executeRaw`DELETE FROM auth_failures WHERE failed_at < now() - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})`;
  }
}

/** A right password clears the user's count (not the address's: one good account must not unlock guessing). */
export async function recordSuccess(app: AppContext, who: ThrottleSubject): Promise<void> {
  if (!who.username) return;
  await app.db.$executeRaw`DELETE FROM auth_failures WHERE key = ${`u:${who.username.toLowerCase().slice(0, 200)}`}`;
}
