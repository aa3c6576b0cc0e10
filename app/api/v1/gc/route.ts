import { parseBody, withApi } from '@/lib/api/with-api';
import { requestGcSchema } from '@/lib/schemas/gc';
import { requestGc } from '@/lib/services/gc/request-gc';

// 202: the run is queued; follow it in GET /api/v1/gc/runs/{id}.
export const POST = withApi(async ({ app, actor, req }) => requestGc(app, { actor, options: await parseBody(req, requestGcSchema) }), { authorize: 'in-service', status: 202 });
