import { absent } from '@/lib/errors/domain-error';
import { isTag } from '@/lib/oci/names';
import type { AppContext } from '@/lib/services/context';

/** The digest of the manifest a tag points at now; NOT_FOUND ("tag not found") when there is no such tag. */
export async function resolveTagDigest(app: AppContext, input: { repositoryId: string; tag: string }): Promise<{ digest: string; mediaType: string }> {
  if (!isTag(input.tag)) throw absent('tag');
  const row = await app.db.tag.findUnique({
    where: { repositoryId_name: { repositoryId: input.repositoryId, name: input.tag } },
    select: { manifest: { select: { digest: true, mediaType: true } } },
  });
  if (!row) throw absent('tag');
  return row.manifest;
}
