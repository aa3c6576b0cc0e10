import { z } from 'zod';
import { isNamespaceName } from '@/lib/oci/names';

export const MAX_ACTIVE_TOKENS_PER_USER = 100;
export const MAX_TOKEN_NAMESPACES = 50;

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100, 'at most 100 characters'),
    // Omitted or null: the token never expires.
    expiresInDays: z.number().int('must be a whole number of days').min(1, 'at least 1 day').max(365, 'at most 365 days').nullable().optional(),
    readOnly: z.boolean().default(false),
    // Empty: every namespace the user can reach.
    namespaces: z
      .array(z.string().refine(isNamespaceName, 'not a valid namespace name'))
      .max(MAX_TOKEN_NAMESPACES, `at most ${MAX_TOKEN_NAMESPACES} namespaces`)
      .default([])
      .transform((names) => [...new Set(names)].sort()),
  })
  .strict();
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

export const tokenStatusSchema = z.enum(['active', 'expired', 'revoked']);
export type TokenStatus = z.infer<typeof tokenStatusSchema>;

export const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the secret, to tell tokens apart; never enough to use it. */
  prefix: z.string(),
  readOnly: z.boolean(),
  namespaces: z.array(z.string()),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  status: tokenStatusSchema,
});
export type TokenDto = z.infer<typeof tokenSchema>;

export const createdTokenSchema = z.object({
  token: tokenSchema.pick({ id: true, name: true, prefix: true, readOnly: true, namespaces: true, expiresAt: true, createdAt: true }),
  /** Shown once: only its hash is stored. */
  secret: z.string(),
});
export type CreatedTokenDto = z.infer<typeof createdTokenSchema>;

export const tokenListSchema = z.object({ tokens: z.array(tokenSchema) });
