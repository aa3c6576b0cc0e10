import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OciClient, errorCode, sha256, useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const c = useAdminClient(reg);

describe('smoke', () => {
  it('base endpoint needs credentials', async () => {
    const anon = new OciClient(reg, null);
    const res = await anon.fetch('/v2/');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="http:\/\/127.0.0.1:\d+\/auth\/token",service="berth-registry"$/);
    expect(await errorCode(res)).toBe('UNAUTHORIZED');
    expect((await c.fetch('/v2/')).status).toBe(200);
  });

  it('pushes and pulls an image', async () => {
    const layer = randomBytes(300_000);
    const { digest, body } = await c.pushImage('smoke/app', 'v1', { layers: [layer] });
    const head = await c.fetch('/v2/smoke/app/manifests/v1', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('docker-content-digest')).toBe(digest);
    expect(head.headers.get('content-length')).toBe(String(body.length));
    const get = await c.fetch(`/v2/smoke/app/manifests/${digest}`);
    expect(Buffer.from(await get.arrayBuffer()).equals(body)).toBe(true);
    const blob = await c.fetch(`/v2/smoke/app/blobs/${sha256(layer)}`);
    expect(blob.status).toBe(200);
    expect(Buffer.from(await blob.arrayBuffer()).equals(layer)).toBe(true);
  });
});
