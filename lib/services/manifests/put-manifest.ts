import { RegistryError } from '@/lib/errors/registry-error';
import { computeDigest, digestAlgorithm, isDigest, looksLikeDigest } from '@/lib/oci/digest';
import { isForeignLayer } from '@/lib/oci/media-types';
import { isTag } from '@/lib/oci/names';
import { enqueueScans } from '@/lib/services/scans/enqueue-scan-jobs';
import { queueScanOnPush } from '@/lib/services/scans/queue-scan-on-push';
import { enqueueWebhookEvents } from '@/lib/services/webhooks/enqueue-webhook-jobs';
import { recordWebhookEvent } from '@/lib/services/webhooks/record-webhook-event';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { ManifestError, parseManifest, type ParsedManifest } from '@/lib/oci/parse-manifest';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { storeManifest } from './store-manifest';
import { auditResource } from '@/lib/services/access/audit-resource';

export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface PutManifestResult {
  digest: string;
  subject?: string;
}

/**
 * Stores a manifest under a tag or its digest. Every blob and child manifest it references must already be in the
 * repository (OCI: MANIFEST_BLOB_UNKNOWN); the subject of a referrer need not be (OCI 1.1 allows either order).
 */
export async function putManifest(
  app: AppContext,
  input: { actor: Actor; name: string; reference: string; body: Uint8Array; contentType?: string },
): Promise<PutManifestResult> {
  const { reference, body } = input;
  const byDigest = looksLikeDigest(reference);
  if (byDigest && !isDigest(reference)) throw new RegistryError('DIGEST_INVALID', `invalid digest "${reference.slice(0, 200)}"`);
  if (!byDigest && !isTag(reference)) throw new RegistryError('TAG_INVALID', `invalid tag "${reference.slice(0, 200)}"`);
  // Who is asking comes first: an anonymous or unauthorized caller learns nothing from how its body is judged.
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'push' });
  if (body.length > MAX_MANIFEST_BYTES) {
    throw new RegistryError('MANIFEST_INVALID', `manifest is larger than ${MAX_MANIFEST_BYTES} bytes`, undefined, 413);
  }
  let parsed: ParsedManifest;
  try {
    parsed = parseManifest(body, input.contentType);
  } catch (err) {
    if (err instanceof ManifestError) throw new RegistryError(err.unsupported ? 'UNSUPPORTED' : 'MANIFEST_INVALID', err.message, undefined, 400);
    throw err;
  }
  const digest = computeDigest(body, byDigest ? digestAlgorithm(reference) : 'sha256');
  if (byDigest && digest !== reference) {
    throw new RegistryError('DIGEST_INVALID', `manifest has digest ${digest}, not ${reference}`);
  }
  await checkReferences(app, repo.id, parsed);
  // Webhooks: a push to a tag writes an `image.pushed` outbox row in the push's own transaction, queued after commit.
  let eventId: string | undefined;
  // Scan on push: a queued scan of the tag's image commits with the push too (when the repository's setting is on).
  let scanId: string | null = null;
  const pushedAt = new Date();
  await storeManifest(app, {
    repositoryId: repo.id,
    digest,
    body,
    parsed,
    tag: byDigest ? undefined : reference,
    pushedById: input.actor.kind === 'user' ? input.actor.id : null,
    inTransaction: byDigest
      ? undefined
      : async (tx) => {
          eventId = await recordWebhookEvent(tx, {
            type: 'image.pushed',
            repository: repo,
            tag: reference,
            digest,
            mediaType: parsed.mediaType,
            size: imageSize(parsed, body.length),
            pushedAt,
            operator: actorName(input.actor),
            occurredAt: pushedAt,
          });
          scanId = await queueScanOnPush(tx, { repositoryId: repo.id, digest, tag: reference, parsed, pushedBy: actorName(input.actor) });
        },
  });
  if (eventId) await enqueueWebhookEvents(app, [eventId]);
  if (scanId) await enqueueScans(app, [scanId]);
  if (!byDigest) {
    await recordAuditEvent(app, {
      actor: input.actor,
      action: 'cr:PushRepository',
      ...auditResource(app, { kind: 'repository-name', name: input.name }),
      outcome: 'allowed',
      detail: { tag: reference, digest },
    });
  }
  return { digest, subject: parsed.subject?.digest };
}

/** Webhooks' `pushData.size`: the manifest plus everything it references directly (config and layers, or children). */
function imageSize(parsed: ParsedManifest, manifestBytes: number): number {
  const refs = parsed.kind === 'image' ? [parsed.config, ...parsed.layers] : parsed.manifests;
  return refs.reduce((sum, d) => sum + d.size, manifestBytes);
}

async function checkReferences(app: AppContext, repositoryId: string, parsed: ParsedManifest): Promise<void> {
  if (parsed.kind === 'image') {
    const wanted = [parsed.config, ...parsed.layers].filter((d) => !(isForeignLayer(d.mediaType) && d.urls?.length));
    const digests = [...new Set(wanted.map((d) => d.digest))];
    const found = await app.db.repositoryBlob.findMany({
      where: { repositoryId, digest: { in: digests } },
      select: { digest: true, blob: { select: { size: true } } },
    });
    const sizes = new Map(found.map((f) => [f.digest, Number(f.blob.size)]));
    for (const d of wanted) {
      const size = sizes.get(d.digest);
      if (size === undefined) throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `blob ${d.digest} is not in this repository`, { digest: d.digest });
      if (size !== d.size) throw new RegistryError('MANIFEST_INVALID', `descriptor for ${d.digest} says ${d.size} bytes, the blob has ${size}`);
    }
    return;
  }
  const digests = [...new Set(parsed.manifests.map((d) => d.digest))];
  const found = await app.db.manifest.findMany({ where: { repositoryId, digest: { in: digests } }, select: { digest: true, size: true } });
  const sizes = new Map(found.map((f) => [f.digest, f.size]));
  for (const d of parsed.manifests) {
    const size = sizes.get(d.digest);
    if (size === undefined) throw new RegistryError('MANIFEST_BLOB_UNKNOWN', `manifest ${d.digest} is not in this repository`, { digest: d.digest });
    if (size !== d.size) throw new RegistryError('MANIFEST_INVALID', `descriptor for ${d.digest} says ${d.size} bytes, the manifest has ${size}`);
  }
}
