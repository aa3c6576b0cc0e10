// Headers every console page and API answer carries. Next's pages hydrate from inline scripts (the RSC payload
// is pushed by `self.__next_f.push(...)` in inline <script> tags), so scripts are limited to this origin plus
// inline ones; framing is refused outright (clickjacking), and nothing is loaded from or sent to other origins.
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for the web console and the REST API. */
export function webSecurityHeaders(opts: { publicUrl?: string; dev?: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(opts.dev ?? false),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    ...transportHeaders(opts.publicUrl),
  };
}

/** Headers for every response, the registry's included. HSTS only where clients reach Berth over https. */
export function transportHeaders(publicUrl: string | undefined): Record<string, string> {
  return publicUrl?.startsWith('https://') ? { 'Strict-Transport-Security': 'max-age=31536000' } : {};
}
