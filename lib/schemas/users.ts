import { z } from 'zod';

export const usernameSchema = z
  .string()
  .min(2, 'at least 2 characters')
  .max(64, 'at most 64 characters')
  .regex(/^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/, 'lowercase letters, digits, ".", "_" and "-"; starts and ends with a letter or digit');

export const passwordSchema = z.string().min(8, 'at least 8 characters').max(256, 'at most 256 characters');

/** How many namespaces the user may own; null: no limit. */
const namespaceLimitSchema = z.number().int().min(0).max(10_000).nullable();

export const createUserSchema = z.object({
  username: usernameSchema,
  password: passwordSchema,
  isAdmin: z.boolean().default(false),
  namespaceLimit: namespaceLimitSchema.optional(),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    password: passwordSchema.optional(),
    disabled: z.boolean().optional(),
    isAdmin: z.boolean().optional(),
    namespaceLimit: namespaceLimitSchema.optional(),
  })
  .strict();
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  isAdmin: z.boolean(),
  disabled: z.boolean(),
  namespaceLimit: z.number().nullable(),
  policies: z.array(z.string()),
  createdAt: z.string(),
});
export type UserDto = z.infer<typeof userSchema>;
