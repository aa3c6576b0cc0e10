import { z } from 'zod';
import { checkRepositoryName, describeNameProblem, MAX_NAME_LENGTH } from '@/lib/oci/names';
import { namespaceNameSchema, visibilitySchema } from './namespaces';
import { numberedPageSchema, sortedPageQueryShape } from './pagination';
import { platformSchema } from './platform';
import { scanSummarySchema } from './scans';

// Tags and scans share the platform shape; it is defined apart so that scans.ts need not import this file.
export { platformSchema, type PlatformDto } from './platform';

export const SUMMARY_MAX_LENGTH = 255;
export const DESCRIPTION_MAX_BYTES = 100 * 1024;

export const summarySchema = z.string().max(SUMMARY_MAX_LENGTH, `at most ${SUMMARY_MAX_LENGTH} characters`);

// Counted in UTF-8 bytes, as it is stored: 100 KB of Markdown is far more than any README needs.
export const descriptionSchema = z
  .string()
  .refine((s) => s.length <= DESCRIPTION_MAX_BYTES && new TextEncoder().encode(s).length <= DESCRIPTION_MAX_BYTES, 'at most 100 KB');

const searchSchema = z.string().max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`);

/** `name` is the part after the namespace and may itself contain `/` (`tools/cli`). */
export const createRepositorySchema = z
  .object({
    namespace: namespaceNameSchema,
    name: z.string().min(1, 'is required').max(MAX_NAME_LENGTH, `at most ${MAX_NAME_LENGTH} characters`),
    visibility: visibilitySchema,
    summary: summarySchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (typeof v.namespace !== 'string' || typeof v.name !== 'string' || !v.name) return;
    const full = `${v.namespace}/${v.name}`;
    const problem = checkRepositoryName(full);
    if (problem) ctx.addIssue({ code: 'custom', path: ['name'], message: describeNameProblem(full, problem) });
  });
export type CreateRepositoryInput = z.infer<typeof createRepositorySchema>;

export const updateRepositorySchema = z
  .object({
    summary: summarySchema.optional(),
    description: descriptionSchema.optional(),
    visibility: visibilitySchema.optional(),
    /** Scan every pushed image; null follows the namespace's setting. */
    scanOnPush: z.boolean().nullable().optional(),
  })
  .strict();
export type UpdateRepositoryInput = z.infer<typeof updateRepositorySchema>;

export const listRepositoriesQuerySchema = z.object({
  q: searchSchema.optional(),
  namespace: searchSchema.optional(),
  visibility: visibilitySchema.optional(),
  ...sortedPageQueryShape(['name', 'lastPush']),
});
export type ListRepositoriesQuery = z.infer<typeof listRepositoriesQuerySchema>;

export const repositorySummarySchema = z.object({
  id: z.string(),
  /** Full name as clients address it: `team/app`. */
  name: z.string(),
  namespace: z.string(),
  visibility: visibilitySchema,
  summary: z.string(),
  tagCount: z.number(),
  lastPushedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RepositorySummaryDto = z.infer<typeof repositorySummarySchema>;

export const repositoryListSchema = numberedPageSchema(repositorySummarySchema);
export type RepositoryListDto = z.infer<typeof repositoryListSchema>;

export const repositorySchema = repositorySummarySchema.extend({
  /** Markdown. */
  description: z.string(),
  manifestCount: z.number(),
  updatedAt: z.string(),
  /** Scan every pushed image: true or false, or null to follow the namespace's `scanOnPush`. */
  scanOnPush: z.boolean().nullable(),
});
export type RepositoryDto = z.infer<typeof repositorySchema>;

// ---- Tags ----

export const listTagsQuerySchema = z.object({
  q: searchSchema.optional(),
  ...sortedPageQueryShape(['name', 'pushedAt']),
});
export type ListTagsQuery = z.infer<typeof listTagsQuerySchema>;

export const tagSchema = z.object({
  name: z.string(),
  digest: z.string(),
  mediaType: z.string(),
  /** Bytes: the manifest plus its config and layers; for an index, plus its child manifests and theirs. */
  size: z.number(),
  /** The config digest (image ID) of an image; null for an index. */
  configDigest: z.string().nullable(),
  /** For an index, the platforms of its children; empty for an image. */
  platforms: z.array(platformSchema),
  /** For an image, the platform its config names (null when it names none or is no image config); absent for an index. */
  platform: platformSchema.nullable().optional(),
  pushedAt: z.string(),
  pushedBy: z.string().nullable(),
  /** Manifest GETs through this tag (pull statistics, written every few seconds), and the last one (null: never). */
  pulls: z.number(),
  lastPulledAt: z.string().nullable(),
  /** Whether an immutability rule protects the tag (it may not be moved or deleted), and the first such rule's name. */
  immutable: z.boolean(),
  immutableRule: z.string().nullable(),
  /**
   * The newest scan of the tag's image (null: never scanned). Present only for callers who may read scan reports
   * (cr:GetScanReport); absent otherwise.
   */
  scan: scanSummarySchema.nullable().optional(),
});
export type TagDto = z.infer<typeof tagSchema>;

export const tagListSchema = numberedPageSchema(tagSchema);
export type TagListDto = z.infer<typeof tagListSchema>;

export const descriptorSchema = z.object({ digest: z.string(), mediaType: z.string(), size: z.number() });

/** An image's config blob as the console shows it: platform, run settings, labels and build history. */
export const imageConfigSchema = z.object({
  os: z.string().nullable(),
  architecture: z.string().nullable(),
  variant: z.string().nullable(),
  created: z.string().nullable(),
  author: z.string().nullable(),
  user: z.string().nullable(),
  workingDir: z.string().nullable(),
  entrypoint: z.array(z.string()).nullable(),
  cmd: z.array(z.string()).nullable(),
  env: z.array(z.string()),
  exposedPorts: z.array(z.string()),
  volumes: z.array(z.string()),
  stopSignal: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  /** The build steps, oldest first, as `docker history` shows them (newest first). */
  history: z.array(
    z.object({
      created: z.string().nullable(),
      createdBy: z.string().nullable(),
      comment: z.string().nullable(),
      author: z.string().nullable(),
      emptyLayer: z.boolean(),
      /** Index into `layers` of the layer this step made; null for steps that made none. */
      layerIndex: z.number().nullable(),
    }),
  ),
  historyTruncated: z.boolean(),
});
export type ImageConfigDto = z.infer<typeof imageConfigSchema>;

export const tagDetailSchema = tagSchema.extend({
  artifactType: z.string().nullable(),
  config: descriptorSchema.nullable(),
  /** The image config, for an image whose config is an image config (not for indexes or most artifacts). */
  image: imageConfigSchema.nullable(),
  layers: z.array(descriptorSchema),
  annotations: z.record(z.string(), z.string()),
  /** Digest of the manifest this one refers to (OCI 1.1 `subject`), if any. */
  subject: z.string().nullable(),
  children: z.array(
    descriptorSchema.extend({
      platform: platformSchema.nullable(),
      /** What pulling this platform transfers at most: its manifest, config and layers; null when not stored here. */
      imageSize: z.number().nullable(),
    }),
  ),
  referrers: z.array(
    descriptorSchema.extend({ artifactType: z.string().nullable(), annotations: z.record(z.string(), z.string()) }),
  ),
});
export type TagDetailDto = z.infer<typeof tagDetailSchema>;

/**
 * The full repository name from the REST path `/repositories/{namespace}/{repository}`, where `repository` may
 * hold `/` (sent percent-encoded). A namespace segment with `/` in it names no repository: the empty result is
 * then refused as unknown, like any other invalid name.
 */
export function repositoryNameFromPath(params: { namespace: string; repository: string }): string {
  return params.namespace.includes('/') ? '' : `${params.namespace}/${params.repository}`;
}
