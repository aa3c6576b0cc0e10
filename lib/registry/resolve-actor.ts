import type { IncomingMessage } from 'node:http';
import { RegistryError } from '@/lib/errors/registry-error';
import { ANONYMOUS, type Actor, type AppContext } from '@/lib/services/context';
import { authenticatePassword } from '@/lib/services/users/authenticate-password';

/** The caller of a /v2 request: HTTP Basic with a user's password, or anonymous. Bad credentials are a 401. */
export async function resolveActor(app: AppContext, req: IncomingMessage): Promise<Actor> {
  const header = req.headers.authorization;
  if (!header) return ANONYMOUS;
  const basic = parseBasic(header);
  if (!basic) throw new RegistryError('UNAUTHORIZED', 'unsupported authorization scheme');
  const user = await authenticatePassword(app, basic);
  if (!user) throw new RegistryError('UNAUTHORIZED', 'invalid username or password');
  return user;
}

export function parseBasic(header: string): { username: string; password: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]{1,2048})$/i.exec(header.trim());
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0) return null;
  return { username: decoded.slice(0, i), password: decoded.slice(i + 1) };
}

export function challengeHeaders(): Record<string, string> {
  return { 'WWW-Authenticate': 'Basic realm="Berth registry", charset="UTF-8"' };
}
