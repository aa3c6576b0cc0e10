// Cross-site request forgery: a browser attaches the console's session cookie to requests any page makes, and
// forms and no-cors fetches reach the API without a CORS preflight when their Content-Type is one of the
// "simple" ones (Fetch standard §CORS-safelisted request-header: text/plain, multipart/form-data,
// application/x-www-form-urlencoded). So a cookie-authenticated change must come from Berth's own origin and carry
// a Content-Type no form can send.

export const SESSION_COOKIE_NAMES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/** Whether the request carries the console's session cookie (chunked cookies are named `<name>.0`, `<name>.1`…). */
export function hasSessionCookie(cookieHeader: string | null): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((c) => {
    const name = c.split('=')[0]!.trim();
    return SESSION_COOKIE_NAMES.some((n) => name === n || name.startsWith(`${n}.`));
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

function originOf(value: string): string | null {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:' ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/**
 * Whether the request comes from a page of this site: the `Origin` header names it; without one,
 * `Sec-Fetch-Site: same-origin`; without that, the `Referer`'s origin. A request that proves none is refused.
 * This site is BERTH_PUBLIC_URL when set, else what the Host header names (any scheme: a TLS proxy in front may
 * forward plain HTTP).
 */
export function isSameOrigin(headers: Headers, publicUrl: string | undefined): boolean {
  const host = headers.get('host');
  const matches = (origin: string | null) => {
    if (!origin) return false;
    if (publicUrl && origin === originOf(publicUrl)) return true;
    return !publicUrl && host !== null && new URL(origin).host === host.toLowerCase();
  };
  const origin = headers.get('origin');
  if (origin !== null) return origin !== 'null' && matches(originOf(origin));
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const referer = headers.get('referer');
  return referer !== null && matches(originOf(referer));
}

/** The media type of a Content-Type header, lowercased, without parameters. */
export function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}
