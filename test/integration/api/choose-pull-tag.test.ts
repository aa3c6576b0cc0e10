// The tag the repository page offers to pull: `latest`, else the highest release, else the newest push; hidden
// repositories answer like missing ones.
import { describe, expect, it } from 'vitest';
import { choosePullTag } from '@/lib/services/tags/choose-pull-tag';
import { randomName } from '../../support/database';
import { useAdminClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
const oci = useAdminClient(reg);

const admin = () => ({ kind: 'user', id: reg.admin.id, username: reg.admin.username, isAdmin: true }) as const;

async function pushAll(tags: string[]): Promise<string> {
  const repo = `${randomName('ns')}/app`;
  for (const tag of tags) await oci.pushImage(repo, tag);
  return repo;
}

describe('choosePullTag', () => {
  it('prefers latest wherever it was pushed', async () => {
    const repo = await pushAll(['latest', '4.0.0', '3.1.8']);
    expect(await choosePullTag(reg.app, { actor: admin(), name: repo })).toEqual({ tag: 'latest', reason: 'latest' });
  });

  it('else the highest release, not the last push (an older 3.1.8 pushed after 4.0)', async () => {
    const repo = await pushAll(['0.9.0', '4.0', '5.0.0-rc.1', '3.1.8', 'main']);
    expect(await choosePullTag(reg.app, { actor: admin(), name: repo })).toEqual({ tag: '4.0', reason: 'highest-version' });
  });

  it('else the highest pre-release, else the newest push', async () => {
    const pre = await pushAll(['1.0.0-rc.1', '1.0.0-rc.2', 'main']);
    expect(await choosePullTag(reg.app, { actor: admin(), name: pre })).toEqual({ tag: '1.0.0-rc.2', reason: 'highest-version' });
    const names = await pushAll(['main', 'sha-abc', 'feature-x']);
    expect(await choosePullTag(reg.app, { actor: admin(), name: names })).toEqual({ tag: 'feature-x', reason: 'newest-push' });
  });

  it('answers null for an empty repository and NOT_FOUND for a hidden one', async () => {
    const repo = await pushAll(['1.0']);
    await reg.app.db.tag.deleteMany({ where: { repository: { name: repo } } });
    expect(await choosePullTag(reg.app, { actor: admin(), name: repo })).toBeNull();
    const user = await reg.createUser();
    await expect(choosePullTag(reg.app, { actor: { kind: 'user', id: user.id, username: user.username, isAdmin: false }, name: repo })).rejects.toMatchObject({ kind: 'absent' });
  });
});
