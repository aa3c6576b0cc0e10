import { expect, test } from '@playwright/test';

test('the home page explains how to push', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Berth' })).toBeVisible();
  await expect(page.getByText(/podman push --tls-verify=false/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/home.png', fullPage: true });
});

test('the health check reports database and storage', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', storage: 'ok' });
});
