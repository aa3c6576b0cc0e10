import { isUniqueViolation } from '@/lib/db/client';
import type { Visibility } from '@/lib/db/generated/client';
import type { AppContext, UserActor } from '@/lib/services/context';

export type InsertNamespaceResult =
  | { ok: true; namespace: { id: string; name: string; autoCreateRepository: boolean; defaultVisibility: Visibility } }
  | { ok: false; reason: 'exists' | 'limit'; limit?: number };

/**
 * Creates a namespace owned by the actor, enforcing the per-user limit (admins have none) on every path that
 * creates one. The count and the insert run under a per-user lock so concurrent requests cannot overshoot.
 */
export async function insertNamespace(
  app: AppContext,
  input: { actor: UserActor; name: string; autoCreateRepository?: boolean; defaultVisibility?: Visibility },
): Promise<InsertNamespaceResult> {
  const { actor } = input;
  try {
    return await app.db.$transaction(async (tx) => {
      if (!actor.isAdmin) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${'ns-limit:' + actor.id}))`;
        const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { namespaceLimit: true } });
        const limit = user.namespaceLimit ?? app.config.namespaceLimit;
        const owned = await tx.namespace.count({ where: { ownerId: actor.id } });
        if (owned >= limit) return { ok: false, reason: 'limit', limit } as const;
      }
      const namespace = await tx.namespace.create({
        data: {
          name: input.name,
          ownerId: actor.id,
          // BERTH_DEFAULT_NAMESPACE_QUOTA: every new namespace starts with it (an administrator may change it).
          quotaBytes: app.config.defaultNamespaceQuotaBytes === null ? null : BigInt(app.config.defaultNamespaceQuotaBytes),
          ...(input.autoCreateRepository === undefined ? {} : { autoCreateRepository: input.autoCreateRepository }),
          ...(input.defaultVisibility === undefined ? {} : { defaultVisibility: input.defaultVisibility }),
        },
        select: { id: true, name: true, autoCreateRepository: true, defaultVisibility: true },
      });
      return { ok: true, namespace } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: 'exists' };
    throw err;
  }
}
