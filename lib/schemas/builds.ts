import { z } from 'zod';
import { tagTemplateProblem } from '@/lib/builds/tag-template';
import { compileTagPattern, MAX_PATTERN_LENGTH } from '@/lib/webhooks/match-trigger';
import { runTimeFields } from './fields';
import { cursorPageQuerySchema, cursorPageSchema, itemListSchema } from './pagination';
import { parseUrlField } from './url-field';

export const BUILD_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const buildStatusSchema = z.enum(BUILD_STATUSES);
export const MAX_BUILD_ARGS = 50;

const SOURCE_SCHEMES = ['https:', 'http:', 'ssh:', 'git:', 'file:'];

export const sourceUrlSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(2048, 'at most 2048 characters')
  .superRefine((s, ctx) => {
    const url = parseUrlField(s, ctx, 'must be an absolute URL (https://, ssh://, git:// or file://)');
    if (!url) return;
    if (!SOURCE_SCHEMES.includes(url.protocol)) ctx.addIssue({ code: 'custom', message: 'must use https, http, ssh, git or file' });
    // Credentials in a URL end up in logs and lists; the credentials field is stored sealed and never shown.
    else if (url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a password; use credentials' });
  });

/** How Berth authenticates to the source: a token (HTTPS) or an SSH private key. Write-only. */
export const sourceCredentialsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('token'),
      username: z.string().trim().min(1).max(200).optional(),
      token: z.string().min(1, 'is required').max(4096, 'at most 4096 characters'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ssh-key'),
      privateKey: z
        .string()
        .max(16_384, 'at most 16384 characters')
        .refine((k) => /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(k), 'must be a PEM or OpenSSH private key'),
    })
    .strict(),
]);
export type SourceCredentials = z.infer<typeof sourceCredentialsSchema>;

/** Which pushes a source webhook builds: a branch or a tag whose whole name matches the RE2 pattern (a plain name matches itself). */
export const buildTriggerSchema = z
  .object({
    kind: z.enum(['branch', 'tag']),
    pattern: z
      .string()
      .min(1, 'is required')
      .max(MAX_PATTERN_LENGTH, `at most ${MAX_PATTERN_LENGTH} characters`)
      .superRefine((pattern, ctx) => {
        if (pattern.length > MAX_PATTERN_LENGTH) return;
        const compiled = compileTagPattern(pattern);
        if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.message });
      }),
  })
  .strict();

const relativePath = (what: string) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(500, 'at most 500 characters')
    .refine((p) => !p.startsWith('/') && !p.split('/').includes('..') && !/[\0\n\r]/.test(p), `must be a ${what} inside the repository (no leading / or ..)`);

export const dockerfileDirSchema = relativePath('directory');
export const dockerfileNameSchema = relativePath('path').refine((p) => !p.endsWith('/'), 'must name a file');

export const tagTemplateSchema = z.string().trim().superRefine((t, ctx) => {
  const problem = tagTemplateProblem(t);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const buildArgsSchema = z
  .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'build argument names are letters, digits and _'), z.string().max(4096, 'at most 4096 characters'))
  .refine((r) => Object.keys(r).length <= MAX_BUILD_ARGS, `at most ${MAX_BUILD_ARGS} build arguments`);

const webhookSecretSchema = z.string().min(16, 'at least 16 characters').max(256, 'at most 256 characters');
const ruleNameSchema = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters');

export const createBuildRuleSchema = z
  .object({
    name: ruleNameSchema,
    source: z.object({ url: sourceUrlSchema, credentials: sourceCredentialsSchema.optional() }).strict(),
    trigger: buildTriggerSchema,
    dockerfileDir: dockerfileDirSchema.default('.'),
    dockerfileName: dockerfileNameSchema.default('Dockerfile'),
    tagTemplate: tagTemplateSchema.default('latest'),
    buildArgs: buildArgsSchema.default({}),
    noCache: z.boolean().default(false),
    enabled: z.boolean().default(true),
    /** The key source webhooks prove themselves with; generated (and returned once) when absent. */
    webhookSecret: webhookSecretSchema.optional(),
  })
  .strict();
export type CreateBuildRuleInput = z.infer<typeof createBuildRuleSchema>;

/** Every field optional; `source.credentials: null` removes stored credentials, leaving it out keeps them. */
export const updateBuildRuleSchema = z
  .object({
    name: ruleNameSchema.optional(),
    source: z.object({ url: sourceUrlSchema.optional(), credentials: sourceCredentialsSchema.nullable().optional() }).strict().optional(),
    trigger: buildTriggerSchema.optional(),
    dockerfileDir: dockerfileDirSchema.optional(),
    dockerfileName: dockerfileNameSchema.optional(),
    tagTemplate: tagTemplateSchema.optional(),
    buildArgs: buildArgsSchema.optional(),
    noCache: z.boolean().optional(),
    enabled: z.boolean().optional(),
    webhookSecret: webhookSecretSchema.optional(),
    /** Replaces the webhook secret with a new random one, returned in this response only. */
    regenerateWebhookSecret: z.boolean().optional(),
  })
  .strict();
export type UpdateBuildRuleInput = z.infer<typeof updateBuildRuleSchema>;

export const buildRuleSchema = z.object({
  id: z.string(),
  repository: z.string(),
  name: z.string(),
  source: z.object({ url: z.string(), hasCredentials: z.boolean(), credentialsKind: z.enum(['token', 'ssh-key']).nullable() }),
  trigger: z.object({ kind: z.enum(['branch', 'tag']), pattern: z.string() }),
  dockerfileDir: z.string(),
  dockerfileName: z.string(),
  tagTemplate: z.string(),
  buildArgs: z.record(z.string(), z.string()),
  noCache: z.boolean(),
  enabled: z.boolean(),
  /** Builds push, and pull FROM images, with this user's access (whoever last saved the rule). */
  owner: z.string().nullable(),
  /** Path of the source push webhook for this rule. */
  webhookPath: z.string(),
  /** Only in the response that created or regenerated it. */
  webhookSecret: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BuildRuleDto = z.infer<typeof buildRuleSchema>;
export const buildRuleListSchema = itemListSchema(buildRuleSchema);

/** A branch, a tag or a commit (7–64 hex digits); never an option or a revision expression. */
export const gitRefSchema = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255, 'at most 255 characters')
  .refine((r) => /^[A-Za-z0-9_][A-Za-z0-9._\/+-]*$/.test(r) && !r.includes('..') && !r.endsWith('/') && !r.endsWith('.lock') && !r.includes('//'), 'must be a branch, tag or commit name');

export const runBuildSchema = z.object({ ref: gitRefSchema }).strict();
export type RunBuildInput = z.infer<typeof runBuildSchema>;

export const buildSchema = z.object({
  id: z.string(),
  repository: z.string(),
  ruleId: z.string().nullable(),
  ruleName: z.string(),
  /** `manual` (Build now, the API) or `webhook` (a source push). */
  trigger: z.enum(['manual', 'webhook']),
  requestedBy: z.string(),
  ref: z.string(),
  commit: z.string().nullable(),
  status: buildStatusSchema,
  tags: z.array(z.string()),
  digest: z.string().nullable(),
  error: z.string().nullable(),
  ...runTimeFields,
  /** Seconds from queued to started, and from started to finished (so far, while running). */
  queuedSeconds: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  logBytes: z.number(),
});
export type BuildDto = z.infer<typeof buildSchema>;

export const listBuildsQuerySchema = cursorPageQuerySchema.extend({ rule: z.uuid().optional() });
export type ListBuildsQuery = z.infer<typeof listBuildsQuerySchema>;
export const buildPageSchema = cursorPageSchema(buildSchema);

export const buildLogQuerySchema = z.object({ offset: z.coerce.number().int().min(0, 'at least 0').max(2 ** 31 - 1).default(0) });
export const buildLogSchema = z.object({
  /** Where `text` starts: the requested offset, or later when the log's head was dropped to keep it bounded. */
  offset: z.number(),
  /** Ask for this offset next to follow the log. */
  nextOffset: z.number(),
  text: z.string(),
  status: buildStatusSchema,
  /** The build is over and nothing more will be written. */
  complete: z.boolean(),
  /** Bytes at the start of the log no longer kept. */
  droppedBytes: z.number(),
});
export type BuildLogDto = z.infer<typeof buildLogSchema>;

export const buildHookResponseSchema = z.object({ status: z.enum(['queued', 'ignored']), message: z.string(), build: buildSchema.optional() });
