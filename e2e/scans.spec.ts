import { expect, test, type Page } from '@playwright/test';
import { api, createNamespace, createRepository, createUser, repositoryApiPath, screenshot, signIn } from './support/fixtures';
import { expectPushed, pushImage, pushMultiArch } from './support/push';
import { FAKE_AWS_KEY_ID, fixtureRecords, importFixtureRecords, LODASH, OPENSSH, scanAndWait, vulnerableImageLayers } from './support/scans';

/** The rows of the report's vulnerabilities table, header excluded. */
const vulnerabilityRows = (page: Page) => page.getByRole('table', { name: 'Vulnerabilities' }).locator('tbody tr');

test('an administrator imports vulnerability data, scans a tag from its page and reads the report', async ({ page, request }) => {
  test.setTimeout(120_000);
  const ns = await createNamespace(request);
  const repo = `${ns}/app`;
  expectPushed(await pushImage(repo, '1.0', { layers: vulnerableImageLayers() }));

  // The upload form sends the file; the page shows what the import did and what the data now holds.
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Vulnerability data' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vulnerability data' })).toBeVisible();
  await page.getByLabel('OSV file').setInputFiles({ name: 'osv-fixtures.json', mimeType: 'application/json', buffer: fixtureRecords() });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  // Another test may have imported the same records into this server already: then they are unchanged.
  await expect(page.getByTestId('vulndb-import-result')).toHaveText(/^(2 added|0 added, 2 unchanged)\.$/);
  await expect(page.getByText('Imported osv-fixtures.json')).toBeVisible();
  const ecosystems = page.getByRole('table', { name: 'Records per ecosystem' });
  await expect(ecosystems.getByRole('row', { name: /Debian:12/ })).toBeVisible();
  await expect(ecosystems.getByRole('row', { name: /npm/ })).toBeVisible();
  const imports = page.getByRole('table', { name: 'Recent imports' });
  await expect(imports.getByRole('row').filter({ hasText: 'osv-fixtures.json' }).first()).toContainText('succeeded');
  await expect(imports.getByRole('row').filter({ hasText: 'osv-fixtures.json' }).first()).toContainText('admin');
  await screenshot(page, 'vulnerability-data');

  // The tag page: never scanned, then Scan shows the scan's progress until it ends.
  await page.goto(`/repositories/${repo}/-/tags/1.0`);
  const panel = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Vulnerability scan' }) });
  await expect(panel.getByText('This image has not been scanned yet.')).toBeVisible();
  await panel.getByRole('button', { name: 'Scan', exact: true }).click();
  await expect(panel.getByRole('progressbar')).toBeVisible();
  await expect(panel.getByRole('link', { name: 'View report' })).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByText('1 High')).toBeVisible();
  await expect(panel.getByText('1 Unknown')).toBeVisible();
  await panel.getByRole('link', { name: 'View report' }).click();

  // The report.
  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/tags/1\\.0/scan$`));
  await expect(page.getByRole('heading', { name: 'Scan of 1.0' })).toBeVisible();
  await expect(page.getByText(/vulnerability data imported (just now|\d+ (seconds?|minutes?) ago)/)).toBeVisible();
  await expect(page.getByText('Debian GNU/Linux 12 (bookworm)', { exact: false })).toBeVisible();
  const rows = vulnerabilityRows(page);
  await expect(rows).toHaveCount(2);
  // Most severe first.
  await expect(rows.nth(0)).toContainText(LODASH.id);
  const openssh = page.getByTestId(`vulnerability-${OPENSSH.id}`);
  await expect(openssh.getByRole('link', { name: OPENSSH.id })).toHaveAttribute('href', `https://osv.dev/vulnerability/${OPENSSH.id}`);
  await expect(openssh).toContainText('openssh');
  await expect(openssh).toContainText('openssh-client'); // the binary package built from the source package
  await expect(openssh).toContainText(OPENSSH.installed);
  await expect(openssh).toContainText(OPENSSH.fixed);
  await expect(openssh).toContainText(OPENSSH.level);
  await expect(openssh.getByTitle(/^Layer 1: sha256:[0-9a-f]{64}$/)).toHaveText('1');
  const lodash = page.getByTestId(`vulnerability-${LODASH.id}`);
  await expect(lodash).toContainText(LODASH.fixed);
  await expect(lodash).toContainText(LODASH.level);
  await expect(lodash.getByTitle(/^Layer 2: /)).toHaveText('2');

  // Sorting by ID, both ways.
  await page.getByRole('columnheader', { name: 'ID' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'ID' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.nth(0)).toContainText(OPENSSH.id);
  await page.getByRole('columnheader', { name: 'ID' }).getByRole('button').click();
  await expect(rows.nth(0)).toContainText(LODASH.id);

  // Filtering by level, then by text.
  await page.getByLabel('Level', { exact: true }).selectOption('High');
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(LODASH.id);
  await page.getByLabel('Level', { exact: true }).selectOption('Unknown');
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText(OPENSSH.id);
  await page.getByLabel('Level', { exact: true }).selectOption('Medium');
  await expect(page.getByText('No vulnerabilities match')).toBeVisible();
  await page.getByLabel('Level', { exact: true }).selectOption('');
  await page.getByLabel('Filter vulnerabilities').fill('lodash');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Filter vulnerabilities').fill('');
  await expect(rows).toHaveCount(2);

  // The secret, masked: the key itself is nowhere on the page.
  const secrets = page.getByRole('table', { name: 'Secrets' });
  const secret = secrets.getByRole('row').filter({ hasText: 'aws-access-key-id' });
  await expect(secret).toContainText('/root/.aws/credentials');
  await expect(secret).toContainText('AKIA****');
  expect(await page.content()).not.toContain(FAKE_AWS_KEY_ID);

  // The package inventory, folded until asked for.
  const packages = page.getByRole('table', { name: 'Packages' });
  await expect(packages).toBeHidden();
  await page.getByRole('button', { name: /Show 3 packages/ }).click();
  await expect(packages.getByRole('row')).toHaveCount(4);
  await page.getByLabel('Filter packages').fill('lodash');
  await expect(packages.getByRole('row')).toHaveCount(2);
  await expect(packages.getByRole('row').nth(1)).toContainText('/app/node_modules/lodash/package.json');
  await screenshot(page, 'scan-report');

  // The tags list carries the badge, which links to the report.
  await page.goto(`/repositories/${repo}`);
  await expect(page.getByRole('columnheader', { name: 'Vulnerabilities' })).toBeVisible();
  const badge = page.getByTestId('scan-badge-1.0');
  await expect(badge).toContainText('1 High');
  await expect(badge).toContainText('1 Unknown');
  await expect(badge).toContainText('1 secret');
  await screenshot(page, 'scan-badges');
  await badge.click();
  await expect(page.getByRole('heading', { name: 'Scan of 1.0' })).toBeVisible();
});

test('with scan on push turned on for the namespace, a pushed tag is scanned without asking', async ({ page, request }) => {
  test.setTimeout(120_000);
  await importFixtureRecords(request);
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'svc' });
  expectPushed(await pushImage(repo, 'before', { layers: vulnerableImageLayers() }));

  await signIn(page);
  await page.goto(`/namespaces/${ns}`);
  const scanOnPush = page.getByRole('switch', { name: 'Scan images on push' });
  await expect(scanOnPush).toHaveAttribute('aria-checked', 'false');
  await scanOnPush.click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Namespace settings saved')).toBeVisible();
  expect((await api<{ scanOnPush: boolean }>(request, 'GET', `/api/v1/namespaces/${ns}`)).scanOnPush).toBe(true);

  // The repository follows the namespace, and says what that means now.
  await page.goto(`/repositories/${repo}/-/overview`);
  await expect(page.getByRole('radio', { name: /Follow the namespace \(on\)/ })).toBeChecked();

  expectPushed(await pushImage(repo, 'after', { layers: vulnerableImageLayers() }));
  await page.goto(`/repositories/${repo}`);
  await expect(page.getByTestId('scan-badge-before')).toHaveText('not scanned');
  // The scan is queued by the push; the list follows it to its end (reloading only if it loaded before the queueing).
  const after = page.getByTestId('scan-badge-after');
  await expect(async () => {
    await page.reload();
    await expect(after).toContainText('1 High', { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  await expect(after).toContainText('1 Unknown');
  const scan = await api<{ trigger: string; status: string }>(request, 'GET', `${repositoryApiPath(repo)}/tags/after/scan`);
  expect(scan).toMatchObject({ trigger: 'push', status: 'succeeded' });

  // A repository can opt out of its namespace's setting.
  await page.goto(`/repositories/${repo}/-/overview`);
  await page.getByRole('radio', { name: 'Off' }).check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Scan setting saved')).toBeVisible();
  expect((await api<{ scanOnPush: boolean | null }>(request, 'GET', repositoryApiPath(repo))).scanOnPush).toBe(false);
});

test('a user who may only pull sees the scan badges and reads the report, but has no Scan button', async ({ browser, request }) => {
  await importFixtureRecords(request);
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'web' });
  expectPushed(await pushImage(repo, '1.0', { layers: vulnerableImageLayers() }));
  expect(await scanAndWait(request, repo, '1.0')).toBe('succeeded');
  const reader = await createUser(request, { prefix: 'reader' });
  await api(request, 'PUT', `${repositoryApiPath(repo)}/permissions/${reader.username}`, { level: 'read' });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, reader);
  await page.goto(`/repositories/${repo}`);
  await expect(page.getByTestId('tag-row-1.0')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Vulnerabilities' })).toBeVisible();
  await expect(page.getByTestId('scan-badge-1.0')).toContainText('1 High');

  await page.goto(`/repositories/${repo}/-/tags/1.0`);
  await expect(page.getByRole('heading', { name: 'Vulnerability scan' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Scan/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'View report' })).toBeVisible();

  await page.goto(`/repositories/${repo}/-/tags/1.0/scan`);
  await expect(page.getByRole('heading', { name: 'Scan of 1.0' })).toBeVisible();
  await expect(vulnerabilityRows(page)).toHaveCount(2);
  await expect(page.getByRole('button', { name: /^Scan/ })).toHaveCount(0);
  await context.close();

  // Someone who may not pull the image learns nothing: the repository is absent for them.
  const stranger = await createUser(request, { prefix: 'stranger' });
  const other = await browser.newContext();
  const strangerPage = await other.newPage();
  await signIn(strangerPage, stranger);
  const res = await strangerPage.goto(`/repositories/${repo}/-/tags/1.0/scan`);
  expect(res?.status()).toBe(404);
  await other.close();
});

test('an index is scanned platform by platform, and the report switches between them', async ({ page, request }) => {
  await importFixtureRecords(request);
  const ns = await createNamespace(request);
  const repo = `${ns}/multi`;
  // Only the amd64 image holds the vulnerable packages.
  expectPushed(await pushMultiArch(repo, '1.0', { layers: (arch) => (arch === 'amd64' ? vulnerableImageLayers() : [{ files: { 'etc/motd': 'arm64\n' } }]) }));
  expect(await scanAndWait(request, repo, '1.0')).toBe('succeeded');

  await signIn(page);
  await page.goto(`/repositories/${repo}/-/tags/1.0/scan`);
  await expect(page.getByRole('heading', { name: 'Scan of 1.0' })).toBeVisible();
  await expect(page.getByText('1 High').first()).toBeVisible(); // the header counts every platform
  const picker = page.getByLabel('Platform', { exact: true });
  await expect(picker.locator('option')).toHaveText(['linux/amd64 — 2 vulnerabilities', 'linux/arm64 — 0 vulnerabilities']);
  await expect(vulnerabilityRows(page)).toHaveCount(2);
  await picker.selectOption({ label: 'linux/arm64 — 0 vulnerabilities' });
  await expect(page.getByText('No package in this image matches a known vulnerability.')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Vulnerabilities' })).toHaveCount(0);
  await picker.selectOption({ label: 'linux/amd64 — 2 vulnerabilities' });
  await expect(vulnerabilityRows(page)).toHaveCount(2);
});
