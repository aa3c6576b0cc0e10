import { createHash, randomBytes } from 'node:crypto';

// Personal access tokens look like `berth_pat_<43 base64url chars>` (256 random bits): recognisable by secret
// scanners, distinguishable from passwords, and stored only as their SHA-256 (a random 256-bit secret needs no
// slow hash).
export const TOKEN_PREFIX = 'berth_pat_';

export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function looksLikeTokenSecret(s: string): boolean {
  return s.startsWith(TOKEN_PREFIX) && s.length === TOKEN_PREFIX.length + 43;
}

/** The part shown in lists, enough to tell tokens apart. */
export function displayPrefix(secret: string): string {
  return secret.slice(0, TOKEN_PREFIX.length + 6);
}
