import { withApi } from '@/lib/api/with-api';
import { revokeAccessToken } from '@/lib/services/tokens/revoke-access-token';

export const DELETE = withApi<{ id: string }>(async ({ app, actor, params }) => revokeAccessToken(app, { actor, id: params.id }), { authorize: 'in-service' });
