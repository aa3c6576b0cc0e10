import { z } from 'zod';
import { cursorPageSchema } from './pagination';

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .optional()
    // `?actor=` (an empty form field) means no filter.
    .transform((v) => v || undefined);

// A bare date means the start of that day (UTC) for `from` and its end for `to`, so `to=2025-01-31` includes the 31st.
const instant = (end: 'start' | 'end') =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO 8601 date or date-time' })
    .optional()
    .transform((v) => (!v ? undefined : new Date(v.length === 10 && end === 'end' ? `${v}T23:59:59.999Z` : v)));

export const AUDIT_PAGE_LIMIT = 200;

export const auditQuerySchema = z.object({
  actor: optionalText(256),
  action: optionalText(100),
  outcome: z.enum(['allowed', 'denied', 'failed']).optional(),
  namespace: optionalText(255),
  /** Matches events whose resource contains this text. */
  resource: optionalText(2048),
  from: instant('start'),
  to: instant('end'),
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'must be a cursor returned by a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_LIMIT, `at most ${AUDIT_PAGE_LIMIT}`).default(50),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  resource: z.string(),
  namespace: z.string().nullable(),
  outcome: z.string(),
  /** Shown to installation-wide auditors only. */
  sourceIp: z.string().nullable(),
  via: z.string(),
  detail: z.unknown().nullable(),
});
export type AuditEventDto = z.infer<typeof auditEventSchema>;

export const auditPageSchema = cursorPageSchema(auditEventSchema);
export type AuditPageDto = z.infer<typeof auditPageSchema>;
