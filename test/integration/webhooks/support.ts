// Shared by the webhook tests: a registry with a job worker, a receiver on loopback, and API shortcuts.
import http from 'node:http';
import type { Config } from '@/lib/config';
import * as deliveriesRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/[id]/deliveries/route';
import * as webhooksRoute from '@/app/api/v1/repositories/[namespace]/[repository]/webhooks/route';
import * as eventsRoute from '@/app/api/v1/repositories/[namespace]/[repository]/events/route';
import { afterAll, beforeAll, expect } from 'vitest';
import { callApi, repoParams } from '../../support/api';
import { randomName } from '../../support/database';
import { fileFixture } from '../../support/file-fixture';
import { listenOnLoopback } from '../../support/loopback-server';
import { OciClient } from '../../support/oci-client';
import { startTestRegistry, type TestRegistry, type TestUser } from '../../support/registry';
import { testWorker, type TestWorker } from '../../support/test-worker';

export interface WebhookHarness extends TestWorker {
  reg: TestRegistry;
  stop(): Promise<void>;
}

/** A test registry whose webhooks retry fast (1 s backoff base) and may target loopback unless told otherwise. */
export async function startWebhookHarness(webhooks: Partial<Config['webhooks']> = {}): Promise<WebhookHarness> {
  const reg = await startTestRegistry({
    jobPollSeconds: 0.5,
    webhooks: { maxAttempts: 3, backoffBaseSeconds: 1, allowPrivate: true, eventRetentionDays: 30, ...webhooks },
  });
  const harness: WebhookHarness = Object.assign(testWorker(reg), {
    reg,
    async stop() {
      await harness.stopJobs();
      await reg.stop();
    },
  });
  await harness.startJobs();
  return harness;
}

/** A webhook harness for the calling test file, started before its tests and stopped after them. */
export function useWebhookHarness(webhooks: Partial<Config['webhooks']> = {}): WebhookHarness {
  return fileFixture(() => startWebhookHarness(webhooks), (h) => h.stop());
}

export interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body, exactly as received. */
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer the n-th request (0-based) with; 200 unless set. */
  respond: (n: number) => number;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 (random port) that records every request. */
export async function startReceiver(respond: (n: number) => number = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const receiver: Receiver = { url: '', received, respond, close: async () => {} };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = received.length;
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = receiver.respond(n);
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status < 300 ? 'ok' : `nope ${n}`);
    });
  });
  return Object.assign(receiver, await listenOnLoopback(server));
}

/** A receiver for the calling test file, started before its tests and closed after them. */
export function useReceiver(respond?: (n: number) => number): Receiver {
  return fileFixture(() => startReceiver(respond), (r) => r.close());
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 15_000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createRepoWebhook(reg: TestRegistry, as: TestUser, repo: string, body: unknown) {
  return callApi(reg, webhooksRoute.POST, { method: 'POST', path: `/api/v1/repositories/${repo}/webhooks`, params: repoParams(repo), as, body });
}

export function listDeliveries(reg: TestRegistry, as: TestUser, repo: string, id: string) {
  return callApi(reg, deliveriesRoute.GET, { path: `/api/v1/repositories/${repo}/webhooks/${id}/deliveries`, params: { ...repoParams(repo), id }, as });
}

export function listEvents(reg: TestRegistry, as: TestUser, repo: string) {
  return callApi(reg, eventsRoute.GET, { path: `/api/v1/repositories/${repo}/events`, params: repoParams(repo), as });
}

/** What a delivery or trigger test file works with: a harness and an OCI client, receivers closed at the end. */
export interface WebhookSuite {
  h: WebhookHarness;
  oci: OciClient;
  /** A receiver on loopback answering `respond(n)` to its n-th request (200 by default). */
  receiver(respond?: (n: number) => number): Promise<Receiver>;
  /** A fresh `namespace/repository` name. */
  newRepo(): string;
  /** Creates a webhook named `ci` on `repo` posting to `target` (as the admin), and expects it created. */
  hook(repo: string, target: Receiver, body?: Record<string, unknown>): Promise<{ id: string }>;
}

/** Starts a webhook harness for the calling test file (beforeAll) and stops it with its receivers (afterAll). */
export function useWebhookSuite(): WebhookSuite {
  const receivers: Receiver[] = [];
  const suite = {
    async receiver(respond?: (n: number) => number) {
      const r = await startReceiver(respond);
      receivers.push(r);
      return r;
    },
    newRepo: () => `${randomName('ns')}/${randomName('app')}`,
    async hook(repo: string, target: Receiver, body: Record<string, unknown> = {}) {
      const res = await createRepoWebhook(suite.h.reg, suite.h.reg.admin, repo, { name: 'ci', url: `${target.url}/hook`, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: string };
    },
  } as WebhookSuite;
  beforeAll(async () => {
    suite.h = await startWebhookHarness();
    suite.oci = new OciClient(suite.h.reg, suite.h.reg.admin);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await suite.h?.stop();
  });
  return suite;
}
