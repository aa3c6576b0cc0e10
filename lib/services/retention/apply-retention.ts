import { RegistryError } from '@/lib/errors/registry-error';
import { planRetention } from '@/lib/retention/plan-retention';
import type { RetentionResultDto } from '@/lib/schemas/retention';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadImmutabilityMatcher } from '@/lib/services/immutability/find-immutability-rule';
import { REPOSITORY_ROW_SELECT } from '@/lib/services/repositories/repository-row';
import { removeTags } from '@/lib/services/tags/remove-tags';
import { auditResource } from '@/lib/services/access/audit-resource';

/**
 * Applies the retention rules of a namespace (every repository in it) or of one repository: each repository's tags
 * are judged by planRetention against the namespace's rules and its own, and the tags no rule keeps are removed
 * the way a user's delete removes them (a `tag.deleted` webhook event each), and audited. A dry run only lists them.
 * The images behind removed tags become untagged: the next garbage collection frees what nothing else uses.
 */
export async function applyRetention(
  app: AppContext,
  input: { actor: Actor; operator: string; namespaceId: string; repositoryId: string | null; dryRun: boolean; now?: Date },
): Promise<RetentionResultDto> {
  const now = input.now ?? new Date();
  const rules = await app.db.retentionRule.findMany({ where: { namespaceId: input.namespaceId }, orderBy: { createdAt: 'asc' } });
  const repositories = await app.db.repository.findMany({
    where: { namespaceId: input.namespaceId, ...(input.repositoryId ? { id: input.repositoryId } : {}) },
    select: REPOSITORY_ROW_SELECT,
    orderBy: { name: 'asc' },
  });
  const removed: RetentionResultDto['removed'] = [];
  for (const repository of repositories) {
    const applicable = rules.filter((r) => r.repositoryId === null || r.repositoryId === repository.id);
    if (applicable.length === 0) continue;
    const [tags, immutable] = await Promise.all([
      app.db.tag.findMany({ where: { repositoryId: repository.id }, select: { name: true, pushedAt: true, lastPulledAt: true, manifest: { select: { digest: true } } } }),
      loadImmutabilityMatcher(app.db, repository.id),
    ]);
    const digests = new Map(tags.map((t) => [t.name, t.manifest.digest]));
    const verdicts = planRetention(
      tags.map((t) => ({ name: t.name, pushedAt: t.pushedAt, lastPulledAt: t.lastPulledAt, immutableBy: immutable(t.name)?.name ?? null })),
      applicable,
      now,
    );
    for (const v of verdicts.filter((x) => !x.keep).sort((a, b) => a.tag.localeCompare(b.tag))) {
      const entry = { repository: repository.name, tag: v.tag, digest: digests.get(v.tag)!, reason: v.reason };
      if (input.dryRun) {
        removed.push(entry);
        continue;
      }
      try {
        if (!(await removeTags(app, { actor: input.actor, repository, tag: v.tag, operator: input.operator }))) continue;
      } catch (err) {
        // A rule made the tag immutable since it was judged: it stays.
        if (err instanceof RegistryError && err.code === 'DENIED') continue;
        throw err;
      }
      removed.push(entry);
      await app.db.auditEvent.create({
        data: {
          actorId: input.actor.kind === 'user' ? input.actor.id : null,
          actorName: input.operator,
          action: 'cr:DeleteTag',
          ...auditResource(app, { kind: 'repository-name', name: repository.name }),
          outcome: 'allowed',
          via: input.actor.origin?.via ?? 'api',
          detail: { reference: v.tag, digest: entry.digest, retention: v.reason },
        },
      });
    }
  }
  return { dryRun: input.dryRun, removed };
}
