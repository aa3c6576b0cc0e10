import { absent } from '@/lib/errors/domain-error';
import { isTag } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { removeTags } from './remove-tags';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Removes one tag. The manifest stays, reachable by digest and through any other tag; once untagged and unreferenced
 * it goes in the next garbage collection that deletes untagged manifests (the scheduled ones do).
 */
export async function deleteTag(app: AppContext, input: { actor: Actor; name: string; tag: string }): Promise<void> {
  const { actor } = input;
  const { repository } = await requireRepositoryAction(app, { actor, name: input.name, action: 'cr:DeleteTag' });
  if (!isTag(input.tag)) throw absent('tag');
  // The same removal as the registry's DELETE by tag, so webhooks hear of it either way.
  if (!(await removeTags(app, { actor, repository, tag: input.tag }))) throw absent('tag');
  await recordAuditEvent(app, {
    actor,
    action: 'cr:DeleteTag',
    ...auditResource(app, { kind: 'repository-name', name: repository.name }),
    outcome: 'allowed',
    detail: { reference: input.tag },
  });
}
