import { auditPageSchema, auditQuerySchema } from '@/lib/schemas/audit';
import type { ApiOperation } from '../operation';

export const auditOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/audit',
    summary: 'The audit log, newest first. With cr:GetAudit: every event; otherwise the events of namespaces you own.',
    tag: 'audit',
    query: auditQuerySchema,
    response: auditPageSchema,
  },
];
