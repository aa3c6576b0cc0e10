import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { claimUpload } from './upload-lease';
import { writeChunk, type ChunkInput } from './write-chunk';

export async function appendUpload(
  app: AppContext,
  input: { actor: Actor; name: string; id: string; chunk: ChunkInput },
): Promise<{ size: number }> {
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push', createIfMissing: false });
  const upload = await claimUpload(app, { id: input.id, repositoryId: repo.id });
  const { size } = await writeChunk(app, upload, input.chunk);
  return { size };
}
