import { parseBody, withApi } from '@/lib/api/with-api';
import { createUserSchema } from '@/lib/schemas/users';
import { createUser } from '@/lib/services/users/create-user';
import { listUsers } from '@/lib/services/users/list-users';

export const GET = withApi(async ({ app, actor }) => ({ users: await listUsers(app, { actor }) }), { action: 'cr:ManageUser' });

export const POST = withApi(
  async ({ app, actor, req }) => createUser(app, { actor, data: await parseBody(req, createUserSchema) }),
  { action: 'cr:ManageUser', status: 201 },
);
