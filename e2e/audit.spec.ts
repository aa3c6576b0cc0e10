import { expect, test } from '@playwright/test';
import { ADMIN, api, basic, createNamespace, createRepository, createUser, grantNamespace, inEveryLook, randomName, screenshot, signIn } from './support/fixtures';
import { privateImageWithReader, pushImage } from './support/push';

test('a denied push appears in the audit log, and filtering by outcome finds it', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { repo, reader } = await privateImageWithReader(request, { name: 'guarded', prefix: 'reader' });

  // The reader may pull but not push: the registry refuses a real client...
  const push = await pushImage(repo, 'mine', { creds: reader });
  expect(push.code).not.toBe(0);
  // ...and a push started with Basic credentials; both are recorded as denied cr:PushRepository.
  const started = await request.post(`/v2/${repo}/blobs/uploads/`, { headers: { authorization: basic(reader) } });
  expect(started.status()).toBe(403);

  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const filters = page.getByRole('search', { name: 'Filter audit events' });
  await filters.getByLabel('Actor', { exact: true }).fill(reader.username);
  await filters.getByLabel('Outcome', { exact: true }).selectOption('denied');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/outcome=denied/);
  const table = page.getByRole('table', { name: 'Audit events' });
  const deniedPush = table.getByRole('row').filter({ hasText: 'cr:PushRepository' });
  await expect(deniedPush.first()).toContainText('denied');
  await expect(deniedPush.first()).toContainText(`repository/${repo}`);
  await expect(table.getByText('allowed', { exact: true })).toHaveCount(0);
  await screenshot(page, 'audit-denied');

  // Only allowed events: the denied push is gone.
  await filters.getByLabel('Outcome', { exact: true }).selectOption('allowed');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/outcome=allowed/);
  await expect(page.getByRole('row').filter({ hasText: 'cr:PushRepository' })).toHaveCount(0);

  // A filter that matches nothing says so, and clears in one click.
  await filters.getByLabel('Namespace', { exact: true }).fill('no-such-namespace-anywhere');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No events match these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();

  // A bad date range is refused beside the field.
  await filters.getByLabel('From', { exact: true }).fill('2030-01-02');
  await filters.getByLabel('To', { exact: true }).fill('2030-01-01');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(filters.getByText('must not be before the start date')).toBeVisible();
});

// The token flow narrows a client's token to what the user may do; the push is then refused against the token's
// scope, and that refusal is in the log like any other.
test('a push refused to a real client through the token flow is in the audit log', async ({ request }) => {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'guarded' });
  const reader = await createUser(request);
  await grantNamespace(request, ns, reader, 'read');
  expect((await pushImage(repo, 'mine', { creds: reader })).code).not.toBe(0);
  const page = await api<{ items: unknown[] }>(request, 'GET', `/api/v1/audit?actor=${reader.username}&outcome=denied&action=cr:PushRepository`);
  expect(page.items.length).toBeGreaterThan(0);
});

test('the audit log loads more with the cursor', async ({ page, request }) => {
  const user = await createUser(request, { prefix: 'noisy' });
  // 60 refusals (listing users needs cr:ManageUser): more than one page of 50.
  for (let i = 0; i < 60; i++) {
    const res = await request.get('/api/v1/users', { headers: { authorization: basic(user) } });
    expect(res.status()).toBe(403);
  }
  await signIn(page);
  await page.goto(`/audit?actor=${user.username}&outcome=denied&action=cr:ManageUser`);
  const rows = page.getByRole('table', { name: 'Audit events' }).getByTestId('audit-row');
  await expect(rows).toHaveCount(50);
  await expect(page.getByText('50 events shown')).toBeVisible();
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(60);
  await expect(page.getByText('60 events, all shown')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
});

test('a namespace owner sees only the events of their own namespaces', async ({ page, request }) => {
  const owner = await createUser(request, { prefix: 'owner' });
  await signIn(page, owner);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByText('Who did what in the namespaces you own')).toBeVisible();
  await expect(page.getByText('No events yet')).toBeVisible();
  await screenshot(page, 'audit-empty');

  // Allowed to create a namespace, they own one; the admin then creates a repository in it.
  const policy = randomName('create-ns');
  await api(request, 'POST', '/api/v1/policies', {
    name: policy,
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cr:CreateNamespace', Resource: '*' }] },
  });
  await api(request, 'PUT', `/api/v1/users/${owner.username}/policies/${policy}`);
  const ns = await createNamespace(request, { as: owner });
  await createRepository(request, ns, { name: 'by-admin' });
  await createNamespace(request); // someone else's: not shown

  await page.reload();
  const rows = page.getByRole('table', { name: 'Audit events' }).getByTestId('audit-row');
  await expect(rows.filter({ hasText: `repository/${ns}/by-admin` })).toContainText('cr:CreateRepository');
  await expect(rows.filter({ hasText: `namespace/${ns}` }).first()).toContainText(owner.username);
  await expect(rows.filter({ hasNotText: ns })).toHaveCount(0);
});

test('screenshots of the audit log, light and dark, 1280 and 390 px wide', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const user = await createUser(request, { prefix: 'shot' });
  await request.get('/api/v1/users', { headers: { authorization: basic(user) } });
  await inEveryLook(browser, ADMIN, async (page, look) => {
    await page.goto('/audit');
    await expect(page.getByRole('table', { name: 'Audit events' })).toBeVisible();
    await screenshot(page, `audit-${look}`);
  });
});
