import { expect, test, type Page } from '@playwright/test';
import { api, createNamespace, createRepository, createUser, randomName, repositoryApiPath, signIn } from './support/fixtures';
import { expectAccessible } from './support/axe';
import { expectPushed, pushImage } from './support/push';

// The image lifecycle in the console: the Storage page (garbage collection), retention and immutability rules,
// the namespace quota, and Copy / promote and Deploy on a tag.

// Each test pushes an image with real clients first, which takes a while on a busy machine.
test.describe.configure({ timeout: 180_000 });

const tagPage = (repo: string, tag: string) => `/repositories/${repo}/-/tags/${encodeURIComponent(tag)}`;

/** A repository with `1.0` pushed, and more tags of the same image made by server-side copies. */
async function seedRepository(request: Parameters<typeof api>[0], extraTags: string[] = []): Promise<{ ns: string; repo: string; digest: string }> {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'app' });
  expectPushed(await pushImage(repo, '1.0'));
  for (const t of extraTags) await api(request, 'POST', `${repositoryApiPath(repo)}/tags/1.0/copy`, { to: `${repo}:${t}` });
  const tag = await api<{ digest: string }>(request, 'GET', `${repositoryApiPath(repo)}/tags/1.0`);
  return { ns, repo, digest: tag.digest };
}

async function openDialog(page: Page, button: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('the Storage page runs a dry run of garbage collection and shows it; non-admins get not found', async ({ browser, page, request }) => {
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Storage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Storage' })).toBeVisible();
  // The e2e server runs with the default schedule.
  await expect(page.getByText('daily at 03:00 UTC', { exact: true })).toBeVisible();
  await expect(page.getByText('Storage used')).toBeVisible();
  const before = await api<{ runs: unknown[] }>(request, 'GET', '/api/v1/gc/runs');

  const dialog = await openDialog(page, 'Run now');
  await expect(dialog.getByRole('switch', { name: 'Dry run' })).toHaveAttribute('aria-checked', 'true');
  await dialog.getByLabel('Grace period (minutes)').fill('ten');
  await dialog.getByRole('button', { name: 'Start dry run' }).click();
  await expect(dialog.getByText('a whole number of minutes')).toBeVisible();
  await dialog.getByLabel('Grace period (minutes)').fill('0');
  await dialog.getByRole('switch', { name: 'Delete untagged manifests' }).click();
  await dialog.getByRole('button', { name: 'Start dry run' }).click();
  await expect(dialog).toBeHidden();

  const runs = page.getByRole('table', { name: 'Garbage collection runs' }).getByTestId('gc-run');
  await expect(runs).toHaveCount(before.runs.length + 1);
  const newest = runs.first();
  await expect(newest.getByText('dry run')).toBeVisible();
  await expect(newest.getByText('by admin')).toBeVisible();
  // The worker picks it up; the page follows it to the end.
  await expect(newest.getByText('succeeded')).toBeVisible({ timeout: 30_000 });
  await expect(newest).toContainText('untagged manifests too; grace 0 ms');
  const after = await api<{ runs: Array<{ dryRun: boolean; deleteUntagged: boolean; gracePeriodSeconds: number; status: string }> }>(request, 'GET', '/api/v1/gc/runs');
  expect(after.runs[0]).toMatchObject({ dryRun: true, deleteUntagged: true, gracePeriodSeconds: 0, status: 'succeeded' });
  await expectAccessible(page, 'the Storage page');

  // Another user, in a browser of their own.
  const user = await createUser(request);
  const context = await browser.newContext();
  const userPage = await context.newPage();
  await signIn(userPage, user);
  await expect(userPage.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Storage' })).toHaveCount(0);
  const res = await userPage.goto('/storage');
  expect(res?.status()).toBe(404);
  await expect(userPage.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await context.close();
});

test('a retention rule is added on a repository and its dry run lists the tags that would go, and why', async ({ page, request }) => {
  const { repo } = await seedRepository(request, ['v2', 'nightly']);
  await signIn(page);
  await page.goto(`/repositories/${repo}/-/lifecycle`);
  await expect(page.getByText('No rules: no tag is removed automatically.')).toBeVisible();

  let dialog = await openDialog(page, 'Add retention rule');
  await dialog.getByLabel('Rule name').fill('releases');
  await dialog.getByLabel('Kind').selectOption('keepMatching');
  await dialog.getByLabel('Tag pattern (RE2)').fill('v(');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(dialog.getByText(/not a valid RE2 pattern/)).toBeVisible();
  await dialog.getByLabel('Tag pattern (RE2)').fill('v[0-9]+');
  await dialog.getByRole('button', { name: 'Add rule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('retention-rule-releases')).toContainText('keeps tags matching v[0-9]+');

  await page.getByRole('button', { name: 'Preview (dry run)' }).click();
  await expect(page.getByText('Dry run: 2 tags would be removed')).toBeVisible();
  const preview = page.getByRole('table', { name: 'Tags that would be removed' });
  await expect(preview.getByRole('row', { name: new RegExp(`${repo}:nightly`) })).toContainText('no rule keeps it');
  await expect(preview.getByRole('row', { name: new RegExp(`${repo}:1\\.0`) })).toBeVisible();
  await expect(preview.getByText(`${repo}:v2`)).toHaveCount(0);
  // A dry run removes nothing.
  const tags = await api<{ items: Array<{ name: string }> }>(request, 'GET', `${repositoryApiPath(repo)}/tags`);
  expect(tags.items.map((t) => t.name).sort()).toEqual(['1.0', 'nightly', 'v2']);
  await expectAccessible(page, 'the repository Lifecycle tab');

  // Editing replaces the criterion.
  await page.getByRole('button', { name: 'Edit retention rule releases' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind').selectOption('keepNewest');
  await dialog.getByLabel('Number of tags').fill('0');
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog.getByText('a whole number from 1 to 100000')).toBeVisible();
  await dialog.getByLabel('Number of tags').fill('5');
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('retention-rule-releases')).toContainText('keeps the 5 newest tags');
  await page.getByRole('button', { name: 'Delete retention rule releases' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByTestId('retention-rule-releases')).toHaveCount(0);
});

test('an immutability rule on a namespace refuses deleting a matching tag in the console, with the rule named', async ({ page, request }) => {
  const { ns, repo } = await seedRepository(request, ['v1.2']);
  await signIn(page);
  await page.goto(`/namespaces/${ns}`);
  const form = page.getByRole('form', { name: 'Add an immutability rule' });
  await form.getByLabel('Rule name').fill('releases');
  await form.getByLabel('Tag pattern').fill('^v[0-9](');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByText(/not a valid RE2 pattern/)).toBeVisible();
  await expect(form.getByLabel('Tag pattern')).toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Tag pattern').fill('v[0-9].*');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.getByTestId('immutability-rule-releases')).toContainText('v[0-9].*');
  await expectAccessible(page, 'the namespace page with its Lifecycle section');

  await page.goto(tagPage(repo, 'v1.2'));
  await page.getByRole('button', { name: 'Delete tag' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('space-returns')).toContainText('at the next garbage collection run (daily at 03:00 UTC)');
  await expect(dialog.getByRole('link', { name: 'Run garbage collection now' })).toHaveAttribute('href', '/storage');
  await dialog.getByRole('button', { name: 'Delete tag' }).click();
  await expect(dialog.getByText('tag "v1.2" is immutable (rule "releases")')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await api(request, 'GET', `${repositoryApiPath(repo)}/tags/v1.2`);

  // Deleting the rule lets the tag go.
  await page.goto(`/namespaces/${ns}`);
  await page.getByRole('button', { name: 'Delete immutability rule releases' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete rule' }).click();
  await expect(page.getByTestId('immutability-rule-releases')).toHaveCount(0);
});

test('an administrator sets a namespace quota and the bar shows the usage against it', async ({ page, request }) => {
  const { ns } = await seedRepository(request);
  const before = await api<{ usageBytes: number }>(request, 'GET', `/api/v1/namespaces/${ns}`);
  expect(before.usageBytes).toBeGreaterThan(0);
  await signIn(page);
  await page.goto(`/namespaces/${ns}`);
  await expect(page.getByTestId('quota-usage')).toContainText('used, no quota');

  const quota = page.getByLabel('Quota', { exact: true });
  await quota.fill('lots');
  await page.getByRole('button', { name: 'Set quota' }).click();
  await expect(page.getByText('a size such as 500MiB or 10GiB')).toBeVisible();
  await quota.fill('10MiB');
  await page.getByRole('button', { name: 'Set quota' }).click();
  const bar = page.getByRole('progressbar', { name: 'Quota usage' });
  await expect(bar).toHaveAttribute('aria-valuemax', String(10 * 1024 * 1024));
  await expect(bar).toHaveAttribute('aria-valuenow', String(before.usageBytes));
  await expect(bar).toHaveAttribute('aria-valuetext', /of 10 MiB used/);
  expect((await api<{ quotaBytes: number | null }>(request, 'GET', `/api/v1/namespaces/${ns}`)).quotaBytes).toBe(10 * 1024 * 1024);
  await expectAccessible(page, 'the quota bar');

  await page.getByRole('button', { name: 'Clear quota' }).click();
  await expect(page.getByTestId('quota-usage')).toContainText('used, no quota');
  expect((await api<{ quotaBytes: number | null }>(request, 'GET', `/api/v1/namespaces/${ns}`)).quotaBytes).toBeNull();
});

test('Copy / promote copies a tag into another namespace, and shows an immutable target refusal inline', async ({ page, request }) => {
  const { repo, digest } = await seedRepository(request);
  const prodNs = await createNamespace(request, { name: randomName('prod') });
  const prod = await createRepository(request, prodNs, { name: 'app' });
  await signIn(page);
  await page.goto(tagPage(repo, '1.0'));

  let dialog = await openDialog(page, 'Copy / promote');
  await dialog.getByLabel('Target').fill('no-tag-here');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByText('must be namespace/repository:tag')).toBeVisible();
  await dialog.getByLabel('Target').fill(`${prod}:1.0`);
  await expectAccessible(page, 'the Copy / promote dialog');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByText('Copied')).toBeVisible();
  await dialog.getByRole('link', { name: `Open ${prod}:1.0` }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${prod}/-/tags/1\\.0$`));
  await expect(page.getByText(digest).first()).toBeVisible();
  expect((await api<{ digest: string }>(request, 'GET', `${repositoryApiPath(prod)}/tags/1.0`)).digest).toBe(digest);

  // The target's immutability rule applies as to a push: moving 1.0 to another image is refused, in its words.
  expectPushed(await pushImage(repo, '2.0', { layers: [{ files: { 'etc/other': 'two\n' } }] }));
  await api(request, 'POST', `/api/v1/namespaces/${prodNs}/immutability-rules`, { name: 'frozen', pattern: '1\\..*' });
  await page.goto(tagPage(repo, '2.0'));
  dialog = await openDialog(page, 'Copy / promote');
  await dialog.getByLabel('Target').fill(`${prod}:1.0`);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByText('tag "1.0" is immutable (rule "frozen")')).toBeVisible();
  expect((await api<{ digest: string }>(request, 'GET', `${repositoryApiPath(prod)}/tags/1.0`)).digest).toBe(digest);
});

test('Deploy generates Kubernetes YAML by digest with a pull secret from a new read-only, namespace-limited token, created once', async ({ page, request }) => {
  const { ns, repo, digest } = await seedRepository(request);
  type Token = { name: string; readOnly: boolean; namespaces: string[]; expiresAt: string | null; status: string };
  const deployTokens = async () =>
    (await api<{ tokens: Token[] }>(request, 'GET', '/api/v1/tokens')).tokens.filter((t) => t.name === `deploy ${repo}:1.0`);
  expect(await deployTokens()).toEqual([]);
  await signIn(page);
  await page.goto(tagPage(repo, '1.0'));

  const dialog = await openDialog(page, 'Deploy');
  await dialog.getByLabel('Kubernetes namespace').fill('Not_Valid');
  await dialog.getByLabel('Container ports').fill('8080, http');
  await dialog.getByRole('button', { name: 'Create token and generate' }).click();
  await expect(dialog.getByText(/a DNS-1123 label/)).toBeVisible();
  await expect(dialog.getByText(/ports such as 8080/)).toBeVisible();
  expect(await deployTokens()).toEqual([]);

  await dialog.getByLabel('Kubernetes namespace').fill('shop');
  await dialog.getByLabel('Container ports').fill('8080');
  await dialog.getByLabel('Pull token expires after (days)').fill('7');
  await dialog.getByRole('button', { name: 'Create token and generate' }).click();
  const yaml = dialog.getByTestId('deploy-yaml');
  await expect(yaml).toContainText(`image: 127.0.0.1:${new URL(page.url()).port}/${repo}@${digest}`);
  await expect(yaml).toContainText('kind: Deployment');
  await expect(yaml).toContainText('kind: Service');
  await expect(yaml).toContainText('type: kubernetes.io/dockerconfigjson');
  await expect(yaml).toContainText('namespace: shop');
  await expect(dialog.getByText('kubectl apply -f app.yaml')).toBeVisible();
  await expect(dialog.getByText(`docker run --rm -p 8080:8080 127.0.0.1:${new URL(page.url()).port}/${repo}@${digest}`)).toBeVisible();
  await expect(dialog.getByText(/podman run --rm -p 8080:8080/)).toBeVisible();
  await expectAccessible(page, 'the Deploy dialog');

  const tokens = await deployTokens();
  expect(tokens).toHaveLength(1);
  expect(tokens[0]).toMatchObject({ readOnly: true, namespaces: [ns], status: 'active' });
  const days = (Date.parse(tokens[0]!.expiresAt!) - Date.now()) / 86_400_000;
  expect(days).toBeGreaterThan(6.9);
  expect(days).toBeLessThanOrEqual(7);

  // Closing forgets the secret; opening again starts from the form and creates nothing until asked.
  await dialog.getByRole('button', { name: 'Done' }).click();
  await openDialog(page, 'Deploy');
  await expect(page.getByRole('dialog').getByTestId('deploy-yaml')).toHaveCount(0);
  expect(await deployTokens()).toHaveLength(1);
});
