import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { buildImage } from '../test/support/images';
import { skopeoCopy } from '../test/support/clients';
import { ADMIN, createNamespace, createRepository, screenshot, signIn } from './support/fixtures';
import { expectPushed } from './support/push';

const REGISTRY = `127.0.0.1:${Number(process.env.BERTH_E2E_PORT ?? 3917)}`;

/** A Git repository with a quick Dockerfile on `main` and a slow one on `slow`. */
function gitSource(base: string): { dir: string; url: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-src-'));
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env });
  git('init', '-q', '-b', 'main');
  mkdirSync(path.join(dir, 'app'));
  writeFileSync(path.join(dir, 'app', 'Dockerfile'), `FROM ${base}\nRUN echo quick-step-$((6*7)) && sleep 1\n`);
  git('add', '-A');
  git('commit', '-q', '-m', 'quick');
  git('checkout', '-q', '-b', 'slow');
  writeFileSync(path.join(dir, 'app', 'Dockerfile'), `FROM ${base}\nRUN echo slow-step-$((6*7)) && sleep 600\n`);
  git('commit', '-q', '-am', 'slow');
  return { dir, url: `file://${dir}` };
}

test('build rules are made in a form checked as typed; Build now runs, the log follows a running build, and Cancel stops it', async ({ page, request }) => {
  test.setTimeout(240_000);
  const ns = await createNamespace(request);
  const repo = await createRepository(request, ns, { name: 'app' });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-base-'));
  try {
    const image = await buildImage({ dir: scratch, tag: 'b', layers: [], busybox: true, cmd: ['/bin/sh'] });
    expectPushed(await skopeoCopy(image.ref, `docker://${REGISTRY}/${ns}/base:1`, { creds: ADMIN, format: 'oci' }));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const src = gitSource(`${REGISTRY}/${ns}/base:1`);

  await signIn(page);
  await page.goto(`/repositories/${repo}`);
  await page.getByRole('navigation', { name: 'Repository sections' }).getByRole('link', { name: 'Builds' }).click();
  await expect(page.getByText('No build rules yet')).toBeVisible();
  await page.getByRole('button', { name: 'New rule' }).click();
  const form = page.getByRole('form', { name: 'New build rule' });
  await form.getByLabel('Name', { exact: true }).fill('main');
  const url = form.getByLabel('Git repository URL');
  await url.fill('git.example.com/app');
  await expect(form.getByText('must be an absolute URL')).toBeVisible();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await url.fill(src.url);
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Name or RE2 pattern (whole name)').fill('main|slow');
  await form.getByLabel('Dockerfile directory (build context)').fill('app');
  const tags = form.getByLabel('Image tags');
  await tags.fill('{branch}-{commit}');
  await expect(form.getByText(/unknown placeholder \{commit\}/).first()).toBeVisible();
  await tags.fill('latest, {branch}-{sha:7}');
  await expect(form.getByTestId('tag-preview')).toContainText('latest, main-3f9c2a1');
  await screenshot(page, 'build-rule-new');
  await form.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByTestId('webhook-secret')).toHaveText(/^[A-Za-z0-9_-]{32}$/);
  const rule = page.getByRole('listitem', { name: 'Rule main' });
  await expect(rule).toContainText(src.url);

  // A quick build: it succeeds, and its tags link to their tag pages.
  await rule.getByLabel('Ref to build with main').fill('main');
  await rule.getByRole('button', { name: 'Build now' }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/builds/[0-9a-f-]{36}$`));
  await expect(page.getByTestId('build-status')).toHaveText('succeeded', { timeout: 120_000 });
  await expect(page.getByTestId('build-log')).toContainText('quick-step-42');
  const tagLink = page.getByRole('link', { name: /^main-[0-9a-f]{7}$/ });
  await expect(tagLink).toBeVisible();
  await page.getByRole('link', { name: '← All builds' }).click();
  const history = page.getByRole('table', { name: 'Build history' });
  await expect(history.getByRole('link', { name: 'latest' })).toBeVisible();
  await history.getByRole('link', { name: /^main-[0-9a-f]{7}$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/repositories/${repo}/-/tags/main-[0-9a-f]{7}$`));

  // A slow build: its log is followed while it runs, and Cancel stops it.
  await page.goto(`/repositories/${repo}/-/builds`);
  await rule.getByLabel('Ref to build with main').fill('slow');
  await rule.getByRole('button', { name: 'Build now' }).click();
  await expect(page.getByTestId('build-log')).toContainText('slow-step-42', { timeout: 120_000 });
  await expect(page.getByTestId('build-status')).toHaveText('running');
  await screenshot(page, 'build-running');
  await page.getByRole('button', { name: 'Cancel build' }).click();
  await expect(page.getByTestId('build-status')).toHaveText('cancelled', { timeout: 30_000 });
  await expect(page.getByTestId('build-log')).toContainText('build cancelled');
  rmSync(src.dir, { recursive: true, force: true });
});
