import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { LRUCache } from 'lru-cache';

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Registry clients send Basic credentials on every request; argon2 on each would cap throughput at a few dozen
// requests per second. A verified (hash, password) pair is remembered briefly, keyed by a SHA-256 of both, so a
// changed password (new hash) or a disabled user (checked by the caller on every request) takes effect at once.
const verified = new LRUCache<string, true>({ max: 10_000, ttl: 5 * 60_000 });

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  const key = createHash('sha256').update(passwordHash).update('\0').update(password).digest('base64');
  if (verified.get(key)) return true;
  const ok = await verify(passwordHash, password).catch(() => false);
  if (ok) verified.set(key, true);
  return ok;
}
