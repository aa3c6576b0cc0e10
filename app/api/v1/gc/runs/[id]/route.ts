import { withApi } from '@/lib/api/with-api';
import { getGcRun } from '@/lib/services/gc/get-gc-run';

export const GET = withApi<{ id: string }>(async ({ app, actor, params }) => getGcRun(app, { actor, id: params.id }), { authorize: 'in-service' });
