import { parseQuery, withApi } from '@/lib/api/with-api';
import { auditQuerySchema } from '@/lib/schemas/audit';
import { listAuditEvents } from '@/lib/services/audit/list-audit-events';

export const GET = withApi(async ({ app, actor, url }) => listAuditEvents(app, { actor, query: parseQuery(url, auditQuerySchema) }), { authorize: 'in-service' });
