import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN, basic, createUser, inEveryLook, randomName, screenshot, signIn, type Creds } from './support/fixtures';

async function meStatus(request: APIRequestContext, creds: Creds): Promise<number> {
  const res = await request.get('/api/v1/me', { headers: { authorization: basic(creds) } });
  return res.status();
}

test('an admin creates a sub-account, resets its password, and disables it so its sign-in fails', async ({ page, browser, request }) => {
  const sub = { username: randomName('sub'), password: 'first-password-1' };
  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  await page.getByRole('button', { name: 'New user' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  // Checked as typed, with the API's rules.
  await dialog.getByLabel('Username').fill('Not Valid');
  await expect(dialog.getByText(/lowercase letters, digits/).first()).toBeVisible();
  await dialog.getByLabel('Username').fill(sub.username);
  await dialog.getByLabel('Password').fill('short');
  await expect(dialog.getByText('at least 8 characters', { exact: true })).toBeVisible();
  await dialog.getByLabel('Password').fill(sub.password);
  await screenshot(page, 'user-new');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(page).toHaveURL(new RegExp(`/users/${sub.username}$`));
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(sub.username) })).toContainText('active');
  expect(await meStatus(request, sub)).toBe(200);

  // The same name again is refused beside the field.
  await page.goto('/users');
  await expect(page.getByTestId(`user-row-${sub.username}`)).toContainText('active');
  await page.getByRole('button', { name: 'New user' }).first().click();
  await page.getByRole('dialog').getByLabel('Username').fill(sub.username);
  await page.getByRole('dialog').getByLabel('Password').fill(sub.password);
  await page.getByRole('dialog').getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('dialog').getByText('already taken')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  // Reset the password: the old one stops working, the new one works.
  await page.getByRole('link', { name: sub.username, exact: true }).click();
  await page.getByRole('button', { name: 'Reset password' }).click();
  const reset = page.getByRole('dialog');
  await reset.getByLabel('New password', { exact: true }).fill('second-password-2');
  await reset.getByLabel('Repeat the new password').fill('something-else');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(reset.getByText('does not match the new password')).toBeVisible();
  await reset.getByLabel('Repeat the new password').fill('second-password-2');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByText(`Password of ${sub.username} reset`)).toBeVisible();
  expect(await meStatus(request, sub)).toBe(401);
  const renewed = { ...sub, password: 'second-password-2' };
  expect(await meStatus(request, renewed)).toBe(200);

  // Disable: signing in is refused, in the console and with Basic credentials.
  await page.getByRole('button', { name: 'Disable user' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disable user' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('disabled');
  await screenshot(page, 'user-disabled');
  expect(await meStatus(request, renewed)).toBe(401);
  const context = await browser.newContext();
  const subPage = await context.newPage();
  await subPage.goto('/sign-in');
  await subPage.getByLabel('Username').fill(renewed.username);
  await subPage.getByLabel('Password').fill(renewed.password);
  await subPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(subPage.getByRole('alert').filter({ hasText: 'Wrong username or password' })).toBeVisible();
  await expect(subPage).toHaveURL(/\/sign-in/);

  // Enabled again, it signs in.
  await page.getByRole('button', { name: 'Enable user' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('active');
  await signIn(subPage, renewed);
  await context.close();
});

test('an admin cannot disable themselves; the list shows status and policies', async ({ page, request }) => {
  const user = await createUser(request);
  await signIn(page);
  await page.goto(`/users/${ADMIN.username}`);
  await expect(page.getByText(/^This is you: another administrator/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disable user' })).toHaveCount(0);
  await expect(page.getByRole('switch', { name: 'Administrator' })).toBeDisabled();

  await page.goto(`/users/${user.username}`);
  await page.getByLabel('Attach a policy').selectOption('ReadOnlyAccess');
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.getByRole('list', { name: `Policies of ${user.username}` })).toContainText('ReadOnlyAccess');
  await page.goto('/users');
  await expect(page.getByTestId(`user-row-${user.username}`)).toContainText('ReadOnlyAccess');
  await page.goto(`/users/${user.username}`);
  await page.getByRole('button', { name: `Detach ReadOnlyAccess from ${user.username}` }).click();
  await expect(page.getByText('No policies attached')).toBeVisible();

  // Namespace limit, checked with the API's schema.
  await page.getByLabel('Namespace limit').fill('7');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(`Settings of ${user.username} saved`)).toBeVisible();
  await page.goto('/users');
  await expect(page.getByTestId(`user-row-${user.username}`)).toContainText('7 namespaces');
});

test('a non-admin sees neither Users nor Policies, and their URLs answer not found', async ({ page, request }) => {
  const user = await createUser(request);
  await signIn(page, user);
  const nav = page.getByRole('navigation', { name: 'Main' }).first();
  await expect(nav.getByRole('link', { name: 'Tokens' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Audit' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Policies' })).toHaveCount(0);
  for (const path of ['/users', `/users/${user.username}`, '/policies', '/policies/new', '/policies/simulate', '/policies/ReadOnlyAccess']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  }
});

test('screenshots of the user pages, light and dark, 1280 and 390 px wide', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const user = await createUser(request, { prefix: 'shot' });
  await inEveryLook(browser, ADMIN, async (page, look) => {
    await page.goto('/users');
    await expect(page.locator('main h1')).toBeVisible();
    await screenshot(page, `users-${look}`);
    await page.goto(`/users/${user.username}`);
    await expect(page.locator('main h1')).toBeVisible();
    await screenshot(page, `user-${look}`);
  });
});
