import { expect, test } from '@playwright/test';
import { createNamespace, createRepository, createUser, screenshot, signIn } from './support/fixtures';
import { expectPushed, pushImage } from './support/push';

test('read access granted in the Permissions tab lets a user see and pull a repository, but not push to it', async ({ page, browser, request }) => {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'secret', visibility: 'private' });
  expectPushed(await pushImage(repo, '1.0'));
  const reader = await createUser(request, { prefix: 'reader' });

  await signIn(page);
  await page.goto(`/repositories/${repo}`);
  await page.getByRole('link', { name: 'Permissions' }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/permissions$`));
  await expect(page.getByText('No one holds a grant on this repository alone')).toBeVisible();
  await page.getByLabel('Username').fill(reader.username);
  await page.getByLabel('Level', { exact: true }).selectOption('read');
  await page.getByRole('button', { name: 'Grant access' }).click();
  const row = page.getByRole('row').filter({ hasText: reader.username });
  await expect(row.getByRole('combobox')).toHaveValue('read');
  await screenshot(page, 'repository-permissions');

  // The reader, in a browser of their own.
  const context = await browser.newContext();
  const readerPage = await context.newPage();
  await signIn(readerPage, reader);
  await readerPage.goto('/repositories');
  await readerPage.getByLabel('Search by name').fill('secret');
  await expect(readerPage).toHaveURL(/q=secret/);
  await readerPage.getByRole('link', { name: repo }).click();
  await expect(readerPage.getByRole('heading', { level: 1, name: repo })).toBeVisible();
  await expect(readerPage.getByTestId('tag-row-1.0')).toBeVisible();
  // Read access offers nothing to change.
  await expect(readerPage.getByRole('link', { name: 'Permissions' })).toHaveCount(0);
  await expect(readerPage.getByRole('switch', { name: 'Public' })).toHaveCount(0);
  await expect(readerPage.getByRole('button', { name: /Delete/ })).toHaveCount(0);
  await readerPage.getByRole('navigation', { name: 'Repository sections' }).getByRole('link', { name: 'Overview' }).click();
  await expect(readerPage.getByRole('button', { name: 'Edit summary and description' })).toHaveCount(0);
  await screenshot(readerPage, 'repository-as-reader');

  // The registry refuses the reader's push.
  const push = await pushImage(repo, 'mine', { creds: reader });
  expect(push.code).not.toBe(0);
  expect(`${push.stdout}\n${push.stderr}`.toLowerCase()).toContain('denied');

  // Back as the admin: raise to write, then revoke; the reader then sees nothing.
  await row.getByRole('combobox').selectOption('write');
  await expect(page.getByText(`${reader.username} now has write access`)).toBeVisible();
  await row.getByRole('button', { name: `Revoke access of ${reader.username}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
  await expect(row).toHaveCount(0);
  await readerPage.goto(`/repositories/${repo}`);
  await expect(readerPage.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await context.close();
});

test('a user without rights sees neither a private repository in the list, nor its page, nor its actions', async ({ page, request }) => {
  const ns = await createNamespace(request);
  const hidden = await createRepository(request, ns, { name: 'hidden', visibility: 'private' });
  const open = await createRepository(request, ns, { name: 'open', visibility: 'public' });
  expectPushed(await pushImage(open, '1.0'));
  const outsider = await createUser(request, { prefix: 'outsider' });

  await signIn(page, outsider);
  await page.goto(`/repositories?namespace=${ns}`);
  const table = page.getByRole('table', { name: 'Repositories' });
  await expect(table.getByRole('link', { name: open })).toBeVisible();
  await expect(table.getByRole('link', { name: hidden })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Delete/ })).toHaveCount(0);

  // The public repository can be read, and offers no changes.
  await table.getByRole('link', { name: open }).click();
  await expect(page.getByRole('heading', { level: 1, name: open })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete tag 1.0' })).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Public' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Permissions' })).toHaveCount(0);

  // The private one answers like a missing one, on every path to it.
  for (const path of [`/repositories/${hidden}`, `/repositories/${hidden}/-/permissions`, `/repositories/${hidden}/-/tags/1.0`]) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(page.getByText(hidden)).toHaveCount(0);
  }
  await screenshot(page, 'repository-not-found');

  // The namespace is visible through its public repository, but read-only.
  await page.goto(`/namespaces/${ns}`);
  await expect(page.getByRole('heading', { level: 1, name: ns })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save settings' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete namespace' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Members' })).toHaveCount(0);
});
