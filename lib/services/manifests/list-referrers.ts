import { RegistryError } from '@/lib/errors/registry-error';
import { isDigest } from '@/lib/oci/digest';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';

export interface Referrer {
  mediaType: string;
  digest: string;
  size: number;
  artifactType?: string;
  annotations?: Record<string, string>;
}

/** Manifests in the repository whose `subject` is `digest`, optionally only those of one artifact type. */
export async function listReferrers(
  app: AppContext,
  input: { actor: Actor; name: string; digest: string; artifactType?: string },
): Promise<Referrer[]> {
  if (!isDigest(input.digest)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${input.digest.slice(0, 200)}"`);
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'pull' });
  const rows = await app.db.manifest.findMany({
    where: { repositoryId: repo.id, subjectDigest: input.digest, ...(input.artifactType ? { artifactType: input.artifactType } : {}) },
    select: { mediaType: true, digest: true, size: true, artifactType: true, annotations: true },
    orderBy: { createdAt: 'asc' },
    take: 10_000,
  });
  return rows.map((r) => ({
    mediaType: r.mediaType,
    digest: r.digest,
    size: r.size,
    ...(r.artifactType ? { artifactType: r.artifactType } : {}),
    ...(r.annotations && typeof r.annotations === 'object' ? { annotations: r.annotations as Record<string, string> } : {}),
  }));
}
