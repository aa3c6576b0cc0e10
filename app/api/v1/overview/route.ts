import { withApi } from '@/lib/api/with-api';
import { getOverview } from '@/lib/services/overview/get-overview';

export const GET = withApi(async ({ app, actor }) => getOverview(app, { actor }), { authorize: 'in-service' });
