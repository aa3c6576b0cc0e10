import type { JWK } from 'jose';
import { generateSigningKey, type RegistrySigningKey } from '@/lib/auth/registry-token';
import type { Prisma } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';

interface KeySet {
  signing: RegistrySigningKey;
  publicKeys: Map<string, JWK>;
  loadedAt: number;
}

// Keys live in the database so every instance signs and verifies with the same set. Loaded once and refreshed
// when a token names a key this process has not seen (another instance rotated).
const cache = new WeakMap<AppContext, Promise<KeySet>>();
const RELOAD_AFTER_MS = 60_000;

export function getKeySet(app: AppContext): Promise<KeySet> {
  let set = cache.get(app);
  if (!set) {
    set = loadOrCreate(app);
    cache.set(app, set);
    set.catch(() => cache.delete(app));
  }
  return set;
}

/** Reloads when `kid` is unknown, at most once a minute, so forged kids cannot force a query per request. */
export async function getKeySetFor(app: AppContext, kid: string | undefined): Promise<KeySet> {
  const set = await getKeySet(app);
  if (kid && !set.publicKeys.has(kid) && Date.now() - set.loadedAt > RELOAD_AFTER_MS) {
    cache.delete(app);
    return getKeySet(app);
  }
  return set;
}

async function loadOrCreate(app: AppContext): Promise<KeySet> {
  let rows = await app.db.signingKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
  if (rows.length === 0) {
    const key = await generateSigningKey();
    // Two instances starting together may both generate one; both are kept and both verify.
    await app.db.signingKey.create({
      data: { kid: key.kid, privateJwk: key.privateJwk as Prisma.InputJsonValue, publicJwk: key.publicJwk as Prisma.InputJsonValue },
    });
    rows = await app.db.signingKey.findMany({ where: { retiredAt: null }, orderBy: { createdAt: 'desc' } });
  }
  const newest = rows[0]!;
  return {
    signing: { kid: newest.kid, privateJwk: newest.privateJwk as JWK, publicJwk: newest.publicJwk as JWK },
    publicKeys: new Map(rows.map((r) => [r.kid, r.publicJwk as JWK])),
    loadedAt: Date.now(),
  };
}
