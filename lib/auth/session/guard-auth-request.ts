import { isSameOrigin } from '@/lib/api/same-origin';
import { CLIENT_ADDRESS_HEADER } from '@/lib/server/client-address';
import { getAppContext } from '@/lib/server/app-context-global';
import { checkThrottle, ThrottledError } from '@/lib/services/auth/throttle';

/**
 * Checks a POST to next-auth's own routes before next-auth sees it. Sign-in, sign-out and the rest must come from
 * Berth's pages (next-auth's CSRF token guards them too; this also covers any route it leaves unguarded). A sign-in
 * for a locked user or address is answered 429 with Retry-After, in the JSON next-auth's client reads, so the form
 * says how long to wait; the same throttle as every other door decides (see lib/services/auth/throttle.ts).
 */
export async function guardAuthRequest(req: Request): Promise<Response | null> {
  const app = getAppContext();
  if (!isSameOrigin(req.headers, app.config.publicUrl)) {
    return Response.json({ error: { code: 'CSRF_REJECTED', message: 'sign-in and sign-out must come from the console itself' } }, { status: 403 });
  }
  if (!new URL(req.url).pathname.endsWith('/callback/credentials')) return null;
  let username: string | undefined;
  try {
    const form = await req.clone().formData();
    const value = form.get('username');
    username = typeof value === 'string' && value ? value : undefined;
  } catch {
    return null; // next-auth answers malformed bodies itself
  }
  try {
    await checkThrottle(
      app,
      { perUser: app.config.signInFailuresPerUser, perAddress: app.config.signInFailuresPerAddress },
      { username, ip: req.headers.get(CLIENT_ADDRESS_HEADER) ?? undefined },
    );
    return null;
  } catch (err) {
    if (!(err instanceof ThrottledError)) throw err;
    const url = new URL('/sign-in', req.url);
    url.searchParams.set('error', err.message);
    return Response.json({ url: url.toString() }, { status: 429, headers: { 'Retry-After': String(err.retryAfterSeconds), 'Cache-Control': 'no-store' } });
  }
}
