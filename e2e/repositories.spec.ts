import { expect, test } from '@playwright/test';
import { api, createNamespace, createRepository, randomName, repositoryApiPath, screenshot, signIn } from './support/fixtures';
import { expectPushed, pushImage, pushMultiArch } from './support/push';

test('a public and a private repository are created through the form, then found by search and filters', async ({ page, request }) => {
  const ns = await createNamespace(request);
  await signIn(page);
  await page.goto(`/repositories/new?namespace=${ns}`);
  await expect(page.getByLabel('Namespace')).toHaveValue(ns);

  const name = page.getByLabel('Repository name');
  await name.fill('Web_App');
  await expect(page.getByText(/components are lowercase letters and digits/)).toBeVisible();
  await name.fill('web');
  await page.getByText('Public', { exact: true }).click();
  await page.getByLabel(/Summary/).fill('The storefront');
  await screenshot(page, 'repository-new');
  await page.getByRole('button', { name: 'Create repository' }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${ns}/web$`));
  await expect(page.getByRole('heading', { level: 1, name: `${ns}/web` })).toBeVisible();
  await expect(page.getByText('The storefront')).toBeVisible();
  await expect(page.locator('main').getByText('Public', { exact: true }).first()).toBeVisible();
  // The new repository is empty, and says how to push to it.
  await expect(page.getByText('No tags yet')).toBeVisible();
  await expect(page.getByText(`podman push --tls-verify=false <image> 127.0.0.1:${new URL(page.url()).port}/${ns}/web:<tag>`)).toBeVisible();

  await page.goto(`/repositories/new?namespace=${ns}`);
  await page.getByLabel('Repository name').fill('tools/cli');
  await page.getByText('Private', { exact: true }).click();
  await page.getByRole('button', { name: 'Create repository' }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${ns}/tools/cli$`));
  await expect(page.getByRole('heading', { level: 1, name: `${ns}/tools/cli` })).toBeVisible();

  const detail = await api<{ visibility: string }>(request, 'GET', repositoryApiPath(`${ns}/tools/cli`));
  expect(detail.visibility).toBe('private');

  // The list, narrowed to the namespace, then by type, then by name.
  await page.goto(`/repositories?namespace=${ns}`);
  const rows = page.getByRole('table', { name: 'Repositories' }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + 2
  await expect(rows.filter({ hasText: `${ns}/web` }).getByText('Public')).toBeVisible();
  await expect(rows.filter({ hasText: `${ns}/tools/cli` }).getByText('Private')).toBeVisible();
  await page.getByLabel('Visibility').selectOption('public');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `${ns}/web` })).toBeVisible();
  await page.getByLabel('Visibility').selectOption('');
  await page.getByLabel('Search by name').fill('cli');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `${ns}/tools/cli` })).toBeVisible();
  await expect(page).toHaveURL(/q=cli/);
  await page.getByLabel('Search by name').fill(randomName('nothing'));
  await expect(page.getByText('No repositories match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByLabel('Namespace')).toHaveValue('');
});

test('pushed tags show their size, platforms and layers; the tag page shows the manifest', async ({ page, request }) => {
  const ns = await createNamespace(request);
  const repo = `${ns}/app`;
  expectPushed(await pushImage(repo, '1.0'));
  expectPushed(await pushMultiArch(repo, '2.0'));

  await signIn(page);
  await page.goto(`/repositories/${repo}`);
  await expect(page.getByText(`docker pull 127.0.0.1:${new URL(page.url()).port}/${repo}:2.0`)).toBeVisible();
  const single = page.getByTestId('tag-row-1.0');
  const multi = page.getByTestId('tag-row-2.0');
  await expect(single.getByText(/^\d+(\.\d)? KiB$/)).toBeVisible();
  // A single image shows the platform its config names.
  await expect(single.getByText('linux/amd64')).toBeVisible();
  await expect(single.getByText(/^sha256:[0-9a-f]{12}$/)).toHaveCount(2); // digest and image ID
  await expect(single.getByText('by admin')).toBeVisible();
  await expect(multi.getByText('linux/amd64')).toBeVisible();
  await expect(multi.getByText('linux/arm64')).toBeVisible();
  await screenshot(page, 'repository-tags');

  // Sorting and filtering.
  await page.getByLabel('Sort tags').selectOption('name:desc');
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('2.0');
  await page.getByLabel('Filter tags').fill('1.');
  await expect(multi).toHaveCount(0);
  await expect(single).toBeVisible();
  await page.getByLabel('Filter tags').fill('');

  await single.getByRole('link', { name: '1.0' }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/tags/1\\.0$`));
  const layers = page.getByRole('table', { name: 'Layers' });
  await expect(layers.getByRole('row')).toHaveCount(4); // header, config, 2 layers
  await expect(layers.getByText('OCI layer (gzip)').first()).toBeVisible();
  await expect(layers.getByText('OCI config')).toBeVisible();
  await expect(page.getByText('2 layers,')).toBeVisible();
  await expect(page.getByText('Image ID')).toBeVisible();
  // From the image config: its platform, build history (newest first, as docker history) and labels.
  await expect(page.getByRole('definition').filter({ hasText: 'linux/amd64' }).first()).toBeVisible();
  const history = page.getByRole('table', { name: 'Build history' });
  await expect(history.getByRole('row')).toHaveCount(4); // header, umoci config, two umoci inserts
  await expect(history.getByRole('row').nth(1)).toContainText('umoci config');
  await expect(history.getByRole('row').nth(1)).toContainText('0 B');
  await expect(history.getByText('umoci insert')).toHaveCount(2);
  await expect(page.getByText('org.opencontainers.image.title')).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: new RegExp(`^${repo}$`) })).toBeVisible();
  await screenshot(page, 'tag-detail-image');

  await page.getByRole('link', { name: 'All tags' }).click();
  await multi.getByRole('link', { name: '2.0' }).click();
  const platforms = page.getByRole('table', { name: 'Platforms' });
  await expect(platforms.getByText('linux/amd64')).toBeVisible();
  await expect(platforms.getByText('linux/arm64')).toBeVisible();
  await expect(page.getByText('OCI index', { exact: true })).toBeVisible();
  await screenshot(page, 'tag-detail-index');

  // A tag that does not exist.
  await page.goto(`/repositories/${repo}/-/tags/nope`);
  await expect(page.getByText('Tag nope not found')).toBeVisible();
});

test('a tag is deleted through the confirmation dialog', async ({ page, request }) => {
  const ns = await createNamespace(request);
  const repo = `${ns}/app`;
  expectPushed(await pushImage(repo, 'keep'));
  expectPushed(await pushImage(repo, 'old'));

  await signIn(page);
  await page.goto(`/repositories/${repo}`);
  const old = page.getByTestId('tag-row-old');
  await old.getByRole('button', { name: 'Delete tag old' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete tag old?' });
  await expect(dialog).toBeVisible();
  await screenshot(page, 'tag-delete-dialog');
  await page.keyboard.press('Escape'); // Esc cancels
  await expect(dialog).toBeHidden();
  await expect(old).toBeVisible();

  await old.getByRole('button', { name: 'Delete tag old' }).click();
  await dialog.getByRole('button', { name: 'Delete tag' }).click();
  await expect(page.getByText('Tag old deleted')).toBeVisible();
  await expect(old).toHaveCount(0);
  await expect(page.getByTestId('tag-row-keep')).toBeVisible();
  const res = await request.get(`${repositoryApiPath(repo)}/tags/old`, {
    headers: { authorization: `Basic ${Buffer.from('admin:e2e-admin-password').toString('base64')}` },
  });
  expect(res.status()).toBe(404);
});

test('the description is edited as Markdown and rendered without raw HTML; the type is switched', async ({ page, request }) => {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'docs' });
  await signIn(page);
  await page.goto(`/repositories/${repo}/-/overview`);
  await expect(page.getByText('No description')).toBeVisible();
  await page.getByRole('button', { name: 'Edit summary and description' }).click();
  await page.getByLabel('Summary', { exact: true }).fill('Documentation site');
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('# Docs\n\nRun **it** with `make`.\n\n- one\n- two\n\n<script>window.__xss = 1</script>\n\n[site](https://example.com) [bad](javascript:alert(1))');
  await page.getByRole('tab', { name: 'Preview' }).click();
  await expect(page.getByRole('tabpanel').getByRole('heading', { name: 'Docs' })).toBeVisible();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Description saved')).toBeVisible();

  const article = page.getByRole('article', { name: 'Description' });
  await expect(article.getByRole('heading', { name: 'Docs' })).toBeVisible();
  await expect(article.locator('strong')).toHaveText('it');
  await expect(article.getByRole('listitem')).toHaveCount(2);
  await expect(article.getByRole('link', { name: 'site' })).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(article.getByText('<script>window.__xss = 1</script>')).toBeVisible(); // shown as text
  await expect(article.locator('script')).toHaveCount(0);
  await expect(article.getByRole('link', { name: 'bad' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.getByText('Documentation site')).toBeVisible();
  await screenshot(page, 'repository-overview');

  // Making it public asks first.
  await page.getByRole('switch', { name: 'Public' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Make public' }).click();
  await expect(page.getByRole('switch', { name: 'Public' })).toHaveAttribute('aria-checked', 'true');
  expect((await api<{ visibility: string }>(request, 'GET', repositoryApiPath(repo))).visibility).toBe('public');
  await page.getByRole('switch', { name: 'Public' }).click(); // back to private: no question
  await expect(page.getByRole('switch', { name: 'Public' })).toHaveAttribute('aria-checked', 'false');
  await expect.poll(async () => (await api<{ visibility: string }>(request, 'GET', repositoryApiPath(repo))).visibility).toBe('private');
});
