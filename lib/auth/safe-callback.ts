// Where to go after signing in. Only a path on this site is accepted; anything a browser could read as another
// origin goes to `/`: absolute URLs, protocol-relative `//host`, and the backslash forms browsers treat as `//`
// (`/\host`), including those that only appear after dot segments are resolved (`/./\/host`, `/.//host`) or after
// percent-decoding.

export function safeCallbackPath(value: string | string[] | undefined | null): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || v.length > 2048) return '/';
  let decoded = v;
  // Decoded until stable, so `%2F%2Fhost` and `%252F%252Fhost` meet the same checks.
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded);
      if (next === decoded) break;
      decoded = next;
    } catch {
      return '/';
    }
  }
  if (!isLocalPath(v) || !isLocalPath(decoded)) return '/';
  let url: URL;
  try {
    url = new URL(v, 'http://berth.invalid');
  } catch {
    return '/';
  }
  // Resolution may still have produced a protocol-relative path (`/.//host` → `//host`).
  if (url.origin !== 'http://berth.invalid' || !isLocalPath(url.pathname)) return '/';
  if (url.pathname.startsWith('/sign-in') || url.pathname.startsWith('/api/')) return '/';
  return `${url.pathname}${url.search}`;
}

function isLocalPath(p: string): boolean {
  if (!p.startsWith('/')) return false;
  if (/[\u0000-\u001f\\]/.test(p)) return false;
  return !p.startsWith('//');
}
