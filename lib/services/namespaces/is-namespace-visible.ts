import { Prisma } from '@/lib/db/generated/client';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { readableRepositoryWhere } from '@/lib/services/repositories/readable-repository-where';

/**
 * A namespace is visible to whoever may get it (owner, members, policies) and to whoever may read any repository
 * in it: someone who can pull `team/app` must be able to open `team` (only the readable part of it shows).
 */
export async function isNamespaceVisible(
  app: AppContext,
  input: { actor: Actor; profile: AccessProfile; namespace: { id: string; name: string } },
): Promise<boolean> {
  const { actor, profile, namespace } = input;
  if (permits(app, actor, profile, 'cr:GetNamespace', { kind: 'namespace', namespace })) return true;
  const filter = Prisma.sql`r.namespace_id = ${namespace.id}::uuid`;
  const readable = await readableRepositoryWhere(app, { actor, profile, filter });
  const rows = await app.db.$queryRaw<unknown[]>`
    SELECT 1 FROM repositories r JOIN namespaces n ON n.id = r.namespace_id WHERE ${filter} AND ${readable} LIMIT 1`;
  return rows.length > 0;
}
