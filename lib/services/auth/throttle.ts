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

/**
 * Throws ThrottledError when the user or the address has failed too often recently; otherwise answers how many
 * recent failures the username has (so a success clears them only when there are some).
 */
export async function checkThrottle(app: AppContext, limits: ThrottleLimits, who: ThrottleSubject): Promise<{ userFailures: number }> {
  const keys = keysOf(who, limits);
  if (keys.length === 0) return { userFailures: 0 };
  const rows = await app.db.$queryRaw<Array<{ key: string; failures: bigint; oldest: Date; now: Date }>>`
    SELECT key, count(*) AS failures, min(failed_at) AS oldest, now()::timestamp(3) AS now FROM auth_failures
    WHERE key = ANY(${keys.map(([k]) => k)}::text[]) AND failed_at > now()::timestamp(3) - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})
    GROUP BY key`;
  let wait = 0;
  for (const r of rows) {
    const limit = keys.find(([k]) => k === r.key)![1];
    if (Number(r.failures) < limit) continue;
    // The oldest failure in the window leaving it is what frees one attempt.
    const rows2 = await app.db.$queryRaw<Array<{ at: Date }>>`
      SELECT failed_at AS at FROM auth_failures WHERE key = ${r.key}
        AND failed_at > ${r.now}::timestamp(3) - make_interval(secs => ${THROTTLE_WINDOW_SECONDS})
      ORDER BY failed_at DESC OFFSET ${limit - 1} LIMIT 1`;
    const freedAt = (rows2[0]?.at ?? r.oldest).getTime() + THROTTLE_WINDOW_SECONDS * 1000;
    wait = Math.max(wait, Math.ceil((freedAt - r.now.getTime()) / 1000));
  }
  if (wait > 0) throw new ThrottledError(wait);
  const userKey = keys.find(([k]) => k.startsWith('u:'))?.[0];
  return { userFailures: Number(rows.find((r) => r.key === userKey)?.failures ?? 0) };
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
