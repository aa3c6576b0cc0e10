import type { Prisma } from '@/lib/db/client';
import { RegistryError } from '@/lib/errors/registry-error';
import { formatQuotaBytes } from '@/lib/quota-bytes';
import { namespaceUsageWith } from './namespace-usage';

const QUOTA_LOCK_CLASS = 0x6771; // "gq"

/**
 * Inside a manifest write's transaction: refuses the push when the namespace has a quota and the blobs this manifest
 * adds would take its usage past it (`namespace "team" quota 100 MiB exceeded (120 MiB needed)`). A manifest that
 * adds nothing new (a retag, an index, blobs the namespace already holds) always passes. Pushes into one namespace
 * with a quota take their turn here, so two cannot both fit in the same last megabytes.
 */
export async function assertQuota(tx: Prisma.TransactionClient, input: { repositoryId: string; blobDigests: readonly string[] }): Promise<void> {
  const [ns] = await tx.$queryRaw<Array<{ id: string; name: string; quota_bytes: bigint | null }>>`
    SELECT n.id::text AS id, n.name, n.quota_bytes FROM namespaces n JOIN repositories r ON r.namespace_id = n.id WHERE r.id = ${input.repositoryId}::uuid`;
  if (!ns || ns.quota_bytes === null || input.blobDigests.length === 0) return;
  await tx.$queryRaw`SELECT count(*)::int AS n FROM (SELECT pg_advisory_xact_lock(${QUOTA_LOCK_CLASS}::int, hashtext(${ns.id}))) l`;
  const quota = Number(ns.quota_bytes);
  const before = await namespaceUsageWith(tx, ns.id, []);
  const after = await namespaceUsageWith(tx, ns.id, input.blobDigests);
  if (after > quota && after > before) {
    throw new RegistryError('DENIED', `namespace "${ns.name}" quota ${formatQuotaBytes(quota)} exceeded (${formatQuotaBytes(after)} needed)`, {
      namespace: ns.name,
      quotaBytes: quota,
      neededBytes: after,
    });
  }
}
