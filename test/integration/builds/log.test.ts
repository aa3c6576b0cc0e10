// A build's stored log: masked, followed by offset, bounded at 10 MiB with the tail kept.
import { beforeAll, describe, expect, it } from 'vitest';
import { secretMasker } from '@/lib/builds/mask-secrets';
import { BuildLogWriter, MAX_STORED_LOG_BYTES } from '@/lib/services/builds/build-log-writer';
import { readBuildLog } from '@/lib/services/builds/read-build-log';
import type { Actor } from '@/lib/services/context';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();
let admin: Actor;

beforeAll(async () => {
  admin = { kind: 'user', id: reg.admin.id, username: 'admin', isAdmin: true };
});

async function newBuild() {
  const repo = `${randomName('ns')}/${randomName('app')}`;
  await new OciClient(reg, reg.admin).pushImage(repo, 'seed');
  const repository = await reg.app.db.repository.findUniqueOrThrow({ where: { name: repo } });
  const build = await reg.app.db.build.create({ data: { repositoryId: repository.id, ruleName: 'r', triggeredBy: 'manual', requestedBy: 'admin', ref: 'main', status: 'running' } });
  const [namespace, repositoryName] = [repo.slice(0, repo.indexOf('/')), repo.slice(repo.indexOf('/') + 1)];
  return { id: build.id, params: { namespace, repository: repositoryName } };
}

describe('build logs', () => {
  it('masks secrets and is read from any offset while running', async () => {
    const { id, params } = await newBuild();
    const log = new BuildLogWriter(reg.app, id, secretMasker(['s3cret-token-value']));
    log.line('cloning with s3cret-token-value');
    log.line('from https://bob:other-pass@example.com/app.git');
    log.line('héllo, wörld');
    await log.flush();
    const all = await readBuildLog(reg.app, { actor: admin, params, id, offset: 0 });
    expect(all.text).toBe('cloning with ********\nfrom https://bob:********@example.com/app.git\nhéllo, wörld\n');
    expect(all).toMatchObject({ offset: 0, nextOffset: Buffer.byteLength(all.text), status: 'running', complete: false });
    log.line('more');
    await log.flush();
    const next = await readBuildLog(reg.app, { actor: admin, params, id, offset: all.nextOffset });
    expect(next.text).toBe('more\n');
    const fromMiddle = await readBuildLog(reg.app, { actor: admin, params, id, offset: Buffer.byteLength('cloning with ********\n') });
    expect(fromMiddle.text.startsWith('from https://')).toBe(true);
  });

  it('keeps the tail when a log outgrows 10 MiB, with offsets still counting from the start', async () => {
    const { id, params } = await newBuild();
    const log = new BuildLogWriter(reg.app, id, (l) => l);
    const line = 'x'.repeat(8191); // 8 KiB with its newline
    const lines = (MAX_STORED_LOG_BYTES / 8192) * 1.5;
    for (let i = 0; i < lines; i++) log.line(i === lines - 1 ? 'the last line' : `${String(i).padStart(6, '0')}${line.slice(6)}`);
    await log.flush();
    const row = await reg.app.db.build.findUniqueOrThrow({ where: { id } });
    expect(row.logDroppedBytes).toBeGreaterThan(0);
    expect(row.logBytes - row.logDroppedBytes).toBeLessThanOrEqual(MAX_STORED_LOG_BYTES);
    const stored = await reg.app.db.buildLogChunk.aggregate({ where: { buildId: id }, _sum: { bytes: true } });
    expect(stored._sum.bytes).toBe(row.logBytes - row.logDroppedBytes);

    // A reader that asks for the dropped head gets what is kept, and says from where.
    let read = await readBuildLog(reg.app, { actor: admin, params, id, offset: 0 });
    expect(read.offset).toBe(row.logDroppedBytes);
    expect(read.droppedBytes).toBe(row.logDroppedBytes);
    expect(read.text.startsWith(String(row.logDroppedBytes / 8192).padStart(6, '0'))).toBe(true);
    let text = read.text;
    while (read.nextOffset < row.logBytes) {
      read = await readBuildLog(reg.app, { actor: admin, params, id, offset: read.nextOffset });
      text += read.text;
    }
    expect(text.endsWith('the last line\n')).toBe(true);
    expect(Buffer.byteLength(text)).toBe(row.logBytes - row.logDroppedBytes);
  });
});
