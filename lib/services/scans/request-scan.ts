import type { ScanDto } from '@/lib/schemas/scans';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { createScanRow } from './create-scan-row';
import { enqueueScans } from './enqueue-scan-jobs';
import { resolveTagDigest } from './resolve-tag-digest';
import { toScanDto } from './scan-dto';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Asks for a scan of the image a tag points at (cr:ScanImage). The scan row commits as `queued`, and its job is queued
 * after the commit (the sweeper catches what a crash leaves behind). If that image already has a queued or running
 * scan, that scan is returned instead of a second one.
 */
export async function requestScan(app: AppContext, input: { actor: Actor; name: string; tag: string }): Promise<ScanDto> {
  const { actor } = input;
  const { repository } = await requireRepositoryAction(app, { actor, name: input.name, action: 'cr:ScanImage' });
  const { digest } = await resolveTagDigest(app, { repositoryId: repository.id, tag: input.tag });
  const { scan, created } = await app.db.$transaction((tx) =>
    createScanRow(tx, { repositoryId: repository.id, manifestDigest: digest, tag: input.tag, trigger: 'manual', requestedBy: actorName(actor) }),
  );
  if (created) await enqueueScans(app, [scan.id]);
  await recordAuditEvent(app, {
    actor,
    action: 'cr:ScanImage',
    ...auditResource(app, { kind: 'repository-name', name: repository.name }),
    outcome: 'allowed',
    detail: { tag: input.tag, digest, scan: scan.id, ...(created ? {} : { alreadyActive: true }) },
  });
  return toScanDto(scan, repository.name);
}
