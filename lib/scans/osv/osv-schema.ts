import { z } from 'zod';

/** The subset of the OSV schema (ossf.github.io/osv-schema) the matcher and report read. */

const eventSchema = z.object({
  introduced: z.string().optional(),
  fixed: z.string().optional(),
  last_affected: z.string().optional(),
  limit: z.string().optional(),
});

const rangeSchema = z.object({
  type: z.enum(['ECOSYSTEM', 'SEMVER', 'GIT']).or(z.string()),
  events: z.array(eventSchema),
});

const severitySchema = z.object({ type: z.string(), score: z.string() });

const looseRecord = z.record(z.string(), z.unknown());

const affectedSchema = z.object({
  package: z.object({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
  ranges: z.array(rangeSchema).optional(),
  versions: z.array(z.string()).optional(),
  severity: z.array(severitySchema).optional(),
  ecosystem_specific: looseRecord.optional(),
  database_specific: looseRecord.optional(),
});

export const osvRecordSchema = z.object({
  id: z.string().min(1),
  modified: z.string().optional(),
  published: z.string().optional(),
  withdrawn: z.string().optional(),
  aliases: z.array(z.string()).optional(),
  upstream: z.array(z.string()).optional(),
  summary: z.string().optional(),
  details: z.string().optional(),
  severity: z.array(severitySchema).optional(),
  affected: z.array(affectedSchema).optional(),
  references: z.array(z.object({ type: z.string(), url: z.string() })).optional(),
  database_specific: looseRecord.optional(),
});

export type OsvRecord = z.infer<typeof osvRecordSchema>;
export type OsvAffected = z.infer<typeof affectedSchema>;
export type OsvRange = z.infer<typeof rangeSchema>;
export type OsvEvent = z.infer<typeof eventSchema>;
export type OsvSeverity = z.infer<typeof severitySchema>;

export function parseOsvRecord(json: unknown): OsvRecord {
  return osvRecordSchema.parse(json);
}
