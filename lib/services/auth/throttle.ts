import { LRUCache } from 'lru-cache';

// Failed sign-ins are counted per username and per source address over a sliding window; past the limit every
// attempt, right or wrong, is refused until the window has passed, so guessing cannot continue. Counters live in
// this process: behind several instances an attacker gets each instance's allowance, which still bounds guessing.
const WINDOW_MS = 15 * 60_000;

export interface ThrottleLimits {
  perUser: number;
  perAddress: number;
}

interface Counter {
  failures: number[];
}

const counters = new LRUCache<string, Counter>({ max: 50_000, ttl: WINDOW_MS });

export class ThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many failed attempts');
    this.name = 'ThrottledError';
  }
}

function recent(key: string, now: number): number[] {
  const c = counters.get(key);
  if (!c) return [];
  c.failures = c.failures.filter((t) => now - t < WINDOW_MS);
  return c.failures;
}

/** Throws ThrottledError when the user or the address has failed too often recently. */
export function checkThrottle(limits: ThrottleLimits, input: { username?: string; ip?: string }, now = Date.now()): void {
  const checks: Array<[string, number]> = [];
  if (input.username) checks.push([`u:${input.username.toLowerCase()}`, limits.perUser]);
  if (input.ip) checks.push([`a:${input.ip}`, limits.perAddress]);
  for (const [key, limit] of checks) {
    const failures = recent(key, now);
    if (failures.length >= limit) {
      throw new ThrottledError(Math.max(1, Math.ceil((failures[0]! + WINDOW_MS - now) / 1000)));
    }
  }
}

export function recordFailure(input: { username?: string; ip?: string }, now = Date.now()): void {
  for (const key of [input.username && `u:${input.username.toLowerCase()}`, input.ip && `a:${input.ip}`]) {
    if (!key) continue;
    const c = counters.get(key) ?? { failures: [] };
    c.failures.push(now);
    if (c.failures.length > 1000) c.failures.shift();
    counters.set(key, c);
  }
}

export function recordSuccess(input: { username?: string }): void {
  if (input.username) counters.delete(`u:${input.username.toLowerCase()}`);
}
