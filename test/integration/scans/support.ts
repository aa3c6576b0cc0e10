// Shared by the scan tests: a registry with a job worker, images with real package databases built by umoci, the
// real OSV fixture records imported into the database, and the scan REST API polled until a scan is final.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import * as scanRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/[tag]/scan/route';
import * as tagsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/tags/route';
import type { Config } from '@/lib/config';
import { startJobs, type RunningJobs } from '@/lib/jobs/start-jobs';
import type { ScanDto } from '@/lib/schemas/scans';
import { importOsv } from '@/lib/services/vulndb/import-osv';
import { callApi, repoParams, type ApiCall } from '../../support/api';
import { skopeoCopyOk } from '../../support/clients';
import { fileFixture } from '../../support/file-fixture';
import { startTestRegistry, type TestRegistry, type TestUser } from '../../support/registry';
import { requireTool } from '../../support/tools';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../lib/scans/fixtures/osv');

export interface ScanHarness {
  reg: TestRegistry;
  jobs: RunningJobs;
  /** A scratch directory for image layouts, removed by stop(). */
  dir: string;
  stop(): Promise<void>;
}

const quiet = (line: string) => {
  if (process.env.BERTH_TEST_LOG) console.log(line);
};

/** A registry whose worker polls fast and may deliver webhooks to loopback; the tools the tests need must exist. */
export async function startScanHarness(overrides: Partial<Config> = {}): Promise<ScanHarness> {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
  const reg = await startTestRegistry({
    jobPollSeconds: 0.5,
    webhooks: { maxAttempts: 3, backoffBaseSeconds: 1, allowPrivate: true, eventRetentionDays: 30 },
    ...overrides,
  });
  const jobs = await startJobs(reg.app, { url: reg.app.config.databaseUrl!, work: true, log: quiet });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-scan-test-'));
  return {
    reg,
    jobs,
    dir,
    async stop() {
      await jobs.stop();
      await reg.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A scan harness for the calling test file, started before its tests and stopped after them. */
export function useScanHarness(): ScanHarness {
  return fileFixture(() => startScanHarness(), (h) => h.stop());
}

/** Imports fixture records (file names without `.json`; every record when omitted) into the registry's database. */
export async function importFixtures(reg: TestRegistry, ids?: string[]): Promise<void> {
  let source = FIXTURES;
  if (ids) {
    source = await mkdtemp(path.join(os.tmpdir(), 'berth-osv-'));
    for (const id of ids) await copyFile(path.join(FIXTURES, `${id}.json`), path.join(source, `${id}.json`));
  }
  try {
    const run = await importOsv(reg.app, { path: source });
    expect(run.status).toBe('succeeded');
    expect(run.invalid).toBe(0);
  } finally {
    if (ids) await rm(source, { recursive: true, force: true });
  }
}

/** Route params for a full repository name and a tag. */
export function tagParams(repo: string, tag: string) {
  return { ...repoParams(repo), tag };
}

export function requestScan(reg: TestRegistry, as: ApiCall['as'], repo: string, tag: string) {
  return callApi(reg, scanRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/tags/${tag}/scan`, params: tagParams(repo, tag), as });
}

export function getScan(reg: TestRegistry, as: ApiCall['as'], repo: string, tag: string) {
  return callApi(reg, scanRoute.GET, { path: `/api/v1/repositories/${repo}/tags/${tag}/scan`, params: tagParams(repo, tag), as });
}

export function listTags(reg: TestRegistry, as: ApiCall['as'], repo: string) {
  const { tag: _, ...params } = tagParams(repo, '');
  return callApi(reg, tagsRoute.GET, { path: `/api/v1/repositories/${repo}/tags`, params, as });
}

/**
 * Polls GET …/scan until the scan is succeeded or failed (and, with `scanId`, is that scan), at most `timeoutMs`;
 * fails with the last answer when it is not final by then.
 */
export async function waitForScan(reg: TestRegistry, repo: string, tag: string, opts: { scanId?: string; timeoutMs?: number } = {}): Promise<ScanDto> {
  const deadline = Date.now() + (opts.timeoutMs ?? 45_000);
  let last: unknown;
  for (;;) {
    const res = await getScan(reg, reg.admin, repo, tag);
    last = `${res.status} ${JSON.stringify(res.body)?.slice(0, 400)}`;
    if (res.status === 200 && (!opts.scanId || res.body.id === opts.scanId) && (res.body.status === 'succeeded' || res.body.status === 'failed')) {
      return res.body as ScanDto;
    }
    if (Date.now() > deadline) throw new Error(`scan of ${repo}:${tag} not final after ${opts.timeoutMs ?? 45_000} ms; last answer: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Requests a scan as the admin and waits for its result. */
export async function scanAndWait(reg: TestRegistry, repo: string, tag: string): Promise<ScanDto> {
  const res = await requestScan(reg, reg.admin, repo, tag);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return waitForScan(reg, repo, tag, { scanId: res.body.id });
}

/** `skopeo copy` of an OCI layout tag (or, with `all`, an index and every image in it) into the registry as the admin. */
export async function pushLayout(reg: TestRegistry, ref: string, repo: string, tag: string, opts: { all?: boolean; user?: TestUser } = {}): Promise<void> {
  const user = opts.user ?? reg.admin;
  await skopeoCopyOk(ref, `docker://${reg.host}/${repo}:${tag}`, { creds: { username: user.username, password: user.password }, all: opts.all });
}

/** Vulnerability findings reduced to what the tests compare, sorted by id. */
export function findings(scan: ScanDto, platform = 0) {
  return (scan.platforms?.[platform]?.vulnerabilities ?? [])
    .map((v) => ({ id: v.id, ecosystem: v.ecosystem, packageName: v.packageName, installed: v.installedVersion, severity: v.severity, fixed: v.fixedVersion }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export async function scratchDir(h: ScanHarness, name: string): Promise<string> {
  const dir = path.join(h.dir, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

// ---- Image contents: package databases as their tools write them ----

export const SITE = 'usr/local/lib/python3.11/site-packages';

export const DEBIAN_12_OS_RELEASE =
  'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n';

export const ALPINE_318_OS_RELEASE = 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.18.4\nPRETTY_NAME="Alpine Linux v3.18"\n';

export function dpkgStatus(packages: Array<[name: string, version: string, source?: string]>): string {
  return packages
    .map(([name, version, source]) => `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\n${source ? `Source: ${source}\n` : ''}Version: ${version}\nDescription: ${name}\n`)
    .join('\n');
}

export function apkInstalled(packages: Array<[name: string, version: string, origin: string]>): string {
  return packages.map(([name, version, origin]) => `C:Q1${name}=\nP:${name}\nV:${version}\nA:x86_64\nS:1000\nI:2000\nT:${name}\no:${origin}\n`).join('\n');
}

export const npmPackage = (name: string, version: string) => JSON.stringify({ name, version, main: 'index.js' });

export const pythonMetadata = (name: string, version: string) => `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n\nlong description\n`;

/**
 * Credential-shaped values assembled at run time, so that no token-shaped literal sits in the repository for secret
 * scanners to trip over. None is real.
 */
export const FAKE_AWS_KEY_ID = ['AKIA', 'Q3ZT7N2XWBVKL5RM'].join('');
export const FAKE_AWS_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYzQ4mTf9HhL'].join('/');
