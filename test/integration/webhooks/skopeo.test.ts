// A real client's push fires the webhook: skopeo copies an image built with umoci into Berth, and the receiver gets
// one signed image.pushed payload naming the tag and the manifest digest skopeo pushed.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '@/lib/webhooks/sign-payload';
import { randomName } from '../../support/database';
import { skopeoCopyOk } from '../../support/clients';
import { buildImage, type BuiltImage } from '../../support/images';
import { OciClient } from '../../support/oci-client';
import { useTempDirs } from '../../support/temp-dirs';
import { requireTool } from '../../support/tools';
import { createRepoWebhook, sleep, useReceiver, useWebhookHarness, waitFor } from './support';

const h = useWebhookHarness();
const r = useReceiver();
const dirs = useTempDirs();
let image: BuiltImage;

beforeAll(async () => {
  for (const tool of ['skopeo', 'umoci', 'unshare']) requireTool(tool);
  const dir = await dirs.make('berth-webhook-skopeo-');
  image = await buildImage({ dir, tag: 'src', layers: [{ files: { 'etc/motd': `hello ${randomName()}\n` } }] });
});

describe('webhooks with skopeo', () => {
  it('a skopeo push to a matching tag delivers one signed image.pushed event', async () => {
    const repo = `${randomName('ns')}/${randomName('app')}`;
    await new OciClient(h.reg, h.reg.admin).pushImage(repo, 'seed');
    const created = await createRepoWebhook(h.reg, h.reg.admin, repo, {
      name: 'skopeo',
      url: `${r.url}/hook`,
      secret: 'skopeo-shared-secret',
      trigger: { kind: 'regex', pattern: 'release-.*' },
    });
    expect(created.status).toBe(201);

    const creds = { username: h.reg.admin.username, password: h.reg.admin.password };
    await skopeoCopyOk(image.ref, `docker://${h.reg.host}/${repo}:release-1`, { creds });
    await skopeoCopyOk(image.ref, `docker://${h.reg.host}/${repo}:scratch`, { creds });

    await waitFor(() => r.received.length >= 1, 20_000, 'the delivery');
    await sleep(1000);
    expect(r.received).toHaveLength(1);
    const req = r.received[0]!;
    expect(verifySignature('skopeo-shared-secret', req.body, req.headers['x-berth-signature'] as string)).toBe(true);
    expect(JSON.parse(req.body)).toMatchObject({
      event: 'image.pushed',
      operator: 'admin',
      repository: { fullName: repo },
      pushData: { tag: 'release-1', digest: image.digest, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
    });
  });
});
