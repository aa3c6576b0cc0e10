import { Prisma } from '@/lib/db/generated/client';
import { DomainError } from '@/lib/errors/domain-error';
import { actorName, type Actor, type AppContext } from '@/lib/services/context';
import { permits } from '@/lib/services/access/authorize';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';
import { queueImageScans } from './queue-image-scans';
import { auditResource } from '@/lib/services/access/audit-resource';

export type ScanAllScope = { kind: 'repository'; name: string } | { kind: 'namespace'; name: string };

/**
 * "Scan all": queues a scan of every tagged image of a repository, or of every repository of a namespace the caller
 * may scan (cr:ScanImage on each; FORBIDDEN when that is none of them). Images with a scan already queued or running
 * keep it. Answers how many were queued.
 */
export async function scanAll(app: AppContext, input: { actor: Actor; scope: ScanAllScope }): Promise<{ queued: number; alreadyActive: number; repositories: number }> {
  const { actor, scope } = input;
  let repositoryIds: string[];
  let namespaceName: string;
  if (scope.kind === 'repository') {
    const { repository } = await requireRepositoryAction(app, { actor, name: scope.name, action: 'cr:ScanImage' });
    repositoryIds = [repository.id];
    namespaceName = scope.name.slice(0, scope.name.indexOf('/'));
  } else {
    const { namespace, profile } = await requireNamespaceAction(app, { actor, name: scope.name, action: 'cr:GetNamespace' });
    const repos = await app.db.repository.findMany({
      where: { namespaceId: namespace.id },
      select: { id: true, name: true, namespaceId: true, visibility: true },
    });
    repositoryIds = repos.filter((repository) => permits(app, actor, profile, 'cr:ScanImage', { kind: 'repository', repository })).map((r) => r.id);
    if (repos.length > 0 && repositoryIds.length === 0) throw new DomainError('forbidden', `you may not scan the repositories of ${namespace.name}`);
    namespaceName = namespace.name;
  }
  const result =
    repositoryIds.length === 0
      ? { queued: 0, alreadyActive: 0 }
      : await queueImageScans(app, { where: Prisma.sql`t.repository_id = ANY(${repositoryIds}::uuid[])`, trigger: 'manual', requestedBy: actorName(actor) });
  await recordAuditEvent(app, {
    actor,
    action: 'cr:ScanImage',
    ...auditResource(app, scope.kind === 'repository' ? { kind: 'repository-name', name: scope.name } : { kind: 'namespace-name', name: namespaceName }),
    outcome: 'allowed',
    detail: { scanAll: true, ...result, repositories: repositoryIds.length },
  });
  return { ...result, repositories: repositoryIds.length };
}
