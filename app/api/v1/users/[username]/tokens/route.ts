import { withApi } from '@/lib/api/with-api';
import { listAccessTokens } from '@/lib/services/tokens/list-access-tokens';

export const GET = withApi<{ username: string }>(async ({ app, actor, params }) => ({
  tokens: await listAccessTokens(app, { actor, username: params.username }),
}), { authorize: 'in-service' });
