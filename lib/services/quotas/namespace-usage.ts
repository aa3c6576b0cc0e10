import { Prisma } from '@/lib/db/generated/client';

type Q = Pick<Prisma.TransactionClient, '$queryRaw'>;

// What a namespace uses: every blob Berth stores that a manifest of one of its repositories references, each counted
// once however many images and repositories share it. Blobs uploaded but referenced by no manifest (a push under
// way, or one refused) do not count; a deleted image stops counting at once (its storage returns at the next
// garbage collection). Computed from the references themselves, never kept as a counter, so it cannot drift.
const REFERENCED = (namespaceId: string) => Prisma.sql`
  SELECT mb.digest FROM manifest_blobs mb JOIN manifests m ON m.id = mb.manifest_id JOIN repositories r ON r.id = m.repository_id
  WHERE r.namespace_id = ${namespaceId}::uuid`;

export async function namespaceUsage(db: Q, namespaceId: string): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ bytes: bigint | null }>>`
    SELECT sum(b.size)::bigint AS bytes FROM blobs b WHERE b.digest IN (${REFERENCED(namespaceId)})`;
  return Number(row?.bytes ?? 0n);
}

/** The usage if the namespace also referenced `digests`. */
export async function namespaceUsageWith(db: Q, namespaceId: string, digests: readonly string[]): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ bytes: bigint | null }>>`
    SELECT sum(b.size)::bigint AS bytes FROM blobs b
    WHERE b.digest IN (${REFERENCED(namespaceId)} UNION SELECT unnest(${[...digests]}::text[]))`;
  return Number(row?.bytes ?? 0n);
}
