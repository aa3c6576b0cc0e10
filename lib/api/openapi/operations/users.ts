import { z } from 'zod';
import { createUserSchema, updateUserSchema, userSchema } from '@/lib/schemas/users';
import { listUsersQuerySchema } from '@/lib/schemas/user-search';
import type { ApiOperation } from '../operation';

export const userOperations: ApiOperation[] = [
  { method: 'get', path: '/api/v1/me', summary: 'The signed-in user', tag: 'users', response: userSchema },
  {
    method: 'get',
    path: '/api/v1/users',
    summary: 'List users; with `q`, at most `limit` users whose name starts with `q` (case-insensitive), for suggestions',
    tag: 'users',
    action: 'cr:ManageUser',
    query: listUsersQuerySchema,
    response: z.object({ users: z.array(userSchema) }),
  },
  { method: 'post', path: '/api/v1/users', summary: 'Create a user (sub-account)', tag: 'users', action: 'cr:ManageUser', body: createUserSchema, response: userSchema, status: 201 },
  { method: 'patch', path: '/api/v1/users/{username}', summary: 'Disable, enable, reset password, change admin flag or namespace limit', tag: 'users', action: 'cr:ManageUser', body: updateUserSchema, response: userSchema },
];
