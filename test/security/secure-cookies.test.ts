import { afterEach, describe, expect, it, vi } from 'vitest';

// Finding 11: behind TLS (BERTH_PUBLIC_URL https, which the server passes on as NEXTAUTH_URL) the session cookies
// are Secure (and `__Secure-` prefixed); over plain http they cannot be.
describe('session cookies', () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
    vi.resetModules();
  });

  it('are Secure when the public URL is https', async () => {
    process.env.NEXTAUTH_URL = 'https://registry.example';
    vi.resetModules();
    const { authOptions } = await import('@/lib/auth/session/auth-options');
    expect(authOptions.useSecureCookies).toBe(true);
  });

  it('are not marked Secure over plain http', async () => {
    process.env.NEXTAUTH_URL = 'http://127.0.0.1:3000';
    vi.resetModules();
    const { authOptions } = await import('@/lib/auth/session/auth-options');
    expect(authOptions.useSecureCookies).toBe(false);
  });
});
