import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@/lib/config';
import { JOB_HANDLERS } from './all-jobs';
import { defineJob } from './define-job';
import { deliverWebhookJob } from './definitions/deliver-webhook';
import { dispatchWebhookEventJob } from './definitions/dispatch-webhook-event';
import { scanImageJob } from './definitions/scan-image';
import { scanImageHandler } from './handlers/scan-image';

describe('defineJob', () => {
  it('accepts kebab-case queue names only', () => {
    const payload = z.object({});
    const policy = () => ({ retryLimit: 0, retryDelaySeconds: 1, backoff: false, expireInSeconds: 60 });
    expect(defineJob({ name: 'scan-image', payload, policy }).name).toBe('scan-image');
    for (const name of ['Scan', 'scan image', 'scan.image', '-scan', '']) {
      expect(() => defineJob({ name, payload, policy })).toThrow(/invalid job name/);
    }
  });

  it('every handler has a distinct queue name', () => {
    const names = JOB_HANDLERS.map((h) => h.definition.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('webhook job definitions', () => {
  it('retry deliveries per configuration: attempts and backoff base', () => {
    const config = loadConfig({ BERTH_WEBHOOK_MAX_ATTEMPTS: '8', BERTH_WEBHOOK_BACKOFF_BASE_SECONDS: '2' });
    expect(deliverWebhookJob.policy(config)).toEqual({ retryLimit: 7, retryDelaySeconds: 2, backoff: true, expireInSeconds: 60 });
  });

  it('default to 6 attempts spread over about an hour', () => {
    const policy = deliverWebhookJob.policy(loadConfig({}));
    expect(policy.retryLimit + 1).toBe(6);
    // pg-boss waits between delay·2^(n-1) and delay·2^n before retry n.
    const earliest = Array.from({ length: policy.retryLimit }, (_, i) => policy.retryDelaySeconds * 2 ** i).reduce((a, b) => a + b, 0);
    expect(earliest / 60).toBeGreaterThan(30);
    expect((2 * earliest) / 60).toBeLessThan(100);
  });

  it('validate payloads', () => {
    expect(dispatchWebhookEventJob.payload.safeParse({ eventId: 'nope' }).success).toBe(false);
    expect(deliverWebhookJob.payload.safeParse({ deliveryId: '7d0c6a4e-5c39-4f6b-9a51-0b7b2f9f1f10' }).success).toBe(true);
  });
});

describe('scan job', () => {
  it('runs BERTH_SCAN_CONCURRENCY scans per worker (one by default), each presumed dead after 30 minutes', () => {
    expect(scanImageHandler.concurrency(loadConfig({}))).toBe(1);
    expect(scanImageHandler.concurrency(loadConfig({ BERTH_SCAN_CONCURRENCY: '3' }))).toBe(3);
    expect(() => loadConfig({ BERTH_SCAN_CONCURRENCY: '0' })).toThrow(/BERTH_SCAN_CONCURRENCY/);
    expect(scanImageJob.policy(loadConfig({})).expireInSeconds).toBe(30 * 60);
    expect(scanImageJob.payload.safeParse({ scanId: 'nope' }).success).toBe(false);
  });
});
