import { expect, test, type Page } from '@playwright/test';
import { ADMIN, api, createNamespace, createRepository, createUser, inEveryLook, randomName, screenshot, signIn } from './support/fixtures';

const PREFIX = 'acs:cr:local:berth:';

/** A policy document whose line 8 holds an action that does not exist. */
function documentWithBadAction(ns: string): string {
  return [
    '{',
    '  "Version": "1",',
    '  "Statement": [',
    '    {',
    '      "Effect": "Allow",',
    '      "Action": [',
    '        "cr:PullRepository",',
    '        "cr:PullRepo"',
    '      ],',
    `      "Resource": "${PREFIX}repository/${ns}/*"`,
    '    }',
    '  ]',
    '}',
  ].join('\n');
}

async function simulate(page: Page, action: string, resource: string) {
  const form = page.getByRole('form', { name: 'Simulate access' });
  await form.getByLabel('Action').selectOption(action);
  await form.getByLabel('Resource').fill(resource);
  await form.getByRole('button', { name: 'Simulate' }).click();
  return page.getByTestId('simulation-result');
}

test('a policy with a JSON error is pointed at by statement and line, fixed, saved, attached and simulated', async ({ page, request }) => {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'app' });
  const user = await createUser(request, { prefix: 'puller' });
  const name = randomName('pull-team');

  await signIn(page);
  await page.getByRole('navigation', { name: 'Main' }).first().getByRole('link', { name: 'Policies' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Policies' })).toBeVisible();
  await page.getByRole('link', { name: 'New policy' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('e2e: pull from one namespace');
  const editor = page.getByLabel('Policy document (JSON)');
  const errors = page.getByTestId('policy-errors');
  const gutter = page.getByTestId('policy-editor-gutter');

  // An unknown action: the error names the statement's entry and its line, and the line is marked.
  await editor.fill(documentWithBadAction(ns));
  await expect(errors).toContainText('Statement[0].Action[1]');
  await expect(errors).toContainText('unknown action "cr:PullRepo"');
  await expect(errors.getByRole('button', { name: 'Line 8' })).toBeVisible();
  await expect(gutter.locator('[data-line="8"]')).toHaveAttribute('data-error', 'true');
  await expect(gutter.locator('[data-line="7"]')).not.toHaveAttribute('data-error', 'true');
  await expect(editor).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'policy-editor-error');

  // A syntax error is placed by line and column.
  await editor.fill(documentWithBadAction(ns).replace('"cr:PullRepository",', '"cr:PullRepository"'));
  await expect(errors).toContainText(/invalid JSON at line 8, column 9/);
  await expect(gutter.locator('[data-line="8"]')).toHaveAttribute('data-error', 'true');

  // Submitting while it is wrong sends nothing.
  await page.getByRole('button', { name: 'Create policy' }).click();
  await expect(page).toHaveURL(/\/policies\/new$/);

  await editor.fill(documentWithBadAction(ns).replace('"cr:PullRepo"', '"cr:ListTag"'));
  await expect(errors).toHaveCount(0);
  await expect(editor).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Create policy' }).click();
  await expect(page).toHaveURL(new RegExp(`/policies/${name}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText('No user has this policy yet')).toBeVisible();

  // Attach it on the user's page.
  await page.goto(`/users/${user.username}`);
  await page.getByLabel('Attach a policy').selectOption(name);
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(page.getByRole('list', { name: `Policies of ${user.username}` })).toContainText(name);
  await expect(page.getByText(`${name} attached to ${user.username}`)).toBeVisible();
  const users = await api<{ users: Array<{ username: string; policies: string[] }> }>(request, 'GET', '/api/v1/users');
  expect(users.users.find((u) => u.username === user.username)?.policies).toEqual([name]);

  // Simulate: pulling from the namespace is allowed by statement 0 of the policy.
  await page.getByRole('link', { name: 'Simulate access' }).click();
  await expect(page).toHaveURL(/\/policies\/simulate\?username=/);
  await expect(page.getByLabel('User', { exact: true })).toHaveValue(user.username);
  const allowed = await simulate(page, 'cr:PullRepository', `${PREFIX}repository/${repo}`);
  await expect(allowed).toContainText('Allow');
  await expect(allowed).toContainText(`Policy ${name}, statement Statement[0]`);
  await screenshot(page, 'policy-simulator-allow');

  // Pushing is not in the policy, and nothing else grants it: denied, with nothing matched.
  const denied = await simulate(page, 'cr:PushRepository', `${PREFIX}repository/${repo}`);
  await expect(denied).toContainText('Deny');
  await expect(denied).toContainText('Denied: nothing allows it');
  await expect(denied.getByRole('list', { name: 'Matched grants and statements' })).toHaveCount(0);

  // A resource outside the namespace is not covered either.
  const elsewhere = await simulate(page, 'cr:PullRepository', `${PREFIX}repository/${randomName('other')}/app`);
  await expect(elsewhere).toContainText('Deny');
  await expect(elsewhere).toContainText('This resource does not exist');

  // A malformed resource is refused beside the field, before anything is sent.
  await simulate(page, 'cr:PullRepository', 'repository/team/app');
  await expect(page.getByText('must be a resource such as')).toBeVisible();
});

test('an explicit Deny statement wins, and the simulator names it', async ({ page, request }) => {
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'locked' });
  const user = await createUser(request);
  const name = randomName('deny-delete');
  await api(request, 'POST', '/api/v1/policies', {
    name,
    document: {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'cr:*', Resource: `${PREFIX}repository/${ns}/*` },
        { Effect: 'Deny', Action: ['cr:DeleteTag', 'cr:DeleteRepository'], Resource: `${PREFIX}repository/${repo}` },
      ],
    },
  });
  await api(request, 'PUT', `/api/v1/users/${user.username}/policies/${name}`);

  await signIn(page);
  await page.goto(`/policies/simulate?username=${user.username}`);
  const result = await simulate(page, 'cr:DeleteTag', `${PREFIX}repository/${repo}`);
  await expect(result).toContainText('Denied by an explicit Deny');
  await expect(result).toContainText(`Policy ${name}, statement Statement[1]`);
  await screenshot(page, 'policy-simulator-deny');

  // An unknown user is named beside the field.
  await page.getByLabel('User', { exact: true }).fill(randomName('nobody'));
  await page.getByRole('button', { name: 'Simulate' }).click();
  await expect(page.getByText('no such user')).toBeVisible();

  // The policy is listed with its user, and can be edited; the server's verdict is shown the same way.
  await page.goto('/policies');
  const row = page.getByRole('table', { name: 'Custom policies' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(user.username);
  await row.getByRole('link', { name }).click();
  const editor = page.getByLabel('Policy document (JSON)');
  await editor.fill((await editor.inputValue()).replace('"Deny"', '"Denied"'));
  await expect(page.getByTestId('policy-errors')).toContainText('Statement[1].Effect');
  await expect(page.getByTestId('policy-errors')).toContainText('must be "Allow" or "Deny"');
  await editor.fill((await editor.inputValue()).replace('"Denied"', '"Deny"').replace('"cr:DeleteRepository"', '"cr:UpdateRepository"'));
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByText(`Policy ${name} saved`)).toBeVisible();
  const saved = await api<{ document: { Statement: Array<{ Action: string[] }> } }>(request, 'GET', `/api/v1/policies/${name}`);
  expect(saved.document.Statement[1]!.Action).toEqual(['cr:DeleteTag', 'cr:UpdateRepository']);

  // Deleting it detaches it from the user.
  await page.getByRole('button', { name: 'Delete policy' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/Type .* to confirm/).fill(name);
  await dialog.getByRole('button', { name: 'Delete policy' }).click();
  await expect(page).toHaveURL(/\/policies$/);
  await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});

test('built-in policies are read-only', async ({ page }) => {
  await signIn(page);
  await page.goto('/policies');
  await page.getByRole('table', { name: 'Built-in policies' }).getByRole('link', { name: 'ReadOnlyAccess' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /ReadOnlyAccess/ })).toBeVisible();
  await expect(page.getByLabel('Policy document (JSON)')).toHaveAttribute('readonly', '');
  await expect(page.getByRole('button', { name: 'Save policy' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete policy' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Copy to new policy' }).click();
  await expect(page.getByLabel('Policy document (JSON)')).toHaveValue(/cr:Get\*/);
});

test('screenshots of the policy pages, light and dark, 1280 and 390 px wide', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const name = randomName('shot');
  await api(request, 'POST', '/api/v1/policies', {
    name,
    description: 'Pull from the team namespace',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['cr:PullRepository', 'cr:ListTag'], Resource: `${PREFIX}repository/team/*` }] },
  });
  await inEveryLook(browser, ADMIN, async (page, look) => {
    for (const [shot, path] of [
      ['policies', '/policies'],
      ['policy', `/policies/${name}`],
      ['policy-new', '/policies/new'],
      ['policy-simulator', '/policies/simulate?username=admin'],
    ] as const) {
      await page.goto(path);
      await expect(page.locator('main h1').first()).toBeVisible();
      if (shot === 'policy-simulator') {
        await page.getByLabel('Resource').fill(`${PREFIX}repository/team/app`);
        await page.getByRole('button', { name: 'Simulate' }).click();
        await expect(page.getByTestId('simulation-result')).toBeVisible();
      }
      await screenshot(page, `${shot}-${look}`);
    }
  });
});
