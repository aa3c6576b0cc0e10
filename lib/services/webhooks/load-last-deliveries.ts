import type { LastDeliveryDto } from '@/lib/schemas/webhooks';
import type { AppContext } from '@/lib/services/context';

type Row = { webhook_id: string; id: string; status: string; event_type: string; created_at: Date; completed_at: Date | null; attempt_count: number };

/**
 * The newest delivery of each webhook in `webhookIds`, in one query, so a list does not ask once per row. A LATERAL
 * `LIMIT 1` per webhook reads one entry of the (webhook_id, created_at) index each, where a `DISTINCT ON` over the
 * deliveries would read every retained delivery of every webhook. Order as the delivery list: newest, then id. The
 * attempt count (from the (delivery_id, number) index) tells a first try from a retry.
 */
export async function loadLastDeliveries(app: AppContext, webhookIds: readonly string[]): Promise<Map<string, NonNullable<LastDeliveryDto>>> {
  const out = new Map<string, NonNullable<LastDeliveryDto>>();
  if (webhookIds.length === 0) return out;
  const rows = await app.db.$queryRaw<Row[]>`
    SELECT w.id::text AS webhook_id, d.id::text AS id, d.status, d.event_type, d.created_at, d.completed_at,
           (SELECT count(*)::int FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id) AS attempt_count
    FROM unnest(${[...webhookIds]}::uuid[]) AS w(id)
    CROSS JOIN LATERAL (
      SELECT id, status, event_type, created_at, completed_at FROM webhook_deliveries
      WHERE webhook_id = w.id ORDER BY created_at DESC, id DESC LIMIT 1
    ) d`;
  for (const r of rows) {
    out.set(r.webhook_id, {
      id: r.id,
      status: r.status as NonNullable<LastDeliveryDto>['status'],
      eventType: r.event_type as NonNullable<LastDeliveryDto>['eventType'],
      createdAt: r.created_at.toISOString(),
      completedAt: r.completed_at?.toISOString() ?? null,
      attemptCount: r.attempt_count,
    });
  }
  return out;
}
