import { expect, test } from '@playwright/test';
import { ADMIN, basic, createUser, screenshot, signIn } from './support/fixtures';

test('a wrong password shows an error beside the form', async ({ page, request }) => {
  const user = await createUser(request);
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong username or password' })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await screenshot(page, 'sign-in-error');
});

test('signing in lands on the overview; signing out ends the session', async ({ page }) => {
  await page.goto('/repositories');
  await expect(page).toHaveURL(/\/sign-in/); // console pages need a session

  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByTestId('current-user')).toContainText('admin');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/namespaces');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: 'Sign in to Berth' })).toBeVisible();
});

test('a sign-in throttled after repeated failures shows why', async ({ page, request }) => {
  const user = await createUser(request);
  // Failed Basic logins count against the same per-user budget as the console's (10 by default).
  for (let i = 0; i < 10; i++) {
    const res = await request.get('/api/v1/me', { headers: { authorization: basic({ username: user.username, password: `wrong-${i}` }) } });
    expect(res.status()).toBe(401);
  }
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password); // right, but refused while throttled
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /too many attempts, try again in \d+ minutes?/i })).toBeVisible();
});

test('after signing in, the user returns to the page they asked for', async ({ page }) => {
  await page.goto('/sign-in?callbackUrl=%2Fnamespaces');
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/namespaces$/);
  // An off-site callback is refused: the user lands on this site's overview.
  await page.goto('/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Frepositories');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
});
