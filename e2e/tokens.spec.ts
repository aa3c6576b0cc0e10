import { expect, test } from '@playwright/test';
import { skopeoListTags } from '../test/support/clients';
import { api, createNamespace, createUser, grantNamespace, inEveryLook, randomName, screenshot, signIn } from './support/fixtures';
import { expectPushed, privateImageWithReader, pushImage } from './support/push';

const REGISTRY = `127.0.0.1:${Number(process.env.BERTH_E2E_PORT ?? 3917)}`;

test('an access token is shown once with the login command, works with skopeo, and fails once revoked', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { ns, repo, reader: user } = await privateImageWithReader(request, { name: 'app', prefix: 'ci' });
  const tokenName = randomName('ci-job');

  await signIn(page, user);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Tokens' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Access tokens' })).toBeVisible();
  await expect(page.getByText('No access tokens yet')).toBeVisible();
  await screenshot(page, 'tokens-empty');

  await page.getByRole('button', { name: 'Create a token' }).click();
  const dialog = page.getByRole('dialog');
  // Nothing typed: the name is required, beside its field.
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('is required')).toBeVisible();
  await dialog.getByLabel('Name', { exact: true }).fill(tokenName);
  await dialog.getByLabel('Days until the token expires').fill('30');
  await dialog.getByRole('switch', { name: 'Read-only' }).click();
  await dialog.getByRole('checkbox', { name: ns }).check();
  await screenshot(page, 'token-new');
  await dialog.getByRole('button', { name: 'Create token' }).click();

  // The secret, once, with login commands for this host and user.
  await expect(dialog.getByRole('heading', { name: 'Access token created' })).toBeVisible();
  const secret = (await dialog.getByTestId('token-secret').textContent())!.trim();
  expect(secret.length).toBeGreaterThan(20);
  await expect(dialog.getByText(`podman login --tls-verify=false ${REGISTRY} -u ${user.username} -p ${secret}`)).toBeVisible();
  await expect(dialog.getByText(/docker login/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Copy access token' })).toBeVisible();
  await screenshot(page, 'token-created');
  await dialog.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  const row = page.getByTestId(`token-row-${tokenName}`);
  await expect(row).toContainText('active');
  await expect(row).toContainText(secret.slice(0, 'berth_pat_'.length + 6)); // the listed prefix

  // A real client uses it in place of the password.
  const creds = { username: user.username, password: secret };
  const listed = await skopeoListTags(`docker://${REGISTRY}/${repo}`, { creds });
  expect(listed.code, listed.stderr).toBe(0);
  expect(listed.tags).toEqual(['1.0']);
  await page.reload();
  // Used just now (the expiry is in 30 days, so "never" could only be the last use).
  await expect(page.getByTestId(`token-row-${tokenName}`)).not.toContainText(/\bnever\b/);

  // Revoked in the console, the same command is refused.
  await page.getByRole('button', { name: `Revoke token ${tokenName}` }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('Every client using it is refused');
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await screenshot(page, 'tokens');
  const refused = await skopeoListTags(`docker://${REGISTRY}/${repo}`, { creds });
  expect(refused.code).not.toBe(0);
  expect(`${refused.stdout}\n${refused.stderr}`.toLowerCase()).toContain('unauthorized');
});

test('a read-only token cannot push', async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = await createUser(request);
  const ns = await createNamespace(request);
  await grantNamespace(request, ns, user, 'write');
  const { secret } = await (async () => {
    await signIn(page, user);
    await page.goto('/tokens');
    await page.getByRole('button', { name: 'Create a token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name', { exact: true }).fill('read only');
    await dialog.getByRole('radio', { name: 'Never expires' }).check();
    await dialog.getByRole('switch', { name: 'Read-only' }).click();
    await dialog.getByRole('button', { name: 'Create token' }).click();
    return { secret: (await dialog.getByTestId('token-secret').textContent())!.trim() };
  })();
  const push = await pushImage(`${ns}/app`, '1.0', { creds: { username: user.username, password: secret } });
  expect(push.code).not.toBe(0);
  // With the password (write access), the same push works.
  expectPushed(await pushImage(`${ns}/app`, '1.0', { creds: user }));
});

test('screenshots of the access tokens page, light and dark, 1280 and 390 px wide', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const user = await createUser(request, { prefix: 'shot' });
  for (const name of ['laptop', 'ci-deploy']) {
    await api(request, 'POST', '/api/v1/tokens', { name, expiresInDays: name === 'laptop' ? null : 30, readOnly: name === 'laptop' }, user);
  }
  const tokens = await api<{ tokens: Array<{ id: string; name: string }> }>(request, 'GET', '/api/v1/tokens', undefined, user);
  await api(request, 'DELETE', `/api/v1/tokens/${tokens.tokens.find((t) => t.name === 'laptop')!.id}`, undefined, user);
  await inEveryLook(browser, user, async (page, look) => {
    await page.goto('/tokens');
    await expect(page.locator('main h1')).toBeVisible();
    await screenshot(page, `tokens-${look}`);
    await page.getByRole('button', { name: 'New token' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await screenshot(page, `token-new-${look}`);
  });
});
