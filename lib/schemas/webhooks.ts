import { z } from 'zod';
import { isTag } from '@/lib/oci/names';
import { headerNameProblem } from '@/lib/webhooks/header-names';
import { PAYLOAD_FORMATS, TEST_EVENT, WEBHOOK_EVENTS } from '@/lib/webhooks/event-types';
import { compileTagPattern, MAX_PATTERN_LENGTH, MAX_TRIGGER_TAGS } from '@/lib/webhooks/match-trigger';
import { cursorPageQuerySchema, cursorPageSchema, itemListSchema } from './pagination';
import { parseUrlField } from './url-field';

export const MAX_WEBHOOK_HEADERS = 10;

export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENTS);
export const payloadFormatSchema = z.enum(PAYLOAD_FORMATS);

export const webhookUrlSchema = z
  .string()
  .max(2048, 'at most 2048 characters')
  .superRefine((s, ctx) => {
    const url = parseUrlField(s, ctx, 'must be an absolute http or https URL');
    if (!url) return;
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'must use http or https' });
    // Credentials in a URL end up in logs and lists; an Authorization header is masked wherever it is shown.
    if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain credentials; send them in a header' });
  });

/** Which tags fire the webhook. A regex is RE2 syntax and must match the whole tag. */
export const webhookTriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z
    .object({
      kind: z.literal('regex'),
      pattern: z
        .string()
        .min(1, 'is required')
        .max(MAX_PATTERN_LENGTH, `at most ${MAX_PATTERN_LENGTH} characters`)
        .superRefine((pattern, ctx) => {
          if (pattern.length > MAX_PATTERN_LENGTH) return; // said once, by max()
          const compiled = compileTagPattern(pattern);
          if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.message });
        }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('tags'),
      tags: z
        .array(z.string().refine(isTag, 'not a valid tag'))
        .min(1, 'at least one tag')
        .max(MAX_TRIGGER_TAGS, `at most ${MAX_TRIGGER_TAGS} tags`)
        .refine((tags) => new Set(tags).size === tags.length, 'tags must be distinct'),
    })
    .strict(),
]);
export type WebhookTriggerInput = z.infer<typeof webhookTriggerSchema>;

const headerSchema = z
  .object({
    name: z.string().superRefine((name, ctx) => {
      const problem = headerNameProblem(name);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    value: z
      .string()
      .max(4096, 'at most 4096 characters')
      .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'must not contain control characters'),
  })
  .strict();

export const webhookHeadersSchema = z
  .array(headerSchema)
  .max(MAX_WEBHOOK_HEADERS, `at most ${MAX_WEBHOOK_HEADERS} headers`)
  .refine((hs) => new Set(hs.map((h) => h.name.toLowerCase())).size === hs.length, 'header names must be distinct');

const nameSchema = z.string().trim().min(1, 'is required').max(100, 'at most 100 characters');
const eventsSchema = z
  .array(webhookEventTypeSchema)
  .min(1, 'at least one event')
  .refine((es) => new Set(es).size === es.length, 'events must be distinct');
const secretSchema = z.string().min(8, 'at least 8 characters').max(256, 'at most 256 characters');

export const createWebhookSchema = z
  .object({
    name: nameSchema,
    url: webhookUrlSchema,
    enabled: z.boolean().default(true),
    trigger: webhookTriggerSchema.default({ kind: 'all' }),
    events: eventsSchema.default(['image.pushed']),
    /** HMAC-SHA256 key for X-Berth-Signature. Write-only: responses say `hasSecret`. */
    secret: secretSchema.optional(),
    headers: webhookHeadersSchema.default([]),
    format: payloadFormatSchema.default('default'),
  })
  .strict();
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

/** Every field optional. `secret: null` removes the secret; `headers` replaces the list, and a masked value keeps the stored one. */
export const updateWebhookSchema = z
  .object({
    name: nameSchema.optional(),
    url: webhookUrlSchema.optional(),
    enabled: z.boolean().optional(),
    trigger: webhookTriggerSchema.optional(),
    events: eventsSchema.optional(),
    secret: secretSchema.nullable().optional(),
    headers: webhookHeadersSchema.optional(),
    format: payloadFormatSchema.optional(),
  })
  .strict();
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const deliveryStatusSchema = z.enum(['pending', 'succeeded', 'failed', 'refused', 'cancelled']);
export const deliveryEventTypeSchema = z.enum([...WEBHOOK_EVENTS, TEST_EVENT]);

/** A webhook's newest delivery (the first of its delivery list), or null before its first one. */
export const lastDeliverySchema = z
  .object({
    id: z.string(),
    status: deliveryStatusSchema,
    eventType: deliveryEventTypeSchema,
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    /** Attempts made so far: a pending delivery with attempts is waiting for a retry. */
    attemptCount: z.number().int(),
  })
  .nullable();
export type LastDeliveryDto = z.infer<typeof lastDeliverySchema>;

export const webhookSchema = z.object({
  id: z.string(),
  /** `repository`: fires for that repository; `namespace`: for every repository in the namespace. */
  scope: z.enum(['repository', 'namespace']),
  namespace: z.string(),
  /** Full name of the repository, or null for a namespace webhook. */
  repository: z.string().nullable(),
  name: z.string(),
  url: z.string(),
  enabled: z.boolean(),
  trigger: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('regex'), pattern: z.string() }),
    z.object({ kind: z.literal('tags'), tags: z.array(z.string()) }),
  ]),
  events: z.array(z.string()),
  format: payloadFormatSchema,
  hasSecret: z.boolean(),
  /** Values of credential-like headers (Authorization, *token*, …) are masked. */
  headers: z.array(z.object({ name: z.string(), value: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastDelivery: lastDeliverySchema,
  /**
   * Set when the SSRF guard would refuse deliveries to the URL (a loopback, private or metadata address), in the
   * words a refused delivery would use. Answered by create, update and get (not by lists, which resolve no names).
   */
  targetWarning: z.string().nullable().optional(),
});
export type WebhookDto = z.infer<typeof webhookSchema>;
export const webhookListSchema = itemListSchema(webhookSchema);

export const deliveryAttemptSchema = z.object({
  number: z.number(),
  startedAt: z.string(),
  durationMs: z.number(),
  outcome: z.enum(['succeeded', 'failed', 'refused']),
  url: z.string(),
  statusCode: z.number().nullable(),
  error: z.string().nullable(),
  /** As sent, with credential-bearing values masked. */
  requestHeaders: z.record(z.string(), z.string()),
  requestBody: z.string(),
  /** At most 4 KiB of the response body. */
  responseBody: z.string().nullable(),
});

export const deliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string().nullable(),
  eventType: deliveryEventTypeSchema,
  /** The repository and tag the event was about; null for a test delivery, which is about no push. */
  repository: z.string().nullable(),
  tag: z.string().nullable(),
  kind: z.enum(['event', 'redelivery', 'test']),
  redeliveryOf: z.string().nullable(),
  status: deliveryStatusSchema,
  format: payloadFormatSchema,
  maxAttempts: z.number(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  attempts: z.array(deliveryAttemptSchema),
});
export type DeliveryDto = z.infer<typeof deliverySchema>;

export const listDeliveriesQuerySchema = cursorPageQuerySchema;
export type ListDeliveriesQuery = z.infer<typeof listDeliveriesQuerySchema>;
export const deliveryPageSchema = cursorPageSchema(deliverySchema);
export type DeliveryPageDto = z.infer<typeof deliveryPageSchema>;

export const untriggeredSchema = z.object({
  webhookId: z.string(),
  webhookName: z.string(),
  reason: z.enum(['disabled', 'event-not-selected', 'tag-not-matched']),
});

/** An event in one repository; a namespace's event list holds those of several. */
export const repositoryEventSchema = z.object({
  id: z.string(),
  /** Full name of the repository the event happened in. */
  repository: z.string(),
  type: webhookEventTypeSchema,
  tag: z.string(),
  digest: z.string().nullable(),
  mediaType: z.string().nullable(),
  size: z.number().nullable(),
  operator: z.string(),
  occurredAt: z.string(),
  /** When webhooks were matched against the event; null while that is still queued. */
  dispatchedAt: z.string().nullable(),
  /** Webhooks the event fired, with the state of each delivery (redeliveries included). */
  deliveries: z.array(
    z.object({ id: z.string(), webhookId: z.string(), webhookName: z.string(), kind: z.string(), status: deliveryStatusSchema, attemptCount: z.number().int() }),
  ),
  /** Webhooks in scope that did not fire, and why. */
  untriggered: z.array(untriggeredSchema),
});
export type RepositoryEventDto = z.infer<typeof repositoryEventSchema>;

export const listEventsQuerySchema = cursorPageQuerySchema;
export type ListEventsQuery = z.infer<typeof listEventsQuerySchema>;
export const repositoryEventPageSchema = cursorPageSchema(repositoryEventSchema);
export type RepositoryEventPageDto = z.infer<typeof repositoryEventPageSchema>;
