import type { Prisma } from '@/lib/db/client';
import type { ParsedManifest } from '@/lib/oci/parse-manifest';
import { MT } from '@/lib/oci/media-types';
import { createScanRow } from './create-scan-row';

// Image configs: anything else in an image manifest's config is an artifact (signature, SBOM, Helm chart).
const IMAGE_CONFIG_TYPES: ReadonlySet<string> = new Set([MT.ociConfig, MT.dockerConfig]);

/**
 * Scan on push, inside the push's transaction: when the repository's setting (or, when it has none, its namespace's)
 * is on, a queued scan of the pushed tag's manifest commits with the push. Returns the scan id to enqueue after the
 * commit, or null. Artifacts (a subject, an artifactType, a config that is not an image config) are not images to scan;
 * the children of an index pushed by digest are scanned through the index's tag, never on their own.
 */
export async function queueScanOnPush(
  tx: Prisma.TransactionClient,
  input: { repositoryId: string; digest: string; tag: string; parsed: ParsedManifest; pushedBy: string },
): Promise<string | null> {
  if (!isScannable(input.parsed)) return null;
  const [setting] = await tx.$queryRaw<Array<{ on: boolean }>>`
    SELECT COALESCE(r.scan_on_push, n.scan_on_push) AS on
    FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE r.id = ${input.repositoryId}::uuid`;
  if (!setting?.on) return null;
  const { scan, created } = await createScanRow(tx, {
    repositoryId: input.repositoryId,
    manifestDigest: input.digest,
    tag: input.tag,
    trigger: 'push',
    requestedBy: input.pushedBy,
  });
  return created ? scan.id : null;
}

function isScannable(parsed: ParsedManifest): boolean {
  if (parsed.subject || parsed.artifactType) return false;
  return parsed.kind === 'index' || IMAGE_CONFIG_TYPES.has(parsed.config.mediaType);
}
