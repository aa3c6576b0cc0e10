import { expect as baseExpect, test, type Page } from '@playwright/test';
import { skopeoInspectOk } from '../test/support/clients';
import { expectAccessible } from './support/axe';
import { ADMIN, api, createNamespace, createRepository, createUser, randomName, repositoryApiPath, screenshot, signIn } from './support/fixtures';
import { expectPushed, pushImage } from './support/push';
import { importFixtureRecords, scanAndWait, vulnerableImageLayers } from './support/scans';

// The console's second pass: the overview at `/`, the top bar's search, bulk deletes of tags and repositories, the
// tag list's pull and immutability columns, and username suggestions while granting; each at a desktop and a phone
// size, with axe on the pages they change.
// Lists load through React Query after the page: on a busy shared machine that can take more than the default 5 s.
const expect = baseExpect.configure({ timeout: 15_000 });
const REGISTRY = `127.0.0.1:${Number(process.env.BERTH_E2E_PORT ?? 3917)}`;
const SIZES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

/** Opens the search row: `/` where the keyboard is free, the Search button on a phone. */
async function openSearch(page: Page, via: 'key' | 'button') {
  if (via === 'key') {
    await page.locator('main h1').first().click();
    await page.keyboard.press('/');
  } else {
    await page.getByRole('button', { name: 'Search' }).click();
  }
  const box = page.getByRole('combobox', { name: 'Search repositories and tags' });
  await expect(box).toBeFocused();
  return box;
}

for (const size of SIZES) {
  test.describe(`${size.name} (${size.viewport.width}×${size.viewport.height})`, () => {
    test.use({ viewport: size.viewport });
    // Image builds and pushes with real clients, sign-ins (slow password hashing) and axe runs on a shared machine.
    test.describe.configure({ timeout: 180_000 });

    test('the overview shows what the user reaches, recent pushes and the most vulnerable images; administrators see the installation', async ({ page, request, browser }) => {
      const ns = await createNamespace(request);
      const web = await createRepository(request, ns, { name: 'web', visibility: 'public' });
      const secret = await createRepository(request, ns, { name: 'secret', visibility: 'private' });
      await importFixtureRecords(request);
      expectPushed(await pushImage(web, '1.0', { layers: vulnerableImageLayers() }));
      expectPushed(await pushImage(secret, '1.0'));
      expect(await scanAndWait(request, web, '1.0')).toBe('succeeded');

      await signIn(page);
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      const pushes = page.getByRole('list', { name: 'Recent pushes' });
      await expect(pushes.getByRole('link', { name: `${secret}:1.0` })).toBeVisible();
      const vulnerable = page.getByRole('list', { name: 'Most vulnerable images' });
      await expect(vulnerable.getByRole('link', { name: `${web}:1.0` })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Job queues' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Vulnerability data' })).toBeVisible();
      await expectAccessible(page, `overview (admin), ${size.name}`);
      await screenshot(page, `overview-admin-${size.name}`);
      await vulnerable.getByRole('link', { name: `${web}:1.0` }).click();
      await expect(page).toHaveURL(new RegExp(`/repositories/${web}/-/tags/1\\.0/scan$`), { timeout: 20_000 });

      // A plain user: the public repository's push and its findings, never the private one, and no installation part.
      const user = await createUser(request);
      const context = await browser.newContext({ viewport: size.viewport });
      page = await context.newPage();
      await signIn(page, user);
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Recent pushes' }).getByRole('link', { name: `${web}:1.0` })).toBeVisible();
      await expect(page.getByRole('list', { name: 'Most vulnerable images' }).getByRole('link', { name: `${web}:1.0` })).toBeVisible();
      await expect(page.getByText(secret)).toHaveCount(0);
      await expect(page.getByRole('heading', { name: 'Job queues' })).toHaveCount(0);
      await expectAccessible(page, `overview (user), ${size.name}`);
      await screenshot(page, `overview-user-${size.name}`);
      await context.close();
    });

    test('search finds repositories and tags, opens with / and is driven by the keyboard', async ({ page, request }) => {
      const ns = await createNamespace(request);
      const repo = await createRepository(request, ns, { name: randomName('searchable') });
      expectPushed(await pushImage(repo, 'findme-1'));
      await signIn(page);
      await page.goto(`/repositories/${repo}`);
      // `/` typed in a field is text, not the shortcut.
      const filter = page.getByLabel('Filter tags');
      await filter.fill('a/b');
      await expect(filter).toHaveValue('a/b');
      await expect(page.getByRole('combobox', { name: 'Search repositories and tags' })).toHaveCount(0);
      await filter.fill('');

      const box = await openSearch(page, size.name === 'phone' ? 'button' : 'key');
      await box.fill('findme');
      const results = page.getByRole('listbox', { name: 'Search results' });
      await expect(results.getByRole('option', { name: new RegExp(`${repo}:findme-1`) })).toBeVisible();
      await expect(box).toHaveAttribute('aria-expanded', 'true');
      await expectAccessible(page, `search results, ${size.name}`);
      await screenshot(page, `search-${size.name}`);
      await box.press('ArrowDown');
      await expect(results.getByRole('option', { selected: true })).toContainText(`${repo}:findme-1`);
      await box.press('Enter');
      await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/tags/findme-1$`), { timeout: 20_000 });

      // The repository by name; Escape closes the list, a second Escape the search row.
      const again = await openSearch(page, size.name === 'phone' ? 'button' : 'key');
      await again.fill(repo.split('/')[1]!.slice(0, 12));
      await expect(results.getByRole('option', { name: new RegExp(repo) }).first()).toBeVisible();
      await again.press('Escape');
      await expect(again).toHaveAttribute('aria-expanded', 'false');
      await again.press('Escape');
      await expect(page.getByRole('combobox', { name: 'Search repositories and tags' })).toHaveCount(0);
    });

    test('tags: pulls, last pull and immutable badges; several deleted at once, immutable ones refused per tag', async ({ page, request }) => {
      const ns = await createNamespace(request);
      const repo = await createRepository(request, ns, { name: 'app' });
      for (const tag of ['dev', 'old', 'v1.0']) expectPushed(await pushImage(repo, tag));
      await api(request, 'POST', `/api/v1/namespaces/${ns}/immutability-rules`, { name: 'releases', pattern: 'v[0-9].*' });
      await skopeoInspectOk(`docker://${REGISTRY}/${repo}:dev`, { creds: ADMIN });
      await signIn(page);
      await page.goto(`/repositories/${repo}`);
      const row = (tag: string) => page.getByTestId(`tag-row-${tag}`);
      await expect(row('v1.0').getByText('immutable')).toBeVisible();
      await expect(row('dev').getByText('immutable')).toHaveCount(0);
      // Pull statistics are written every few seconds: reload until the pull shows.
      await expect
        .poll(async () => {
          await page.reload();
          // Phones show "1 pull" under the tag; wider screens the Pulls column with the last pull's time.
          return /\b1 pull\b|\blast /.test(await row('dev').innerText());
        }, { timeout: 30_000 })
        .toBe(true);
      if (size.name === 'desktop') {
        await expect(page.getByRole('columnheader', { name: 'Pulls' })).toBeVisible();
        await expect(row('old').getByText('never pulled')).toBeVisible();
        await expect(row('dev').getByText(/^last /)).toBeVisible();
      }
      await expectAccessible(page, `tag list, ${size.name}`);

      await page.getByRole('checkbox', { name: 'Select tag old' }).check();
      await page.getByRole('checkbox', { name: 'Select tag v1.0' }).check();
      await expect(page.getByRole('region', { name: 'Selected tags' })).toContainText('2 tags selected');
      await page.getByRole('button', { name: 'Delete selected' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete 2 tags?' });
      await expect(dialog.getByRole('listitem')).toHaveText(['old', 'v1.0']);
      await screenshot(page, `bulk-delete-tags-${size.name}`);
      await dialog.getByRole('button', { name: 'Delete 2 tags' }).click();
      const result = page.getByRole('dialog', { name: 'Some tags were not deleted' });
      await expect(result).toContainText('1 of 2 deleted');
      await expect(result.getByRole('listitem').filter({ hasText: 'v1.0' })).toContainText('immutable (rule "releases")');
      await expectAccessible(page, `bulk delete result, ${size.name}`);
      await result.getByRole('button', { name: 'Close' }).last().click();
      await expect(row('old')).toHaveCount(0);
      await expect(row('v1.0')).toBeVisible();
      await expect(row('dev')).toBeVisible();
    });

    test('a namespace administrator deletes several repositories from the namespace page with one confirmation', async ({ page, request }) => {
      const ns = await createNamespace(request);
      const [a, b, keep] = [await createRepository(request, ns, { name: 'alpha' }), await createRepository(request, ns, { name: 'beta' }), await createRepository(request, ns, { name: 'keep' })];
      await signIn(page);
      await page.goto(`/namespaces/${ns}`);
      const table = page.getByRole('table', { name: `Repositories of ${ns}` });
      await expect(table.getByRole('link', { name: 'keep' })).toBeVisible();
      await expectAccessible(page, `namespace with repositories, ${size.name}`);
      await page.getByRole('checkbox', { name: `Select repository ${a}` }).check();
      await page.getByRole('checkbox', { name: `Select repository ${b}` }).check();
      await page.getByRole('button', { name: 'Delete selected' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete 2 repositories?' });
      await expect(dialog.getByRole('listitem')).toHaveText([a, b]);
      const confirm = dialog.getByRole('button', { name: 'Delete 2 repositories' });
      await expect(confirm).toBeDisabled();
      await dialog.getByLabel(`Type ${ns} to confirm`).fill(ns);
      await confirm.click();
      await expect(dialog).toHaveCount(0);
      await expect(table.getByRole('link', { name: 'alpha' })).toHaveCount(0);
      await expect(table.getByRole('link', { name: 'keep' })).toBeVisible();
      const left = await api<{ total: number }>(request, 'GET', `/api/v1/repositories?namespace=${ns}`);
      expect(left.total).toBe(1);
      expect((await request.get(repositoryApiPath(keep), { headers: { authorization: `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}` } })).status()).toBe(200);
    });

    test('granting suggests existing users to administrators as they type; others get a plain field', async ({ page, request, browser }) => {
      const prefix = randomName('sugg').replace('-', '');
      const target = await createUser(request, { prefix });
      // A namespace administrator may grant, but only installation administrators may list users.
      const owner = await createUser(request);
      const ns = await createNamespace(request);
      await api(request, 'PUT', `/api/v1/namespaces/${ns}/permissions/${owner.username}`, { level: 'admin' });
      const repo = await createRepository(request, ns, { name: 'app' });
      await signIn(page);
      await page.goto(`/repositories/${repo}/-/permissions`);
      const field = page.getByRole('combobox', { name: 'Username' });
      await field.fill(prefix.slice(0, 8));
      const option = page.getByRole('listbox', { name: 'Matching users' }).getByRole('option', { name: new RegExp(target.username) });
      await expect(option).toBeVisible();
      await expect(field).toHaveAttribute('aria-expanded', 'true');
      await expectAccessible(page, `grant suggestions, ${size.name}`);
      await screenshot(page, `grant-suggestions-${size.name}`);
      await field.press('ArrowDown');
      await field.press('Enter');
      await expect(field).toHaveValue(target.username);
      await page.getByRole('button', { name: 'Grant access' }).click();
      await expect(page.getByRole('cell', { name: target.username, exact: true })).toBeVisible();

      // The namespace administrator: a plain text field.
      const context = await browser.newContext({ viewport: size.viewport });
      const ownerPage = await context.newPage();
      await signIn(ownerPage, owner);
      await ownerPage.goto(`/repositories/${repo}/-/permissions`);
      await expect(ownerPage.getByRole('textbox', { name: 'Username' })).toBeVisible();
      await expect(ownerPage.getByRole('combobox', { name: 'Username' })).toHaveCount(0);
      await context.close();
    });
  });
}
