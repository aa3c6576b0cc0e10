import { parseBody, withApi } from '@/lib/api/with-api';
import { updateUserSchema } from '@/lib/schemas/users';
import { updateUser } from '@/lib/services/users/update-user';

export const PATCH = withApi<{ username: string }>(async ({ app, actor, req, params }) =>
  updateUser(app, { actor, username: params.username, data: await parseBody(req, updateUserSchema) }),
  { action: 'cr:ManageUser' },
);
