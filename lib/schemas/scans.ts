import { z } from 'zod';
import { runTimeFields } from './fields';
import { platformSchema } from './platform';

// The scan API (`/api/v1/repositories/{ns}/{repo}/tags/{tag}/scan`) and the report the console shows. A report
// belongs to a manifest digest: a tag's report is the newest scan of the digest the tag points at now.

// Critical (CVSS >= 9.0) above High; "High and above" means Critical plus High (atOrAbove).
export const SEVERITY_LEVELS = ['Critical', 'High', 'Medium', 'Low', 'Unknown'] as const;
export const severityLevelSchema = z.enum(SEVERITY_LEVELS);

export const SCAN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export const scanStatusSchema = z.enum(SCAN_STATUSES);

// manual: asked for (one tag, or Scan all); push: scan on push; rescan: new vulnerability data was imported.
export const scanTriggerSchema = z.enum(['manual', 'push', 'rescan']);

export const severityCountsSchema = z.object({
  /** CVSS >= 9.0. Counted apart from `high`: vulnerabilities at High and above are `critical + high`. */
  critical: z.number(),
  high: z.number(),
  medium: z.number(),
  low: z.number(),
  unknown: z.number(),
});
export type SeverityCountsDto = z.infer<typeof severityCountsSchema>;

export const scanVulnerabilitySchema = z.object({
  id: z.string(),
  aliases: z.array(z.string()),
  summary: z.string(),
  severity: severityLevelSchema,
  score: z.number().optional(),
  packageName: z.string(),
  binaryPackages: z.array(z.string()).optional(),
  ecosystem: z.string(),
  installedVersion: z.string(),
  fixedVersion: z.string().optional(),
  layerIndex: z.number(),
  path: z.string(),
  url: z.string(),
});

export const scanPackageSchema = z.object({
  ecosystem: z.string(),
  name: z.string(),
  version: z.string(),
  sourceName: z.string().optional(),
  layerIndex: z.number(),
  path: z.string(),
});

export const scanSecretSchema = z.object({
  rule: z.string(),
  path: z.string(),
  layerIndex: z.number(),
  line: z.number().optional(),
  /** First four characters, then `****`. */
  masked: z.string(),
  presentInFinalImage: z.boolean(),
});

/** One platform's report: lib/scans's ScanReport, with the platform and the digest of the image it scanned. */
export const platformReportSchema = z.object({
  /** Null for a single image whose config names no platform. */
  platform: platformSchema.nullable(),
  manifestDigest: z.string(),
  /** Layer digests in order; `layerIndex` in the report points into this list. */
  layers: z.array(z.string()),
  os: z.object({ id: z.string(), versionId: z.string().optional(), prettyName: z.string().optional() }).optional(),
  packages: z.array(scanPackageSchema),
  vulnerabilities: z.array(scanVulnerabilitySchema),
  secrets: z.array(scanSecretSchema),
  /** Ecosystems with packages but no vulnerability data: not checked, which is not the same as clean. */
  ecosystemsWithoutData: z.array(z.string()),
  warnings: z.array(z.string()),
  stats: z.object({ layers: z.number(), entries: z.number(), bytesAnalyzed: z.number(), durationMs: z.number() }),
});
export type PlatformReportDto = z.infer<typeof platformReportSchema>;

/** `GET …/tags/{tag}/scan` (200), and the body of `POST …/tags/{tag}/scan` (202, status queued). */
export const scanSchema = z.object({
  id: z.string(),
  repository: z.string(),
  tag: z.string().nullable(),
  manifestDigest: z.string(),
  status: scanStatusSchema,
  trigger: scanTriggerSchema,
  requestedBy: z.string(),
  /** Layers read of all layers to read (over every platform), while the scan runs. */
  progress: z.object({ layersDone: z.number(), layersTotal: z.number() }),
  /** Set once the scan succeeded: vulnerabilities by level, over every platform. */
  counts: severityCountsSchema.nullable(),
  secrets: z.number().nullable(),
  /** Why a failed scan failed, e.g. "layer 2 (sha256:…) is not a valid gzip stream". */
  error: z.string().nullable(),
  /** When the vulnerability data used was last imported; null when there was none. */
  dataUpdatedAt: z.string().nullable(),
  ...runTimeFields,
  /** Present once the scan succeeded: one report per platform (one for a single image). */
  platforms: z.array(platformReportSchema).nullable(),
});
export type ScanDto = z.infer<typeof scanSchema>;

/** What the tags list shows as a badge: the newest scan of the tag's digest, without the report. */
export const scanSummarySchema = scanSchema.pick({
  id: true,
  status: true,
  progress: true,
  counts: true,
  secrets: true,
  finishedAt: true,
});
export type ScanSummaryDto = z.infer<typeof scanSummarySchema>;

/** What "Scan all" queued: new scans, images whose scan was already under way, and repositories covered. */
export const scanAllResultSchema = z.object({ queued: z.number(), alreadyActive: z.number(), repositories: z.number() });
export type ScanAllResultDto = z.infer<typeof scanAllResultSchema>;
