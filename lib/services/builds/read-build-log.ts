import type { BuildLogDto } from '@/lib/schemas/builds';
import type { Actor, AppContext } from '@/lib/services/context';
import { statusOf } from './build-dto';
import { findBuild } from './find-build';
import { requireBuildRepository } from './require-build-repository';

const MAX_READ_BYTES = 1024 * 1024;

/**
 * The log from byte `offset` (at most 1 MiB per call): a client follows a running build by asking again from
 * `nextOffset` until `complete`. Offsets count bytes of the whole log, so they stay valid when its head is dropped.
 */
export async function readBuildLog(app: AppContext, input: { actor: Actor; params: { namespace: string; repository: string }; id: string; offset: number }): Promise<BuildLogDto> {
  const repo = await requireBuildRepository(app, { actor: input.actor, params: input.params, action: 'cr:RunBuild' });
  const found = await findBuild(app, repo.id, input.id);
  // Status first, chunks after: a build seen complete has written all its chunks before.
  const state = await app.db.build.findUniqueOrThrow({ where: { id: found.id }, select: { status: true, logBytes: true, logDroppedBytes: true } });
  const status = statusOf(state.status);
  const complete = status !== 'queued' && status !== 'running';
  const from = Math.max(input.offset, state.logDroppedBytes);
  // The chunk holding `from` (chunks are at most 256 KiB), then those after it.
  const holder = await app.db.buildLogChunk.findFirst({ where: { buildId: found.id, offset: { lte: from } }, select: { offset: true }, orderBy: { offset: 'desc' } });
  const chunks = await app.db.buildLogChunk.findMany({
    where: { buildId: found.id, offset: { gte: holder?.offset ?? 0 } },
    select: { offset: true, bytes: true, text: true },
    orderBy: { offset: 'asc' },
    take: 8,
  });
  const parts: Buffer[] = [];
  let start = -1;
  let end = from;
  let size = 0;
  for (const c of chunks) {
    if (c.offset + c.bytes <= from) continue;
    if (size >= MAX_READ_BYTES) break;
    const buf = Buffer.from(c.text, 'utf8');
    const slice = c.offset < from ? buf.subarray(from - c.offset) : buf;
    if (start < 0) start = Math.max(c.offset, from);
    parts.push(slice);
    size += slice.length;
    end = c.offset + c.bytes;
  }
  const text = Buffer.concat(parts).toString('utf8');
  return { offset: start < 0 ? from : start, nextOffset: end, text, status, complete: complete && end >= state.logBytes, droppedBytes: state.logDroppedBytes };
}
