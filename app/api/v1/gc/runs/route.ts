import { withApi } from '@/lib/api/with-api';
import { listGcRuns } from '@/lib/services/gc/list-gc-runs';

export const GET = withApi(async ({ app, actor }) => listGcRuns(app, { actor }), { authorize: 'in-service' });
