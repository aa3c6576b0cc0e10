import type { Prisma } from '@/lib/db/client';
import type { ParsedManifest } from '@/lib/oci/parse-manifest';
import type { AppContext } from '@/lib/services/context';
import { assertTagMayMove } from '@/lib/services/immutability/find-immutability-rule';
import { assertQuota } from '@/lib/services/quotas/assert-quota';
import { lockReferences, requiredBlobDigests } from './lock-references';

/**
 * Writes a verified manifest, its references and (optionally) a tag, in one transaction. `inTransaction` runs last
 * inside it (webhooks: the push event's outbox row commits with the push, or not at all).
 */
export async function storeManifest(
  app: AppContext,
  input: {
    repositoryId: string;
    digest: string;
    body: Uint8Array;
    parsed: ParsedManifest;
    tag?: string;
    pushedById: string | null;
    inTransaction?: (tx: Prisma.TransactionClient) => Promise<void>;
  },
): Promise<void> {
  const { parsed } = input;
  const artifactType =
    parsed.artifactType ?? (parsed.kind === 'image' && parsed.subject ? parsed.config.mediaType : undefined);
  await app.db.$transaction(async (tx) => {
    // Garbage collection: what this manifest references is locked and found still there, or the push fails.
    await lockReferences(tx, { repositoryId: input.repositoryId, digest: input.digest, parsed });
    // Quotas: the namespace's usage with this manifest's blobs must stay within its quota.
    await assertQuota(tx, { repositoryId: input.repositoryId, blobDigests: requiredBlobDigests(parsed) });
    const inserted = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO manifests (repository_id, digest, media_type, size, content, config_digest, subject_digest, artifact_type, annotations)
      VALUES (${input.repositoryId}::uuid, ${input.digest}, ${parsed.mediaType}, ${input.body.length}, ${Buffer.from(input.body)},
        ${parsed.kind === 'image' ? parsed.config.digest : null}, ${parsed.subject?.digest ?? null}, ${artifactType ?? null},
        ${parsed.annotations ? JSON.stringify(parsed.annotations) : null}::jsonb)
      ON CONFLICT (repository_id, digest) DO NOTHING
      RETURNING id`;
    let manifestId = inserted[0]?.id;
    if (manifestId) {
      if (parsed.kind === 'image') {
        await tx.manifestBlob.createMany({
          data: [parsed.config, ...parsed.layers].map((d, position) => ({
            manifestId: manifestId!,
            digest: d.digest,
            role: position === 0 ? 'config' : 'layer',
            position,
            size: BigInt(d.size),
            mediaType: d.mediaType,
          })),
        });
      } else {
        await tx.manifestChild.createMany({
          data: parsed.manifests.map((d, position) => ({
            manifestId: manifestId!,
            position,
            childDigest: d.digest,
            mediaType: d.mediaType,
            size: BigInt(d.size),
            platform: d.platform ? { ...d.platform } : undefined,
          })),
        });
      }
    } else {
      manifestId = (await tx.manifest.findUniqueOrThrow({
        where: { repositoryId_digest: { repositoryId: input.repositoryId, digest: input.digest } },
        select: { id: true },
      })).id;
    }
    if (input.tag) {
      // Immutable tags: moving a protected tag to another manifest is DENIED (rolls the whole push back).
      await assertTagMayMove(tx, { repositoryId: input.repositoryId, tag: input.tag, manifestId });
      await tx.$executeRaw`
        INSERT INTO tags (repository_id, name, manifest_id, pushed_at, pushed_by_id)
        VALUES (${input.repositoryId}::uuid, ${input.tag}, ${manifestId}::uuid, now(), ${input.pushedById}::uuid)
        ON CONFLICT (repository_id, name) DO UPDATE
          SET manifest_id = EXCLUDED.manifest_id, pushed_at = EXCLUDED.pushed_at, pushed_by_id = EXCLUDED.pushed_by_id`;
    }
    await tx.repository.update({ where: { id: input.repositoryId }, data: { lastPushedAt: new Date() } });
    await input.inTransaction?.(tx);
  });
}
