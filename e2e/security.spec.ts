import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, api, createUser, randomName, signIn } from './support/fixtures';

// The web side of the security review, in a real Chromium: forged requests from another origin, the sign-in
// redirect, framing, security headers on every console page (which must still render and hydrate under the CSP),
// and sessions that end with a password reset or a sign-out.

const BERTH = `http://127.0.0.1:${Number(process.env.BERTH_E2E_PORT ?? 3917)}`;

/** A page on another port of the same host: another origin, same site, as the attack used. */
async function serveAttackerPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

test('a page on another origin cannot make the signed-in admin create users, tokens or webhooks', async ({ page, request }) => {
  const victim = randomName('csrf');
  const ns = randomName('csrf');
  await api(request, 'POST', '/api/v1/namespaces', { name: ns });
  await signIn(page, ADMIN);
  const attacker = await serveAttackerPage(`<!doctype html><body>
    <form id="f" method="POST" enctype="text/plain" action="${BERTH}/api/v1/users">
      <input name='{"username":"${victim}","password":"password-123","isAdmin":true,"x":"' value='"}'>
    </form>
    <script>
      const opts = { method: 'POST', mode: 'no-cors', credentials: 'include' };
      Promise.all([
        fetch('${BERTH}/api/v1/tokens', { ...opts, body: JSON.stringify({ name: '${victim}' }) }),
        fetch('${BERTH}/api/v1/namespaces/${ns}/webhooks', { ...opts, body: new Blob([JSON.stringify({ url: 'http://203.0.113.1/hook', trigger: { kind: 'all' }, events: ['image.pushed'] })]) }),
      ]).finally(() => { document.title = 'sent'; document.getElementById('f').submit(); });
    </script></body>`);
  try {
    const response = page.waitForResponse((r) => r.url() === `${BERTH}/api/v1/users` && r.request().method() === 'POST');
    await page.goto(attacker.url);
    const res = await response;
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('CSRF_REJECTED');
  } finally {
    await attacker.close();
  }
  const users = await api<{ items?: Array<{ username: string }>; users?: Array<{ username: string }> }>(request, 'GET', '/api/v1/users');
  expect(JSON.stringify(users)).not.toContain(victim);
  const tokens = await api<{ tokens: Array<{ name: string }> }>(request, 'GET', '/api/v1/tokens');
  expect(tokens.tokens.map((t) => t.name)).not.toContain(victim);
  const hooks = await api<unknown>(request, 'GET', `/api/v1/namespaces/${ns}/webhooks`);
  expect(JSON.stringify(hooks)).not.toContain('203.0.113.1');
  // The console itself still makes changes with the same cookie.
  await page.goto('/tokens');
  await expect(page.getByRole('heading', { level: 1, name: 'Access tokens' })).toBeVisible();
  const own = await page.evaluate(async () => (await fetch('/api/v1/tokens', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'from-the-console' }) })).status);
  expect(own).toBe(201);
});

test('sign-in never sends the user to another site, before or after signing in', async ({ page }) => {
  const phish = '/sign-in?callbackUrl=%2F.%2F%2Fother-host%3A8998%2Fphish';
  await page.goto(phish);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${BERTH}/`));
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  for (const target of ['%2F.%2F%2Fother-host%3A8998%2Fphish', '%2F%5Cother-host', '%2F%2Fother-host', 'https%3A%2F%2Fother-host%2F']) {
    await page.goto(`/sign-in?callbackUrl=${target}`);
    await expect(page).toHaveURL(new RegExp(`^${BERTH}/`));
  }
});

const CONSOLE_PAGES = ['/sign-in', '/', '/repositories', '/namespaces', '/namespaces/new', '/repositories/new', '/tokens', '/users', '/policies', '/policies/new', '/policies/simulate', '/audit', '/vulnerability-data'];

async function collectCspErrors(page: Page): Promise<string[]> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) errors.push(m.text());
  });
  return errors;
}

test('every console page carries the security headers and still renders and hydrates under its CSP', async ({ page }) => {
  const errors = await collectCspErrors(page);
  await signIn(page, ADMIN);
  for (const path of CONSOLE_PAGES) {
    const res = await page.goto(path);
    expect(res, path).not.toBeNull();
    const headers = res!.headers();
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('same-origin');
    expect(headers['x-frame-options'], path).toBe('DENY');
    await expect(page.locator('h1').first(), path).toBeVisible();
  }
  // Hydrated: a client-side control works (the theme toggle flips the class React manages).
  await page.goto('/repositories');
  await page.getByRole('link', { name: 'Namespaces' }).first().click();
  await expect(page).toHaveURL(/\/namespaces$/);
  expect(errors).toEqual([]);
});

test('a console page cannot be framed by another site', async ({ page }) => {
  const attacker = await serveAttackerPage(`<!doctype html><iframe id="f" src="${BERTH}/sign-in" width="600" height="400"></iframe>`);
  const blocked: string[] = [];
  page.on('console', (m) => /frame-ancestors|Refused to frame/i.test(m.text()) && blocked.push(m.text()));
  try {
    await page.goto(attacker.url);
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    // Chromium reports the refusal on the console and leaves the frame on its error page.
    await expect.poll(() => blocked.length > 0 || frame.url().startsWith('chrome-error:')).toBe(true);
    expect(frame.url()).not.toBe(`${BERTH}/sign-in`);
    expect(await frame.locator('text=Sign in to Berth').count().catch(() => 0)).toBe(0);
  } finally {
    await attacker.close();
  }
});

test('a password reset and a sign-out end console sessions', async ({ browser, request }) => {
  const user = await createUser(request);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user);
  expect((await page.request.get('/api/v1/me')).status()).toBe(200);
  await api(request, 'PATCH', `/api/v1/users/${user.username}`, { password: 'a-brand-new-password' });
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
  await page.goto('/tokens');
  await expect(page).toHaveURL(/\/sign-in/);

  // Sign in again, keep the cookie, sign out: the kept cookie no longer works.
  await signIn(page, { username: user.username, password: 'a-brand-new-password' });
  const cookies = await context.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const replayed = await replay.request.get(`${BERTH}/api/v1/me`);
  expect(replayed.status()).toBe(401);
  await replay.close();
  await context.close();
});

test('a throttled console sign-in answers 429 with Retry-After and says how many minutes to wait', async ({ page, request }) => {
  const user = await createUser(request);
  for (let i = 0; i < 10; i++) {
    const res = await request.get('/api/v1/me', { headers: { authorization: `Basic ${Buffer.from(`${user.username}:wrong-${i}`).toString('base64')}` } });
    expect(res.status()).toBe(401);
  }
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  const callback = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  const res = await callback;
  expect(res.status()).toBe(429);
  expect(Number(res.headers()['retry-after'])).toBeGreaterThan(0);
  await expect(page.getByRole('alert').filter({ hasText: /too many attempts, try again in \d+ minutes?/i })).toBeVisible();
});
