import { getServerSession } from 'next-auth';
import { AppError } from '@/lib/errors/app-error';
import { CLIENT_ADDRESS_HEADER } from '@/lib/server/client-address';
import { authOptions } from '@/lib/auth/session/auth-options';
import { authenticateCredentials } from '@/lib/services/auth/authenticate-credentials';
import { ThrottledError } from '@/lib/services/auth/throttle';
import type { Actor, AppContext, Origin } from '@/lib/services/context';
import { authenticateAccessToken } from '@/lib/services/tokens/authenticate-access-token';

/**
 * The caller of a REST request: `Authorization: Bearer <access token>`, HTTP Basic (password or access token), or
 * the console's session cookie. Presented credentials that fail are a 401, never a fall-back to anonymous.
 */
export async function resolveApiActor(app: AppContext, req: Request): Promise<Actor> {
  // Set by the server from the socket (and trusted proxies only) on every request it hands to the console.
  const ip = req.headers.get(CLIENT_ADDRESS_HEADER) || undefined;
  const header = req.headers.get('authorization');
  if (header) {
    const origin: Origin = { ip, via: 'api' };
    const bearer = /^Bearer\s+(\S{1,512})$/i.exec(header.trim());
    if (bearer) {
      const user = await authenticateAccessToken(app, { secret: bearer[1]! });
      if (!user) throw new AppError('UNAUTHORIZED', 'invalid or expired access token');
      return { ...user, origin };
    }
    const basic = /^Basic\s+([A-Za-z0-9+/=]{1,4096})$/i.exec(header.trim());
    if (!basic) throw new AppError('UNAUTHORIZED', 'unsupported authorization scheme');
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i <= 0) throw new AppError('UNAUTHORIZED', 'malformed Basic credentials');
    try {
      const user = await authenticateCredentials(app, { username: decoded.slice(0, i), secret: decoded.slice(i + 1), origin });
      if (!user) throw new AppError('UNAUTHORIZED', 'invalid username or password');
      return user;
    } catch (err) {
      if (err instanceof ThrottledError) {
        const e = new AppError('RATE_LIMITED', err.message);
        e.headers['Retry-After'] = String(err.retryAfterSeconds);
        throw e;
      }
      throw err;
    }
  }
  // Outside a Next request scope (a handler called directly) there is no cookie, hence no session.
  const session = await getServerSession(authOptions).catch(() => null);
  const sessionUser = session?.user as { id?: string; sv?: number } | undefined;
  const uid = sessionUser?.id;
  if (!uid) return { kind: 'anonymous', origin: { ip, via: 'console' } };
  const user = await app.db.user.findUnique({ where: { id: uid }, select: { id: true, username: true, isAdmin: true, disabled: true, sessionVersion: true } });
  // A cookie from before a password change, a reset or a sign-out carries an older session version: signed out.
  const sessionVersion = sessionUser?.sv ?? 0;
  if (!user || user.disabled || user.sessionVersion !== sessionVersion) return { kind: 'anonymous', origin: { ip, via: 'console' } };
  return { kind: 'user', id: user.id, username: user.username, isAdmin: user.isAdmin, sessionVersion, origin: { ip, via: 'console' } };
}
