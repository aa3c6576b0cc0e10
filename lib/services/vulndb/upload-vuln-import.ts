import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@/lib/errors/app-error';
import type { VulnImportDto } from '@/lib/schemas/vulndb';
import type { Actor, AppContext } from '@/lib/services/context';
import { actorName } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { importOsv } from './import-osv';
import { mayManageVulnDb } from './may-manage-vulndb';
import { receiveUpload, tooLarge } from './receive-upload';

const EXTENSIONS: Record<string, string> = { 'application/zip': '.zip', 'application/json': '.json' };

export interface UploadVulnImportInput {
  actor: Actor;
  /** The raw request body: an OSV zip export or a JSON file (one record or an array). */
  body: ReadableStream<Uint8Array> | null;
  contentType: string | null;
  contentLength: string | null;
  /** Names the source in the import history. */
  filename?: string | null;
  signal?: AbortSignal;
}

/**
 * An administrator's upload of OSV data: the body goes to a temporary file (bounded by
 * `BERTH_VULNDB_UPLOAD_MAX_BYTES`), is imported, and the file is removed whatever happens. Others get NOT_FOUND,
 * as for anything they may not see. A run that fails (an unreadable zip, say) answers BAD_REQUEST with its error;
 * it stays in the history either way.
 */
export async function uploadVulnImport(app: AppContext, input: UploadVulnImportInput): Promise<VulnImportDto> {
  const { actor } = input;
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send an access token');
  if (!(await mayManageVulnDb(app, actor))) {
    void recordAuditEvent(app, { actor, action: 'vulndb:Import', resource: 'vulndb', outcome: 'denied' });
    throw new AppError('NOT_FOUND', 'not found');
  }
  const mediaType = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const extension = EXTENSIONS[mediaType];
  if (!extension) {
    throw new AppError('BAD_REQUEST', 'send the file as the request body with Content-Type application/zip or application/json', {
      fields: [{ path: 'Content-Type', message: 'must be application/zip or application/json' }],
    });
  }
  const filename = input.filename?.trim() || `upload${extension}`;
  if (filename.length > 255 || /[\u0000-\u001f]/.test(filename)) {
    throw new AppError('VALIDATION_FAILED', 'filename: at most 255 printable characters', { fields: [{ path: 'filename', message: 'at most 255 printable characters' }] });
  }
  const maxBytes = app.config.vulndbUploadMaxBytes;
  const declared = input.contentLength === null ? NaN : Number(input.contentLength);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!input.body || declared === 0) throw new AppError('BAD_REQUEST', 'the request body is empty: send the file as the body');

  // Under the data directory rather than /tmp: an export can be large, and /tmp is often a small tmpfs.
  const dir = path.join(app.config.dataDir, 'tmp');
  const file = path.join(dir, `vulndb-upload-${randomUUID()}${extension}`);
  try {
    await mkdir(dir, { recursive: true });
    const size = await receiveUpload(input.body, file, maxBytes, input.signal);
    if (size === 0) throw new AppError('BAD_REQUEST', 'the request body is empty: send the file as the body');
    const run = await importOsv(app, { path: file, source: filename, importedBy: actorName(actor), signal: input.signal });
    await recordAuditEvent(app, {
      actor,
      action: 'vulndb:Import',
      resource: `vulndb/${filename}`,
      outcome: run.status === 'succeeded' ? 'allowed' : 'failed',
      detail: { importId: run.id, bytes: size, added: run.added, updated: run.updated, unchanged: run.unchanged, invalid: run.invalid, ...(run.status === 'failed' ? { error: run.error } : {}) },
    });
    if (run.status === 'failed') throw new AppError('BAD_REQUEST', `import failed: ${run.error}`, { importId: run.id });
    return run;
  } finally {
    await rm(file, { force: true });
  }
}
