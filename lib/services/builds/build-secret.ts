import path from 'node:path';
import { loadOrCreateSecret } from '@/lib/server/local-secret';
import type { AppContext } from '@/lib/services/context';

const cache = new Map<string, Promise<string>>();

/**
 * The key that seals source credentials: BERTH_BUILD_SECRET, else a random one kept in `<data dir>/build-secret`
 * (instances sharing a database must share it too, or set BERTH_BUILD_SECRET alike).
 */
export function buildSecret(app: AppContext): Promise<string> {
  const fromEnv = process.env.BERTH_BUILD_SECRET;
  if (fromEnv) return Promise.resolve(fromEnv);
  const file = path.join(app.config.dataDir, 'build-secret');
  let secret = cache.get(file);
  if (!secret) {
    secret = loadOrCreateSecret(file, 32);
    cache.set(file, secret);
    secret.catch(() => cache.delete(file));
  }
  return secret;
}
