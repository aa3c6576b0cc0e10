import { randomBytes } from 'node:crypto';
import { isUniqueViolation } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';
import { hashPassword } from './password';

/**
 * Creates the `admin` user on first start. Its password comes from BERTH_ADMIN_PASSWORD, else one is generated
 * and returned so the caller can print it once; it is never stored in clear or logged again.
 */
export async function ensureAdmin(app: AppContext): Promise<{ created: boolean; generatedPassword?: string }> {
  const existing = await app.db.user.findUnique({ where: { username: 'admin' }, select: { id: true } });
  if (existing) return { created: false };
  const generated = app.config.adminPassword ? undefined : randomBytes(18).toString('base64url');
  const password = app.config.adminPassword ?? generated!;
  try {
    await app.db.user.create({ data: { username: 'admin', passwordHash: await hashPassword(password), isAdmin: true } });
  } catch (err) {
    if (isUniqueViolation(err)) return { created: false }; // another instance created it first
    throw err;
  }
  return { created: true, generatedPassword: generated };
}
