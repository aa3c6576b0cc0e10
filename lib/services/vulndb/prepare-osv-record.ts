import { createHash } from 'node:crypto';
import { normalizePackageName } from '@/lib/scans/osv/normalize-package-name';
import { osvRecordSchema } from '@/lib/scans/osv/osv-schema';
import { canonicalJson } from './canonical-json';

/** A record ready to store: validated, hashed, with the (ecosystem, name) pairs the scanner looks it up by. */
export interface PreparedOsvRecord {
  id: string;
  /** ISO timestamps (UTC). */
  modified: string;
  withdrawn: string | null;
  contentHash: string;
  /** The record as imported (canonical JSON), unknown fields included. */
  data: string;
  packages: Array<{ ecosystem: string; name: string }>;
}

/**
 * Validates one OSV record with the scanner's schema. `modified` is required by the OSV schema but missing from
 * some hand-written and trimmed records: `published`, else the import time, stands in for it.
 */
export function prepareOsvRecord(json: unknown, now: Date): { record: PreparedOsvRecord } | { reason: string } {
  const parsed = osvRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : undefined;
    return { reason: `${id ? `${id}: ` : ''}${issue?.path.join('.') || '(record)'}: ${issue?.message ?? 'invalid'}` };
  }
  const record = parsed.data;
  const modified = record.modified ?? record.published;
  const modifiedAt = modified === undefined ? now : new Date(modified);
  if (Number.isNaN(modifiedAt.getTime())) return { reason: `${record.id}: modified: not a timestamp` };
  const withdrawnAt = record.withdrawn === undefined ? null : new Date(record.withdrawn);
  if (withdrawnAt && Number.isNaN(withdrawnAt.getTime())) return { reason: `${record.id}: withdrawn: not a timestamp` };

  const packages = new Map<string, { ecosystem: string; name: string }>();
  for (const affected of record.affected ?? []) {
    if (!affected.package) continue;
    const { ecosystem } = affected.package;
    const name = normalizePackageName(ecosystem, affected.package.name);
    packages.set(`${ecosystem}\u0000${name}`, { ecosystem, name });
  }
  const data = canonicalJson(json);
  return {
    record: {
      id: record.id,
      modified: modifiedAt.toISOString(),
      withdrawn: withdrawnAt?.toISOString() ?? null,
      contentHash: createHash('sha256').update(data).digest('hex'),
      data,
      packages: [...packages.values()],
    },
  };
}
