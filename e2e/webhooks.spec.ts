import { expect, test, type Page } from '@playwright/test';
import { api, createNamespace, createRepository, createUser, randomName, repositoryApiPath, screenshot, signIn } from './support/fixtures';
import { expectPushed, pushImage } from './support/push';
import { startReceiver, type Receiver } from './support/receiver';

const PREFIX = 'acs:cr:local:berth:';

let receiver: Receiver | null = null;
test.afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

/** Reloads until `locator` shows: a page polls only while something is pending, so a new push needs a reload. */
async function reloadUntilVisible(page: Page, testId: string) {
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId(testId).first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 45_000 });
}

test('a repository webhook is created through the form, retried, redelivered, tested, explains a push it ignored, and is disabled', async ({ page, request }) => {
  test.setTimeout(180_000);
  // Answers 500 to the first request and 200 to every one after it.
  receiver = await startReceiver((n) => (n === 0 ? 500 : 200));
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'app' });
  await signIn(page);
  await page.goto(`/repositories/${repo}`);
  await page.getByRole('navigation', { name: 'Repository sections' }).getByRole('link', { name: 'Webhooks' }).click();
  await expect(page.getByRole('heading', { name: 'No webhooks yet' })).toBeVisible();
  await expect(page.getByText('Nothing pushed or deleted here recently.')).toBeVisible();

  await page.getByRole('button', { name: 'Add webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'New webhook' });
  await dialog.getByLabel('Name', { exact: true }).fill('deploy');
  // Checked as typed, with the API's schema; fixed, the message goes.
  const url = dialog.getByLabel('Payload URL');
  await url.fill('ci.example.com/hook');
  await expect(dialog.getByText('must be an absolute http or https URL')).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await url.fill(receiver.url);
  await expect(dialog.getByText('must be an absolute http or https URL')).toHaveCount(0);
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  await dialog.getByLabel('Tags matching a pattern').check();
  const pattern = dialog.getByLabel('Tag pattern');
  await pattern.fill('v1\\.(');
  await expect(dialog.getByText(/not a valid RE2 pattern/)).toBeVisible();
  await pattern.fill('v1\\..*');
  await expect(dialog.getByText(/not a valid RE2 pattern/)).toHaveCount(0);
  await expect(dialog.getByLabel('Image pushed')).toBeChecked();
  await dialog.getByLabel('Secret (optional)').fill('a-long-shared-secret');
  await dialog.getByRole('button', { name: 'Add header' }).click();
  await dialog.getByLabel('Header 1 name').fill('X-Team');
  await dialog.getByLabel('Header 1 value').fill('infra');
  await screenshot(page, 'webhook-new');
  await dialog.getByRole('button', { name: 'Create webhook' }).click();

  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/webhooks/[0-9a-f-]{36}$`));
  const webhookId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 2, name: 'deploy' })).toBeVisible();
  await expect(page.getByText('Tags matching ^v1\\..*$')).toBeVisible();
  await expect(page.getByText('Set: requests carry X-Berth-Signature')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No deliveries yet' })).toBeVisible();

  // A matching push: the first attempt gets a 500, the retry a 200.
  expectPushed(await pushImage(repo, 'v1.0'));
  const deliveries = page.getByTestId('delivery');
  await reloadUntilVisible(page, 'delivery');
  const first = deliveries.first();
  await expect(first).toHaveAttribute('data-status', 'succeeded', { timeout: 45_000 });
  await expect(first).toContainText('2 attempts');
  // The row names what the delivery was for.
  await expect(first.getByTestId('delivery-target')).toHaveText(`${repo}:v1.0`);
  await expect(first).not.toContainText('of 6');
  await first.getByRole('button', { name: /^Image pushed/ }).click();
  const attempt1 = first.getByTestId('attempt-1');
  await expect(attempt1).toContainText('failed');
  await expect(attempt1).toContainText('HTTP 500');
  await attempt1.locator('summary').click();
  await expect(attempt1.getByRole('region', { name: 'Request of attempt 1' })).toContainText('"tag": "v1.0"');
  await expect(attempt1.getByRole('region', { name: 'Request of attempt 1' })).toContainText('X-Team');
  await expect(attempt1.getByRole('region', { name: 'Response to attempt 1' })).toContainText('500');
  await expect(attempt1.getByRole('region', { name: 'Response to attempt 1' })).toContainText('not now 0');
  await expect(first.getByTestId('attempt-2')).toContainText('HTTP 200');
  expect(receiver.received).toHaveLength(2);
  // The same delivery both times, signed with the secret.
  expect(receiver.received[1]!.headers['x-berth-delivery']).toBe(receiver.received[0]!.headers['x-berth-delivery']);
  expect(receiver.received[1]!.headers['x-berth-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  expect(receiver.received[1]!.headers['x-team']).toBe('infra');
  await screenshot(page, 'webhook-deliveries');

  // Redeliver: a new delivery, which succeeds, and the receiver gets it.
  await first.getByRole('button', { name: /^Redeliver/ }).click();
  await expect(page.getByText('Redelivery queued')).toBeVisible();
  await expect(deliveries).toHaveCount(2);
  const redelivery = deliveries.first();
  await expect(redelivery).toContainText('redelivery');
  await expect(redelivery).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect.poll(() => receiver!.received.length).toBe(3);
  const redeliveryId = (await redelivery.getAttribute('id'))!.replace(/^delivery-/, '');
  expect(receiver.received[2]!.headers['x-berth-delivery']).toBe(redeliveryId);
  expect(receiver.received[2]!.body).toBe(receiver.received[0]!.body);

  // A test event: its outcome, and a link that opens its delivery.
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect(page.getByText(/Test event delivered: the receiver answered HTTP 200/)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'View delivery' }).click();
  await expect(deliveries.first()).toContainText('Test event');
  await expect(deliveries.first().getByTestId('attempt-1')).toContainText('HTTP 200');
  expect(receiver.received[3]!.headers['x-berth-event']).toBe('webhook.test');

  // A push the trigger does not match is listed with the reason nothing fired.
  expectPushed(await pushImage(repo, 'v2.0'));
  await page.getByRole('link', { name: 'All webhooks' }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/webhooks$`));
  await reloadUntilVisible(page, 'event-v2.0');
  const ignored = page.getByTestId('event-v2.0');
  await expect(ignored.getByTestId('untriggered')).toContainText('deploy — tag v2.0 did not match ^v1\\..*$', { timeout: 30_000 });
  await expect(page.getByTestId('event-v1.0')).toContainText('Fired');
  await expect(page.getByTestId('event-v1.0')).toContainText('deploy');
  expect(receiver.received).toHaveLength(4);

  // The list row: trigger, last delivery, and the switch that disables it.
  const row = page.getByTestId('webhook-row-deploy');
  await expect(row).toContainText(receiver.url);
  await expect(row).toContainText('succeeded');
  await screenshot(page, 'webhooks');
  const enabled = row.getByRole('switch', { name: 'Webhook deploy enabled' });
  await expect(enabled).toHaveAttribute('aria-checked', 'true');
  await enabled.click();
  await expect(page.getByText('Webhook deploy disabled')).toBeVisible();
  await expect(enabled).toHaveAttribute('aria-checked', 'false');
  const saved = await api<{ enabled: boolean }>(request, 'GET', `${repositoryApiPath(repo)}/webhooks/${webhookId}`);
  expect(saved.enabled).toBe(false);

  // Disabled, it hears the next matching push but does not fire, and says so.
  expectPushed(await pushImage(repo, 'v1.1'));
  await reloadUntilVisible(page, 'event-v1.1');
  await expect(page.getByTestId('event-v1.1').getByTestId('untriggered')).toContainText('deploy — webhook disabled', { timeout: 30_000 });
  expect(receiver.received).toHaveLength(4);
});

test('a namespace-wide webhook is created from the namespace page and fires for a push to any repository in it', async ({ page, request }) => {
  test.setTimeout(120_000);
  receiver = await startReceiver();
  const ns = await createNamespace(request);
  await signIn(page);
  await page.goto(`/namespaces/${ns}`);
  const section = page.locator('#webhooks');
  await expect(section.getByRole('heading', { name: 'No webhooks yet' })).toBeVisible();
  await section.getByRole('button', { name: 'Add webhook' }).click();
  const dialog = page.getByRole('dialog', { name: 'New webhook' });
  await expect(dialog).toContainText(`any repository in ${ns}`);
  await dialog.getByLabel('Name', { exact: true }).fill('everything');
  await dialog.getByLabel('Payload URL').fill(receiver.url);
  await dialog.getByLabel('Tag deleted').check();
  await dialog.getByLabel('CloudEvents').check();
  await dialog.getByRole('button', { name: 'Create webhook' }).click();

  await expect(page).toHaveURL(new RegExp(`/namespaces/${ns}/webhooks/[0-9a-f-]{36}$`));
  await expect(page.getByRole('heading', { level: 2, name: 'everything' })).toBeVisible();
  await expect(page.getByText(`every repository in namespace ${ns}`)).toBeVisible();
  await expect(page.getByText('CloudEvents 1.0 (structured JSON)')).toBeVisible();
  // A second namespace webhook, for one tag only: the pushes below do not fire it.
  await api(request, 'POST', `/api/v1/namespaces/${ns}/webhooks`, { name: 'stable-only', url: receiver.url, trigger: { kind: 'tags', tags: ['stable'] } });

  // A push to a repository the webhook was never told about.
  expectPushed(await pushImage(`${ns}/svc`, '1.0'));
  await reloadUntilVisible(page, 'delivery');
  await expect(page.getByTestId('delivery').first()).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect.poll(() => receiver!.received.length).toBe(1);
  const event = JSON.parse(receiver.received[0]!.body) as { type: string; subject: string; data: { repository: { fullName: string } } };
  expect(event.type).toBe('io.berth.image.pushed');
  expect(event.data.repository.fullName).toBe(`${ns}/svc`);
  expect(receiver.received[0]!.headers['content-type']).toMatch(/^application\/cloudevents\+json/);
  await screenshot(page, 'namespace-webhook');

  // Listed on the namespace page, and shown as namespace-wide on the repository's recent pushes.
  await page.getByRole('link', { name: 'All webhooks' }).click();
  await expect(page).toHaveURL(new RegExp(`/namespaces/${ns}(#webhooks)?$`));
  await expect(page.getByTestId('webhook-row-everything')).toContainText('All tags');
  await expect(page.getByTestId('webhook-row-everything')).toContainText('succeeded');
  // The namespace's recent pushes: each names its repository, with what it fired and what it did not, and why.
  const pushes = page.getByRole('list', { name: 'Recent events' });
  const fired = pushes.getByTestId(`event-${ns}/svc:1.0`);
  await expect(fired).toContainText(`${ns}/svc`);
  await expect(fired).toContainText('Fired: everything');
  await expect(fired.getByTestId('untriggered')).toContainText('stable-only — tag 1.0 is not in its list (stable)');

  // Disabled, the namespace webhook hears the next push but does not fire: the panel says why nothing fired.
  const everything = page.getByTestId('webhook-row-everything').getByRole('switch', { name: 'Webhook everything enabled' });
  await everything.click();
  await expect(everything).toHaveAttribute('aria-checked', 'false');
  expectPushed(await pushImage(`${ns}/svc`, '2.0'));
  await reloadUntilVisible(page, `event-${ns}/svc:2.0`);
  const ignored = page.getByRole('list', { name: 'Recent events' }).getByTestId(`event-${ns}/svc:2.0`);
  await expect(ignored.getByTestId('untriggered')).toHaveCount(2, { timeout: 30_000 });
  await expect(ignored.getByText('Fired:', { exact: true })).toHaveCount(0);
  await expect(ignored).toContainText('everything — webhook disabled');
  await expect(ignored).toContainText('stable-only — tag 2.0 is not in its list (stable)');
  await screenshot(page, 'namespace-recent-pushes');
  expect(receiver.received).toHaveLength(1);

  await page.goto(`/repositories/${ns}/svc/-/webhooks`);
  await expect(page.getByTestId('event-1.0')).toContainText('everything');
  await expect(page.getByTestId('event-1.0')).toContainText('(namespace-wide)');
});

test('a user who may only look at webhooks is offered nothing to change; a reader does not see them at all', async ({ page, request }) => {
  receiver = await startReceiver();
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'app' });
  const hook = await api<{ id: string }>(request, 'POST', `${repositoryApiPath(repo)}/webhooks`, { name: 'notify', url: receiver.url });
  await api(request, 'POST', `${repositoryApiPath(repo)}/webhooks/${hook.id}/test`);
  await expect.poll(() => receiver!.received.length).toBe(1);

  const viewer = await createUser(request);
  await api(request, 'PUT', `${repositoryApiPath(repo)}/permissions/${viewer.username}`, { level: 'read' });
  const policy = randomName('view-hooks');
  await api(request, 'POST', '/api/v1/policies', {
    name: policy,
    description: 'e2e: may look at webhooks',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['cr:ListWebhook', 'cr:GetWebhook'], Resource: `${PREFIX}repository/${repo}` }] },
  });
  await api(request, 'PUT', `/api/v1/users/${viewer.username}/policies/${policy}`);

  await signIn(page, viewer);
  await page.goto(`/repositories/${repo}/-/webhooks`);
  const row = page.getByTestId('webhook-row-notify');
  await expect(row).toContainText('enabled');
  await expect(row.getByRole('switch')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add webhook' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete webhook/ })).toHaveCount(0);
  await row.getByRole('link', { name: 'notify' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'notify' })).toBeVisible();
  const delivery = page.getByTestId('delivery').first();
  await expect(delivery).toHaveAttribute('data-status', 'succeeded');
  await delivery.getByRole('button', { name: /^Test event/ }).click();
  await expect(delivery.getByTestId('attempt-1')).toBeVisible();
  for (const name of ['Send test event', 'Edit', 'Delete']) await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Redeliver/ })).toHaveCount(0);

  // A link to a delivery older than the log's first page opens it anyway: fetched on its own, above the log.
  const firstId = (await delivery.getAttribute('id'))!.replace(/^delivery-/, '');
  for (let i = 0; i < 20; i++) await api(request, 'POST', `${repositoryApiPath(repo)}/webhooks/${hook.id}/test`);
  await expect.poll(() => receiver!.received.length, { timeout: 30_000 }).toBe(21);
  await page.goto(`/repositories/${repo}/-/webhooks`);
  await page.goto(`/repositories/${repo}/-/webhooks/${hook.id}#delivery-${firstId}`);
  const linked = page.getByRole('list', { name: 'Linked delivery' }).locator(`#delivery-${firstId}`);
  await expect(linked).toHaveAttribute('data-status', 'succeeded');
  await expect(linked.getByTestId('attempt-1')).toContainText('HTTP 200');
  await expect(page.getByRole('list', { name: 'Deliveries' }).getByTestId('delivery')).toHaveCount(20);

  // A reader without the policy: no Webhooks tab.
  const reader = await createUser(request);
  await api(request, 'PUT', `${repositoryApiPath(repo)}/permissions/${reader.username}`, { level: 'read' });
  await page.context().clearCookies();
  await signIn(page, reader);
  await page.goto(`/repositories/${repo}`);
  await expect(page.getByRole('navigation', { name: 'Repository sections' }).getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Repository sections' }).getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
});

test('at 390 px the webhook list fits the screen: name, URL and last delivery stacked, the switch and delete button in reach', async ({ browser, request }) => {
  receiver = await startReceiver();
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'app' });
  const url = `${receiver.url}/a/rather/long/path/that/would/push/the/row/actions/off/a/phone/screen?with=a&query=string`;
  const hook = await api<{ id: string }>(request, 'POST', `${repositoryApiPath(repo)}/webhooks`, { name: 'deploy-to-production-cluster', url });
  await api(request, 'POST', `${repositoryApiPath(repo)}/webhooks/${hook.id}/test`);
  await expect.poll(() => receiver!.received.length).toBe(1);
  await api(request, 'POST', `/api/v1/namespaces/${ns}/webhooks`, { name: 'namespace-wide-notifier', url });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page);
  for (const [path, name] of [
    [`/repositories/${repo}/-/webhooks`, 'deploy-to-production-cluster'],
    [`/namespaces/${ns}`, 'namespace-wide-notifier'],
  ] as const) {
    await page.goto(path);
    const row = page.getByTestId(`webhook-row-${name}`);
    await expect(row).toContainText(url);
    const table = row.locator('xpath=ancestor::div[contains(@class, "overflow-x-auto")][1]');
    expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    for (const control of [row.getByRole('switch'), row.getByRole('button', { name: `Delete webhook ${name}` })]) {
      const box = (await control.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
  }
  await page.goto(`/repositories/${repo}/-/webhooks`);
  await expect(page.getByTestId('webhook-row-deploy-to-production-cluster')).toContainText('succeeded');
  await screenshot(page, 'webhooks-390');
  await context.close();
});
