import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN_PASSWORD } from './global-setup';

export const ADMIN = { username: 'admin', password: E2E_ADMIN_PASSWORD };
export type Creds = { username: string; password: string };

/** A name no other test (or earlier run) uses: lowercase, valid as a namespace, repository or username. */
export function randomName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export function basic(creds: Creds): string {
  return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
}

/** REST calls with Basic credentials (the admin's unless told otherwise); throws with the body unless 2xx. */
export async function api<T = unknown>(
  request: APIRequestContext,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  as: Creds = ADMIN,
): Promise<T> {
  const res = await request.fetch(path, {
    method,
    headers: { authorization: basic(as), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function createUser(request: APIRequestContext, opts: { prefix?: string; namespaceLimit?: number | null } = {}): Promise<Creds> {
  const creds = { username: randomName(opts.prefix ?? 'user'), password: `pw-${randomBytes(6).toString('hex')}` };
  await api(request, 'POST', '/api/v1/users', { ...creds, ...(opts.namespaceLimit !== undefined ? { namespaceLimit: opts.namespaceLimit } : {}) });
  return creds;
}

export async function createNamespace(
  request: APIRequestContext,
  opts: { name?: string; as?: Creds; autoCreateRepository?: boolean; defaultVisibility?: 'public' | 'private' } = {},
): Promise<string> {
  const name = opts.name ?? randomName('ns');
  const { as, name: _n, ...settings } = opts;
  await api(request, 'POST', '/api/v1/namespaces', { name, ...settings }, as);
  return name;
}

export async function createRepository(
  request: APIRequestContext,
  namespace: string,
  opts: { name?: string; visibility?: 'public' | 'private'; summary?: string; description?: string } = {},
): Promise<string> {
  const name = opts.name ?? randomName('repo');
  await api(request, 'POST', '/api/v1/repositories', { namespace, name, visibility: opts.visibility ?? 'private', ...(opts.summary ? { summary: opts.summary } : {}) });
  const full = `${namespace}/${name}`;
  if (opts.description) await api(request, 'PATCH', repositoryApiPath(full), { description: opts.description });
  return full;
}

/** Gives `user` a level on every repository of namespace `ns`. */
export async function grantNamespace(request: APIRequestContext, ns: string, user: Creds, level: 'read' | 'write' | 'admin'): Promise<void> {
  await api(request, 'PUT', `/api/v1/namespaces/${ns}/permissions/${user.username}`, { level });
}

export function repositoryApiPath(fullName: string): string {
  const i = fullName.indexOf('/');
  return `/api/v1/repositories/${encodeURIComponent(fullName.slice(0, i))}/${encodeURIComponent(fullName.slice(i + 1))}`;
}

export function repositoryPage(fullName: string, suffix = ''): string {
  return `/repositories/${fullName}${suffix}`;
}

/** Signs in through the form and waits for the console. */
export async function signIn(page: Page, creds: Creds = ADMIN): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(creds.username);
  await page.getByLabel('Password').fill(creds.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Password hashing is deliberately slow, and slower on a busy machine: give the sign-in time to finish.
  // Signing in lands on the overview at `/`.
  await expect(page).toHaveURL(/^http:\/\/[^/]+\/$/, { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

const SCREENSHOT_DIR = 'test-results/screenshots';

/** A full-page screenshot kept as a CI artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // Let fonts, transitions and pending queries settle so the picture shows the finished page.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true, animations: 'disabled' });
}

export async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem('berth-theme', t);
    document.documentElement.classList.toggle('dark', t === 'dark');
    document.documentElement.style.colorScheme = t;
  }, theme);
}

/**
 * The looks the page screenshots cover: 1280 and 390 px wide, light and dark. `shoot` runs once per look on a fresh
 * page signed in as `as`, and names its pictures with the look (`dark-390`) as their suffix.
 */
export async function inEveryLook(browser: Browser, as: Creds, shoot: (page: Page, look: string) => Promise<void>): Promise<void> {
  for (const width of [1280, 390]) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, as);
      await setTheme(page, theme);
      await shoot(page, `${theme}-${width}`);
      await context.close();
    }
  }
}
