import { parseBody, withApi } from '@/lib/api/with-api';
import { createTokenSchema } from '@/lib/schemas/tokens';
import { createAccessToken } from '@/lib/services/tokens/create-access-token';
import { listAccessTokens } from '@/lib/services/tokens/list-access-tokens';

export const GET = withApi(async ({ app, actor }) => ({ tokens: await listAccessTokens(app, { actor }) }), { authorize: 'in-service' });

export const POST = withApi(
  async ({ app, actor, req }) => createAccessToken(app, { actor, data: await parseBody(req, createTokenSchema) }),
  { authorize: 'in-service', status: 201 },
);
