import { createdTokenSchema, createTokenSchema, tokenListSchema } from '@/lib/schemas/tokens';
import type { ApiOperation } from '../operation';

export const tokenOperations: ApiOperation[] = [
  { method: 'get', path: '/api/v1/tokens', summary: 'Your personal access tokens (never their secrets)', tag: 'tokens', response: tokenListSchema },
  {
    method: 'post',
    path: '/api/v1/tokens',
    summary: 'Create a personal access token; the secret is returned once. Not allowed when authenticated by a token.',
    tag: 'tokens',
    body: createTokenSchema,
    response: createdTokenSchema,
    status: 201,
  },
  { method: 'delete', path: '/api/v1/tokens/{id}', summary: 'Revoke one of your access tokens', tag: 'tokens', status: 204 },
  { method: 'get', path: '/api/v1/users/{username}/tokens', summary: "A user's access tokens", tag: 'tokens', action: 'cr:ManageUser', response: tokenListSchema },
  { method: 'delete', path: '/api/v1/users/{username}/tokens/{id}', summary: "Revoke a user's access token", tag: 'tokens', action: 'cr:ManageUser', status: 204 },
];
