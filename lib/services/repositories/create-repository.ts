import { isUniqueViolation } from '@/lib/db/client';
import { DomainError } from '@/lib/errors/domain-error';
import type { CreateRepositoryInput, RepositoryDto } from '@/lib/schemas/repositories';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { requireAction } from '@/lib/services/access/require-action';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { isNamespaceVisible } from '@/lib/services/namespaces/is-namespace-visible';
import { REPOSITORY_DTO_SELECT, toRepositoryDto } from './repository-dto';
import { toDbVisibility } from './visibility';
import { auditResource } from '@/lib/services/access/audit-resource';

// One error for a missing and a hidden namespace.
const noSuchNamespace = () => new DomainError('absent', 'namespace not found', { fields: [{ path: 'namespace', message: 'no such namespace' }] });

/**
 * Creates an empty repository ahead of the first push. Needs cr:CreateRepository on the new repository's resource
 * (write on its namespace, or a policy); a namespace the actor cannot see answers as a missing one.
 */
export async function createRepository(app: AppContext, input: { actor: Actor; data: CreateRepositoryInput }): Promise<RepositoryDto> {
  const { actor, data } = input;
  const name = `${data.namespace}/${data.name}`;
  const namespace = await app.db.namespace.findUnique({ where: { name: data.namespace }, select: { id: true, name: true } });
  if (!namespace) throw noSuchNamespace();
  const visibility = toDbVisibility(data.visibility);
  const target = { kind: 'repository', repository: { id: '', name, namespaceId: namespace.id, visibility } } as const;
  const profile = await loadAccessProfile(app, actor);
  if (!permits(app, actor, profile, 'cr:CreateRepository', target)) {
    const visible = await isNamespaceVisible(app, { actor, profile, namespace });
    // Not allowed, so requireAction audits the refusal and throws FORBIDDEN (or UNAUTHORIZED).
    await requireAction(app, { actor, action: 'cr:CreateRepository', target, profile }).catch((err: unknown) => {
      throw visible ? err : noSuchNamespace();
    });
  }
  try {
    const row = await app.db.repository.create({
      data: { name, namespaceId: namespace.id, visibility, summary: data.summary ?? '' },
      select: REPOSITORY_DTO_SELECT,
    });
    await recordAuditEvent(app, {
      actor,
      action: 'cr:CreateRepository',
      ...auditResource(app, { kind: 'repository-name', name: name }),
      outcome: 'allowed',
      detail: { visibility: data.visibility },
    });
    return toRepositoryDto(row);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('conflict', `repository "${name}" already exists`, { fields: [{ path: 'name', message: 'already exists' }] });
    }
    throw err;
  }
}
