import { z } from 'zod';

// The vulnerability data the scanner matches against: OSV records imported by `npm run vulndb:import` or an
// administrator's upload (`POST /api/v1/vulndb/imports`), summarized by `GET /api/v1/vulndb`.

export const vulnImportSchema = z.object({
  id: z.string(),
  /** File name or path the records came from. */
  source: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Records that were not valid OSV and were skipped. */
  invalid: z.number(),
  /** Why a failed run failed; for a run that succeeded, the first reasons invalid records were skipped (else null). */
  error: z.string().nullable(),
  importedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type VulnImportDto = z.infer<typeof vulnImportSchema>;

export const vulnDbStatusSchema = z.object({
  totalRecords: z.number(),
  /** When records were last added or changed; null when there is no data. */
  updatedAt: z.string().nullable(),
  /** Newest `modified` among the records: how current the data itself is. */
  newestRecordModifiedAt: z.string().nullable(),
  /** Per ecosystem as records name them (`Debian:12`, `Alpine:v3.19`, `npm`, `PyPI`), sorted by name. */
  ecosystems: z.array(z.object({ ecosystem: z.string(), records: z.number(), packages: z.number() })),
  /** The newest imports first (at most 20); administrators only, empty for other users. */
  recentImports: z.array(vulnImportSchema),
});
export type VulnDbStatusDto = z.infer<typeof vulnDbStatusSchema>;
