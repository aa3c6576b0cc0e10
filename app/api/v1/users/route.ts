import { parseBody, parseQuery, withApi } from '@/lib/api/with-api';
import { listUsersQuerySchema } from '@/lib/schemas/user-search';
import { createUserSchema } from '@/lib/schemas/users';
import { createUser } from '@/lib/services/users/create-user';
import { listUsers } from '@/lib/services/users/list-users';
import { suggestUsers } from '@/lib/services/users/suggest-users';

export const GET = withApi(
  async ({ app, actor, url }) => {
    const query = parseQuery(url, listUsersQuerySchema);
    if (query.q) return { users: await suggestUsers(app, { actor, prefix: query.q, limit: query.limit }) };
    return { users: await listUsers(app, { actor }) };
  },
  { action: 'cr:ManageUser' },
);

export const POST = withApi(
  async ({ app, actor, req }) => createUser(app, { actor, data: await parseBody(req, createUserSchema) }),
  { action: 'cr:ManageUser', status: 201 },
);
