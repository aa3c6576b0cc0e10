import { expect, test, type Browser, type Page } from '@playwright/test';
import { api, createNamespace, createRepository, createUser, repositoryApiPath, screenshot, signIn, type Creds } from './support/fixtures';
import { expectAccessible } from './support/axe';
import { expectPushed, pushImage, pushMultiArch } from './support/push';

// The console's second pass: tag names, platforms, the pull command, version order, phones, wording, public files.

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function open(browser: Browser, viewport: { width: number; height: number }, as?: Creds): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, as);
  return page;
}

for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
  test(`tags at ${size} size: names whole, platforms named, sizes per platform, a platform opens, version order, the pull command says what it names`, async ({ browser, request }) => {
    test.setTimeout(180_000);
    const ns = await createNamespace(request);
    const repo = await createRepository(request, ns, { name: 'shop' });
    // 3.1.8 is pushed after 4.0.0: the pull command still names the highest version.
    for (const tag of ['0.32.0', '0.9.0', '4.0.0', '3.1.8']) expectPushed(await pushImage(repo, tag));
    expectPushed(await pushMultiArch(repo, 'stable-release-candidate'));
    const page = await open(browser, viewport);

    await page.goto(`/repositories/${repo}`);
    await expect(page.getByText('Pull the highest version')).toBeVisible();
    await expect(page.locator('pre code').first()).toHaveText(new RegExp(`^docker pull \\S+/${repo}:4\\.0\\.0$`));

    // A typical tag fits on one line, and a long one breaks only after a separator, never inside a word.
    const stable = page.getByTestId('tag-row-stable-release-candidate').getByRole('link', { name: 'stable-release-candidate' });
    const latestLine = await page.getByTestId('tag-row-0.32.0').getByRole('link', { name: '0.32.0' }).boundingBox();
    expect(latestLine!.height).toBeLessThan(30);
    const words = await stable.evaluate((el) => {
      const range = document.createRange();
      const lines = new Map<number, string>();
      for (const node of el.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE) continue;
        for (let i = 0; i < node.textContent!.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const top = Math.round(range.getBoundingClientRect().top);
          lines.set(top, (lines.get(top) ?? '') + node.textContent![i]);
        }
      }
      return [...lines.values()];
    });
    for (const line of words.slice(0, -1)) expect(line).toMatch(/[-._]$/);
    expect(words.join('')).toBe('stable-release-candidate');

    if (size === 'desktop') {
      // A single image names its platform; an index lists its children's.
      await expect(page.getByTestId('tag-row-4.0.0')).toContainText('linux/amd64');
      await expect(page.getByTestId('tag-row-stable-release-candidate')).toContainText('linux/arm64');
    }

    // By name, in version order.
    await page.getByLabel('Sort tags').selectOption('name:asc');
    const rows = page.locator('[data-testid^="tag-row-"]');
    await expect(rows.first()).toHaveAttribute('data-testid', 'tag-row-0.9.0');
    await expect(rows.nth(1)).toHaveAttribute('data-testid', 'tag-row-0.32.0');

    // An index: each platform's image size (not its manifest's few hundred bytes), and each platform opens.
    await page.goto(`/repositories/${repo}/-/tags/stable-release-candidate`);
    const platforms = page.getByRole('table', { name: 'Platforms' });
    const arm = platforms.getByRole('row').filter({ hasText: 'linux/arm64' });
    const detail = await api<{ children: Array<{ size: number; imageSize: number; platform: { architecture: string } }> }>(
      request,
      'GET',
      `${repositoryApiPath(repo)}/tags/stable-release-candidate`,
    );
    const armChild = detail.children.find((c) => c.platform.architecture === 'arm64')!;
    expect(armChild.imageSize).toBeGreaterThan(armChild.size);
    await expect(arm.getByRole('cell').nth(2)).toHaveText(armChild.imageSize < 1024 ? `${armChild.imageSize} B` : /KiB|MiB/);
    await arm.getByRole('link', { name: 'linux/arm64' }).click();
    await expect(page).toHaveURL(/\?platform=sha256%3A[0-9a-f]{64}$/);
    await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('stable-release-candidate · linux/arm64');
    await expect(page.getByRole('heading', { name: 'Layers' })).toBeVisible();
    await expect(page.locator('pre code').filter({ hasText: 'docker pull --platform linux/arm64 ' })).toBeVisible();
    await expectAccessible(page, `platform page at ${size} size`);
    await screenshot(page, `console-platform-${size}`);
    await page.getByRole('link', { name: 'All platforms of stable-release-candidate' }).click();
    await expect(page.getByRole('table', { name: 'Platforms' })).toBeVisible();
    await page.context().close();
  });
}

test('on a phone, the main navigation and the repository sections are in menus, nothing cut off', async ({ browser, request }) => {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'menus' });
  const page = await open(browser, PHONE);
  await page.goto(`/repositories/${repo}`);
  // The header holds a Menu button instead of a row of links that runs off the screen.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Namespaces' })).toBeHidden();
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Repositories', 'Namespaces', 'Vulnerability data', 'Tokens', 'Audit', 'Users', 'Policies']) {
    const link = nav.getByRole('link', { name: label });
    await expect(link).toBeVisible();
    const box = await link.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  }
  await expectAccessible(page, 'the open menu on a phone');
  await screenshot(page, 'console-phone-menu');
  // Repository sections: a disclosure naming the current one, listing all.
  const sections = page.getByRole('navigation', { name: 'Repository sections' });
  await menu.click();
  await sections.getByText('Section:').click();
  const webhooks = sections.getByRole('link', { name: 'Webhooks' });
  await expect(webhooks).toBeVisible();
  expect((await webhooks.boundingBox())!.width).toBeLessThanOrEqual(PHONE.width);
  await webhooks.click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/webhooks$`));
  await expect(sections.locator('summary')).toContainText('Webhooks');
  // The menu closes after navigating.
  await menu.click();
  await nav.getByRole('link', { name: 'Namespaces' }).click();
  await expect(page).toHaveURL(/\/namespaces$/);
  await expect(page.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'false');
  await page.context().close();
});

test('wording: the visibility column is called so, and non-admins see no empty import history beside an import date', async ({ browser, request }) => {
  const ns = await createNamespace(request);
  await createRepository(request, ns, { name: 'words', visibility: 'public' });
  const admin = await open(browser, DESKTOP);
  await admin.goto(`/repositories?namespace=${ns}`);
  await expect(admin.getByRole('columnheader', { name: 'Visibility' })).toBeVisible();
  await expect(admin.getByRole('columnheader', { name: 'Type' })).toHaveCount(0);
  await admin.context().close();

  const user: Creds = await createUser(request);
  const page = await open(browser, DESKTOP, user);
  await page.goto('/vulnerability-data');
  await expect(page.getByText('Last imported')).toBeVisible();
  await expect(page.getByText('Nothing has been imported yet.')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Recent imports' })).toHaveCount(0);
  await page.context().close();
});

test('public files: robots.txt keeps crawlers out, the favicon and logo are served, pages say noindex', async ({ request, page }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/m);
  const ico = await request.get('/favicon.ico');
  expect(ico.status()).toBe(200);
  expect((await ico.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  for (const file of ['/favicon.svg', '/logo.svg']) {
    const res = await request.get(file);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain('<svg');
  }
  await page.goto('/sign-in');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(page.locator('link[rel="icon"][href^="/favicon.svg"]')).toHaveCount(1);
});

test('Scan all queues a scan of every image of a repository and of a namespace; readers get no such button', async ({ browser, request }) => {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'all' });
  expectPushed(await pushImage(repo, '1.0'));
  expectPushed(await pushImage(repo, '2.0'));
  const admin = await open(browser, DESKTOP);
  await admin.goto(`/repositories/${repo}`);
  await admin.getByRole('button', { name: 'Scan all' }).click();
  await expect(admin.getByText(/^2 scans queued/)).toBeVisible();
  await admin.goto(`/namespaces/${ns}`);
  await admin.getByRole('button', { name: 'Scan all' }).click();
  // The first scans may have finished meanwhile (a worker runs here): those images are queued again, the others are under way.
  await expect(admin.getByText(/^\d scans? queued/)).toBeVisible();
  await admin.context().close();

  const reader = await createUser(request);
  await api(request, 'PUT', `${repositoryApiPath(repo)}/permissions/${reader.username}`, { level: 'read' });
  const page = await open(browser, PHONE, reader);
  await page.goto(`/repositories/${repo}`);
  await expect(page.getByTestId('tag-row-1.0')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Scan all' })).toHaveCount(0);
  await page.context().close();
});
