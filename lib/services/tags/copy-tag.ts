import { absent } from '@/lib/errors/domain-error';
import { isTag } from '@/lib/oci/names';
import { splitImageRef, type CopyTagInput, type CopyTagResultDto } from '@/lib/schemas/promotion';
import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { linkExistingBlob } from '@/lib/services/blobs/link-existing-blob';
import { putManifest } from '@/lib/services/manifests/put-manifest';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { imageClosure } from './image-closure';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Promotion: copies the image a tag points at (an index with all its children; with `withReferrers` the artifacts
 * that refer to them) to another repository and tag, server-side: blobs are linked, never re-uploaded. Needs pull on
 * the source and push on the target. Each manifest is written as a push would write it, so the target's immutable
 * tags and quota apply, the push is audited and fires `image.pushed` there.
 */
export async function copyTag(app: AppContext, input: { actor: Actor; name: string; tag: string; data: CopyTagInput }): Promise<CopyTagResultDto> {
  const { actor } = input;
  const { repository: source } = await requireRepositoryAction(app, { actor, name: input.name, action: 'cr:PullRepository' });
  const tag = isTag(input.tag) ? await app.db.tag.findUnique({ where: { repositoryId_name: { repositoryId: source.id, name: input.tag } }, select: { manifest: { select: { digest: true } } } }) : null;
  if (!tag) throw absent('tag');
  const to = splitImageRef(input.data.to);
  const target = await authorizeRepository(app, { actor, name: to.name, action: 'push' });
  const closure = await imageClosure(app.db, { repositoryId: source.id, digest: tag.manifest.digest, withReferrers: input.data.withReferrers });
  let blobs = 0;
  for (const digest of closure.blobs) if (await linkExistingBlob(app.db, { repositoryId: target.id, digest })) blobs++;
  // What others hang off goes first: children before their index, the image before its referrers.
  const ordered = [...closure.manifests].sort((a, b) => b.depth - a.depth);
  const root = closure.manifests.find((m) => m.digest === tag.manifest.digest)!;
  const referrersLast = [...ordered.filter((m) => m !== root && !isReferrerOf(m)), root, ...ordered.filter((m) => m !== root && isReferrerOf(m))];
  for (const m of referrersLast) {
    await putManifest(app, { actor, name: target.name, reference: m === root ? to.tag : m.digest, body: m.content, contentType: m.mediaType });
  }
  await recordAuditEvent(app, {
    actor,
    action: 'cr:PushRepository',
    ...auditResource(app, { kind: 'repository-name', name: target.name }),
    outcome: 'allowed',
    detail: { op: 'copy', from: `${source.name}:${input.tag}`, to: input.data.to, digest: root.digest, manifests: closure.manifests.length },
  });
  return { from: `${source.name}:${input.tag}`, to: `${target.name}:${to.tag}`, digest: root.digest, manifests: closure.manifests.length, blobs };
}

function isReferrerOf(m: { content: Uint8Array }): boolean {
  try {
    return typeof (JSON.parse(Buffer.from(m.content).toString('utf8')) as { subject?: unknown }).subject === 'object';
  } catch {
    return false;
  }
}
