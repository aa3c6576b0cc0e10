import { withApi } from '@/lib/api/with-api';
import { getVulnDbStatus } from '@/lib/services/vulndb/get-vulndb-status';

export const GET = withApi(async ({ app, actor }) => getVulnDbStatus(app, { actor }), { authorize: 'in-service' });
