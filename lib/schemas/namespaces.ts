import { z } from 'zod';
import { isNamespaceName, MAX_NAME_LENGTH } from '@/lib/oci/names';
import { itemListSchema } from './pagination';

/** Who may pull without a grant: `public` repositories are readable by everyone, anonymous callers included. */
export const visibilitySchema = z.enum(['public', 'private']);
export type VisibilityValue = z.infer<typeof visibilitySchema>;

export const namespaceNameSchema = z
  .string()
  .min(1, 'is required')
  .max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`)
  .refine(isNamespaceName, 'lowercase letters and digits, separated by ".", "_", "__" or "-"; no "/"');

export const createNamespaceSchema = z
  .object({
    name: namespaceNameSchema,
    autoCreateRepository: z.boolean().optional(),
    defaultVisibility: visibilitySchema.optional(),
  })
  .strict();
export type CreateNamespaceInput = z.infer<typeof createNamespaceSchema>;

export const updateNamespaceSchema = z
  .object({
    autoCreateRepository: z.boolean().optional(),
    defaultVisibility: visibilitySchema.optional(),
    /** Scan every image pushed to a tag in the namespace (a repository may override it). */
    scanOnPush: z.boolean().optional(),
    /** Storage quota in bytes (null: none); administrators only (cr:ManageStorage). */
    quotaBytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable().optional(),
  })
  .strict();
export type UpdateNamespaceInput = z.infer<typeof updateNamespaceSchema>;

/** Deleting a namespace takes its name typed again, as `?confirm=` or a body `{confirm}`. */
export const deleteNamespaceSchema = z.object({ confirm: z.string().max(MAX_NAME_LENGTH).optional() });

export const namespaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Username of the owner. */
  owner: z.string(),
  autoCreateRepository: z.boolean(),
  defaultVisibility: visibilitySchema,
  /** Scan every image pushed to a tag, unless the repository says otherwise. */
  scanOnPush: z.boolean(),
  /** Repositories in it the caller can read. */
  repositoryCount: z.number(),
  /** Sum of the distinct blobs linked to those repositories, in bytes. */
  storageBytes: z.number(),
  /** Storage quota in bytes, or null for none. */
  quotaBytes: z.number().nullable(),
  /**
   * Bytes of the distinct blobs the namespace's manifests reference, which the quota limits (whatever the caller
   * may read); on a single namespace (GET, PATCH), not in lists.
   */
  usageBytes: z.number().optional(),
  createdAt: z.string(),
});
export type NamespaceDto = z.infer<typeof namespaceSchema>;

/** How many namespaces the caller owns and may own (null: no limit). */
export const namespaceLimitSchema = z.object({ limit: z.number().nullable(), owned: z.number() });
export type NamespaceLimitDto = z.infer<typeof namespaceLimitSchema>;

export const namespaceListSchema = itemListSchema(namespaceSchema).extend({ namespaceLimit: namespaceLimitSchema });
export type NamespaceListDto = z.infer<typeof namespaceListSchema>;
