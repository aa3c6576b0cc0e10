import { DomainError } from '@/lib/errors/domain-error';
import type { ScanDto } from '@/lib/schemas/scans';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { resolveTagDigest } from './resolve-tag-digest';
import { SCAN_DTO_SELECT, toScanDto } from './scan-dto';

/**
 * The newest scan of the image a tag points at now (cr:GetScanReport), with the full report once it succeeded. A
 * report belongs to a digest: after the tag moves, the old image's scans no longer answer for it. SCAN_UNKNOWN (404)
 * when that image was never scanned.
 */
export async function getScanReport(app: AppContext, input: { actor: Actor; name: string; tag: string }): Promise<ScanDto> {
  const { repository } = await requireRepositoryAction(app, { actor: input.actor, name: input.name, action: 'cr:GetScanReport' });
  const { digest } = await resolveTagDigest(app, { repositoryId: repository.id, tag: input.tag });
  const scan = await app.db.scan.findFirst({
    where: { repositoryId: repository.id, manifestDigest: digest },
    orderBy: { createdAt: 'desc' },
    select: SCAN_DTO_SELECT,
  });
  if (!scan) throw new DomainError('not-scanned', `${input.name}:${input.tag} (${digest}) has not been scanned`);
  return toScanDto(scan, repository.name);
}
