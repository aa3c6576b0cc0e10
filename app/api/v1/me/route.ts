import { withApi } from '@/lib/api/with-api';
import { getCurrentUser } from '@/lib/services/users/get-current-user';

export const GET = withApi(async ({ app, actor }) => getCurrentUser(app, { actor }), { authorize: 'in-service' });
