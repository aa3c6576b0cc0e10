import { expect, test } from '@playwright/test';
import { api, createNamespace, createRepository, createUser, repositoryApiPath, screenshot, setTheme, signIn } from './support/fixtures';
import { expectPushed, pushImage, pushMultiArch } from './support/push';
import { importFixtureRecords, scanAndWait, vulnerableImageLayers } from './support/scans';
import { startReceiver } from './support/receiver';
import { expectAccessible } from './support/axe';

// Every console page in both themes, at a desktop (1440×900) and a phone (390×844) size: each passes an axe WCAG 2.1
// AA check, and its screenshot is kept as a CI artifact for review.
test('every page passes axe (WCAG 2.1 AA), light and dark, at 1440×900 and 390×844; screenshots kept', async ({ browser, request }) => {
  // 4 sign-ins and 4 × 26 pages at 3–5 s each (load, axe, screenshot), plus seeding (a push, an import and a scan).
  test.setTimeout(900_000);
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'api', visibility: 'private', summary: 'The HTTP API of the shop' });
  await api(request, 'PATCH', repositoryApiPath(repo), {
    description: '# API\n\nThe **HTTP API**, built from `main`.\n\n```sh\ndocker run -p 8080:8080 api\n```\n\n- Listens on `8080`\n- Reads `DATABASE_URL`\n\nSee [the docs](https://example.com).',
  });
  const web = await createRepository(request, ns, { name: 'web', visibility: 'public', summary: 'Storefront' });
  await importFixtureRecords(request);
  expectPushed(await pushImage(web, '1.0', { layers: vulnerableImageLayers() }));
  expect(await scanAndWait(request, web, '1.0')).toBe('succeeded');
  expectPushed(await pushImage(repo, '1.0'));
  expectPushed(await pushMultiArch(repo, '2.0'));
  const member = await createUser(request);
  await api(request, 'PUT', `${repositoryApiPath(repo)}/permissions/${member.username}`, { level: 'read' });
  const receiver = await startReceiver();
  const hook = await api<{ id: string }>(request, 'POST', `${repositoryApiPath(repo)}/webhooks`, {
    name: 'deploy',
    url: receiver.url,
    trigger: { kind: 'regex', pattern: 'v[0-9]+\\..*' },
    events: ['image.pushed', 'tag.deleted'],
  });
  await api(request, 'POST', `${repositoryApiPath(repo)}/webhooks/${hook.id}/test`);
  const nsHook = await api<{ id: string }>(request, 'POST', `/api/v1/namespaces/${ns}/webhooks`, { name: 'all', url: receiver.url, trigger: { kind: 'all' }, events: ['image.pushed'] });
  const index = await api<{ children: Array<{ digest: string }> }>(request, 'GET', `${repositoryApiPath(repo)}/tags/2.0`);
  await api(request, 'POST', '/api/v1/policies', {
    name: `team-read-${ns}`,
    description: 'Read the team namespace',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['cr:PullRepository'], Resource: `acs:cr:*:*:repository/${ns}/*` }] },
  });

  const pages: Array<[string, string]> = [
    ['home-overview', '/'],
    ['repositories', `/repositories?namespace=${ns}`],
    ['repository', `/repositories/${repo}`],
    ['tag-index', `/repositories/${repo}/-/tags/2.0`],
    ['tag-platform', `/repositories/${repo}/-/tags/2.0?platform=${encodeURIComponent(index.children[1]!.digest)}`],
    ['tag-image', `/repositories/${repo}/-/tags/1.0`],
    ['overview', `/repositories/${repo}/-/overview`],
    ['permissions', `/repositories/${repo}/-/permissions`],
    ['webhooks', `/repositories/${repo}/-/webhooks`],
    ['webhook', `/repositories/${repo}/-/webhooks/${hook.id}`],
    ['namespaces', '/namespaces'],
    ['namespace', `/namespaces/${ns}`],
    ['repository-new', `/repositories/new?namespace=${ns}`],
    ['scan-report', `/repositories/${web}/-/tags/1.0/scan`],
    ['namespace-webhook', `/namespaces/${ns}/webhooks/${nsHook.id}`],
    ['namespace-new', '/namespaces/new'],
    ['vulnerability-data', '/vulnerability-data'],
    ['tokens', '/tokens'],
    ['audit', '/audit'],
    ['users', '/users'],
    ['user', `/users/${member.username}`],
    ['policies', '/policies'],
    ['policy', `/policies/team-read-${ns}`],
    ['policy-new', '/policies/new'],
    ['policy-simulate', '/policies/simulate'],
  ];
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    for (const theme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto('/');
      await setTheme(page, theme);
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Berth' })).toBeVisible();
      await expectAccessible(page, `home, ${theme}, ${width}px`);
      await page.goto('/sign-in');
      await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/);
      await expectAccessible(page, `sign-in, ${theme}, ${width}px`);
      await screenshot(page, `sign-in-${theme}-${width}`);
      await signIn(page);
      for (const [name, path] of pages) {
        await page.goto(path);
        await expect(page.locator('main h1').first()).toBeVisible();
        await expectAccessible(page, `${name} (${path}), ${theme}, ${width}px`);
        await screenshot(page, `${name}-${theme}-${width}`);
      }
      await context.close();
    }
  }
  await receiver.close();
});

test('the theme toggle switches and remembers the theme without a flash on load', async ({ page }) => {
  await signIn(page);
  const html = page.locator('html');
  const wasDark = /dark/.test((await html.getAttribute('class')) ?? '');
  await page.getByRole('button', { name: 'Toggle dark mode' }).click();
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
  // The inline script applies the stored theme before first paint: the server's HTML has no class, the DOM has it
  // before any React code runs.
  await page.reload({ waitUntil: 'commit' });
  await page.waitForSelector('body');
  await expect(html).toHaveClass(wasDark ? /^(?!.*dark)/ : /dark/);
});
