import { expect, test } from '@playwright/test';
import { api, ADMIN, createNamespace, createUser, randomName, screenshot, signIn } from './support/fixtures';
import { pushImage } from './support/push';

test('an admin creates a namespace through the form, with the name checked as it is typed', async ({ page }) => {
  await signIn(page);
  await page.goto('/namespaces');
  await page.getByRole('link', { name: 'New namespace' }).click();
  await expect(page.getByText(/as an administrator you have no limit/)).toBeVisible();

  const field = page.getByLabel('Name', { exact: true });
  await field.fill('Team Space');
  await expect(page.getByText('lowercase letters and digits, separated by')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');

  const name = randomName('ns');
  await field.fill(name);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'namespace-new');
  await page.getByRole('button', { name: 'Create namespace' }).click();

  await expect(page).toHaveURL(new RegExp(`/namespaces/${name}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('link', { name: 'Namespaces', exact: true }).first().click();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await screenshot(page, 'namespaces');

  // The same name again is refused beside the field.
  await page.goto('/namespaces/new');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Create namespace' }).click();
  await expect(page.getByText('already taken')).toBeVisible();
});

test('a non-admin sees their namespace limit, and is told clearly when they reach it', async ({ page, request }) => {
  // A user a custom policy allows to create namespaces, limited to one.
  const user = await createUser(request);
  const policy = randomName('create-ns');
  await api(request, 'POST', '/api/v1/policies', {
    name: policy,
    description: 'e2e: may create namespaces',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['cr:CreateNamespace'], Resource: ['*'] }] },
  });
  await api(request, 'PUT', `/api/v1/users/${user.username}/policies/${policy}`);
  await api(request, 'PATCH', `/api/v1/users/${user.username}`, { namespaceLimit: 1 });

  await signIn(page, user);
  await page.goto('/namespaces/new');
  await expect(page.getByText(/You own 0 of the 1 namespace you may own/)).toBeVisible();

  // Meanwhile the user's one namespace is created elsewhere (by the API), so this form's submit hits the limit.
  await createNamespace(request, { as: user });
  await page.getByLabel('Name', { exact: true }).fill(randomName('ns'));
  await page.getByRole('button', { name: 'Create namespace' }).click();
  const limitAlert = page.getByRole('alert').filter({ hasText: 'Namespace limit reached' });
  await expect(limitAlert).toBeVisible();
  await expect(limitAlert).toContainText(/You (may own at most 1 namespace|own 1 of the 1 namespace you may own)\./);
  await screenshot(page, 'namespace-limit');

  // Coming back, the form says so before anything is typed, and offers no submit.
  await page.goto('/namespaces/new');
  await expect(page.getByText('You have reached your namespace limit')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create namespace' })).toBeDisabled();
});

test('namespace settings decide what a push creates', async ({ page, request }) => {
  const ns = await createNamespace(request); // defaults: created on push, private
  await signIn(page);
  await page.goto(`/namespaces/${ns}`);
  const settings = page.getByRole('form', { name: 'Namespace settings' });
  await expect(settings.getByRole('radio', { name: /Private/ })).toBeChecked();
  await settings.getByText('Public', { exact: true }).click();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Namespace settings saved')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Namespace settings' }).getByRole('radio', { name: /Public/ })).toBeChecked();

  // A push to a new name creates the repository with the namespace's default type.
  const res = await pushImage(`${ns}/app`, '1.0');
  expect(res.code, res.stderr).toBe(0);
  await page.goto(`/repositories?namespace=${ns}`);
  const row = page.getByRole('row').filter({ hasText: `${ns}/app` });
  await expect(row).toBeVisible();
  await expect(row.getByText('Public')).toBeVisible();

  // With creation on push turned off, a push to a new name is refused.
  await page.goto(`/namespaces/${ns}`);
  await page.getByRole('switch', { name: 'Automatically create repository on push' }).click();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Namespace settings saved')).toBeVisible();
  const refused = await pushImage(`${ns}/other`, '1.0');
  expect(refused.code).not.toBe(0);
  const detail = await api<{ autoCreateRepository: boolean; defaultVisibility: string }>(request, 'GET', `/api/v1/namespaces/${ns}`);
  expect(detail).toMatchObject({ autoCreateRepository: false, defaultVisibility: 'public' });
});

test('namespace members are granted, changed and revoked; the namespace is deleted with a typed confirmation', async ({ page, request }) => {
  const ns = await createNamespace(request);
  const member = await createUser(request);
  await signIn(page, ADMIN);
  await page.goto(`/namespaces/${ns}`);

  await page.getByLabel('Username').fill(member.username);
  await page.getByLabel('Level', { exact: true }).selectOption('write');
  await page.getByRole('button', { name: 'Grant access' }).click();
  const row = page.getByRole('row').filter({ hasText: member.username });
  await expect(row.getByRole('combobox')).toHaveValue('write');
  await row.getByRole('combobox').selectOption('admin');
  await expect(page.getByText(`${member.username} now has admin access`)).toBeVisible();
  const perms = await api<{ items: Array<{ username: string; level: string }> }>(request, 'GET', `/api/v1/namespaces/${ns}/permissions`);
  expect(perms.items).toEqual([expect.objectContaining({ username: member.username, level: 'admin' })]);

  // An unknown user is refused beside the field.
  await page.getByLabel('Username').fill(randomName('nobody'));
  await page.getByRole('button', { name: 'Grant access' }).click();
  await expect(page.getByText('no such user')).toBeVisible();

  await row.getByRole('button', { name: `Revoke access of ${member.username}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke access' }).click();
  await expect(row).toHaveCount(0);

  await page.getByRole('button', { name: 'Delete namespace' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Delete namespace' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(ns);
  await confirm.click();
  await expect(page).toHaveURL(/\/namespaces$/);
  await expect(page.getByRole('link', { name: ns, exact: true })).toHaveCount(0);
  const gone = await request.get(`/api/v1/namespaces/${ns}`, { headers: { authorization: `Basic ${Buffer.from('admin:' + ADMIN.password).toString('base64')}` } });
  expect(gone.status()).toBe(404);
});
