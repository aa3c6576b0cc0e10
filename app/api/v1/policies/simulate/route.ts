import { parseBody, withApi } from '@/lib/api/with-api';
import { simulateAccessSchema } from '@/lib/schemas/policies';
import { simulateAccess } from '@/lib/services/policies/simulate-access';

export const POST = withApi(async ({ app, actor, req }) => simulateAccess(app, { actor, data: await parseBody(req, simulateAccessSchema) }), { authorize: 'in-service' });
