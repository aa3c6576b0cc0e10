import { expect, test } from '@playwright/test';
import { screenshot, signIn } from './support/fixtures';

test('the home page explains how to push and leads to sign-in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Berth' })).toBeVisible();
  await expect(page.getByText(/podman push --tls-verify=false/)).toBeVisible();
  await screenshot(page, 'home');
  await page.getByRole('link', { name: 'Sign in to the console' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('the home page is the overview for a signed-in user', async ({ page }) => {
  await signIn(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
});

test('the liveness check answers, and the readiness check reports database and storage', async ({ request }) => {
  const live = await request.get('/healthz');
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: 'ok' });
  const ready = await request.get('/readyz');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ok', database: 'ok', storage: 'ok' });
});
