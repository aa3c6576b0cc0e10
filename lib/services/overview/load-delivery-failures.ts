import { Prisma } from '@/lib/db/generated/client';
import type { OverviewDto } from '@/lib/schemas/overview';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { allowed, decide } from '@/lib/services/access/decide';

const SHOWN = 10;
const CANDIDATES = 50;

type Row = {
  delivery_id: string;
  webhook_id: string;
  webhook_name: string;
  namespace_id: string;
  namespace: string;
  repository_id: string | null;
  repository: string | null;
  visibility: 'PUBLIC' | 'PRIVATE' | null;
  event_type: string;
  status: 'failed' | 'refused';
  failed_at: Date;
};

/**
 * The newest deliveries that failed for good or were refused, of webhooks the caller may read: the same decision as
 * requireWebhookScope (repository webhooks by cr:GetWebhook on the repository; namespace webhooks by cr:GetWebhook
 * on the namespace, or by cr:UpdateNamespace unless a Deny names the webhook action). Without policies only
 * namespaces and repositories the caller holds a grant on can qualify, so the candidates are narrowed in SQL first.
 */
export async function loadDeliveryFailures(
  app: AppContext,
  input: { actor: Actor; profile: AccessProfile },
): Promise<OverviewDto['deliveryFailures']> {
  const { actor, profile } = input;
  const rows = await app.db.$queryRaw<Row[]>`
    SELECT d.id::text AS delivery_id, w.id::text AS webhook_id, w.name AS webhook_name, n.id::text AS namespace_id,
      n.name AS namespace, r.id::text AS repository_id, r.name AS repository, r.visibility::text AS visibility,
      d.event_type, d.status, COALESCE(d.completed_at, d.created_at) AS failed_at
    FROM webhook_deliveries d
    JOIN webhooks w ON w.id = d.webhook_id
    JOIN namespaces n ON n.id = w.namespace_id
    LEFT JOIN repositories r ON r.id = w.repository_id
    WHERE d.status IN ('failed', 'refused') AND ${candidateScope(profile)}
    ORDER BY COALESCE(d.completed_at, d.created_at) DESC, d.id
    LIMIT ${CANDIDATES}`;
  return rows
    .filter((r) => mayRead(app, actor, profile, r))
    .slice(0, SHOWN)
    .map((r) => ({
      deliveryId: r.delivery_id,
      webhookId: r.webhook_id,
      webhookName: r.webhook_name,
      namespace: r.namespace,
      repository: r.repository,
      eventType: r.event_type,
      status: r.status,
      failedAt: r.failed_at.toISOString(),
    }));
}

function candidateScope(profile: AccessProfile): Prisma.Sql {
  if (!profile.active) return Prisma.sql`FALSE`;
  if (profile.isAdmin || profile.policies.length > 0) return Prisma.sql`TRUE`;
  const namespaceIds = [...new Set([...profile.ownedNamespaceIds, ...profile.namespaceLevels.keys()])];
  const repositoryIds = [...profile.repositoryLevels.keys()];
  return Prisma.sql`(w.namespace_id = ANY(${namespaceIds}::uuid[]) OR w.repository_id = ANY(${repositoryIds}::uuid[]))`;
}

function mayRead(app: AppContext, actor: Actor, profile: AccessProfile, r: Row): boolean {
  if (r.repository_id && r.repository && r.visibility) {
    const repository = { id: r.repository_id, name: r.repository, namespaceId: r.namespace_id, visibility: r.visibility };
    return allowed(app, actor, profile, 'cr:GetWebhook', { kind: 'repository', repository });
  }
  const target = { kind: 'namespace', namespace: { id: r.namespace_id, name: r.namespace } } as const;
  const decision = decide(app, actor, profile, 'cr:GetWebhook', target);
  return decision.decision === 'allow' || (decision.reason !== 'explicit-deny' && allowed(app, actor, profile, 'cr:UpdateNamespace', target));
}
