import { z } from 'zod';

/** `GET /api/v1/users?q=`: users whose name starts with `q` (case-insensitive), for suggestions while granting. */
export const listUsersQuerySchema = z.object({
  q: z.string().trim().max(64, 'at most 64 characters').optional(),
  /** With `q`: most users returned. */
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;
