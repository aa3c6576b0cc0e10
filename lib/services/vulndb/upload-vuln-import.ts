import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { DomainError } from '@/lib/errors/domain-error';
import type { VulnImportDto } from '@/lib/schemas/vulndb';
import type { Actor, AppContext } from '@/lib/services/context';
import { actorName } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import { beginOsvImport } from './import-osv';
import { mayManageVulnDb } from './may-manage-vulndb';
import { receiveUpload, tooLarge } from './receive-upload';
import { auditResource } from '@/lib/services/access/audit-resource';

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
 * An administrator's upload of OSV data: the body goes to a temporary object in blob storage (bounded by
 * `BERTH_VULNDB_UPLOAD_MAX_BYTES`; filesystem or S3, like every other byte Berth keeps) and is imported from there;
 * the object is removed when the import ends, whatever happens.
 * Others get NOT_FOUND, as for anything they may not see. The request waits up to `BERTH_VULNDB_UPLOAD_WAIT_SECONDS`
 * for the import: an import done by then answers with its result (`finished`), a failed one (an unreadable zip, say)
 * with BAD_REQUEST and its error; a longer one goes on in the background and the run is returned as running, for
 * the caller to follow in the import history. Every run stays in the history.
 */
export async function uploadVulnImport(app: AppContext, input: UploadVulnImportInput): Promise<{ run: VulnImportDto; finished: boolean }> {
  const { actor } = input;
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'sign in or send an access token');
  if (!(await mayManageVulnDb(app, actor))) {
    void recordAuditEvent(app, { actor, action: 'vulndb:Import', ...auditResource(app, { kind: 'vulndb' }), outcome: 'denied' });
    throw new DomainError('absent', 'not found');
  }
  const mediaType = (input.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const extension = EXTENSIONS[mediaType];
  if (!extension) {
    throw new DomainError('bad-request', 'send the file as the request body with Content-Type application/zip or application/json', {
      fields: [{ path: 'Content-Type', message: 'must be application/zip or application/json' }],
    });
  }
  const filename = input.filename?.trim() || `upload${extension}`;
  if (filename.length > 255 || /[\u0000-\u001f]/.test(filename)) {
    throw new DomainError('invalid', 'filename: at most 255 printable characters', { fields: [{ path: 'filename', message: 'at most 255 printable characters' }] });
  }
  const maxBytes = app.config.vulndbUploadMaxBytes;
  const declared = input.contentLength === null ? NaN : Number(input.contentLength);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!input.body || declared === 0) throw new DomainError('bad-request', 'the request body is empty: send the file as the body');

  // In blob storage rather than /tmp: an export can be large, /tmp is often a small tmpfs, and an instance's local
  // disk is not where a deployment on S3 keeps its bytes.
  const key = vulnUploadKey(`${randomUUID()}${extension}`);
  let begun: Awaited<ReturnType<typeof beginOsvImport>> | undefined;
  const controller = new AbortController();
  const remove = () => app.storage.delete(key).catch(() => undefined);
  try {
    const size = await receiveUpload(app.storage, input.body, key, maxBytes, input.signal);
    if (size === 0) throw new DomainError('bad-request', 'the request body is empty: send the file as the body');
    // Not the request's signal: once received, the import no longer depends on the client staying connected.
    begun = await beginOsvImport(app, { storedKey: key, source: filename, importedBy: actorName(actor), signal: controller.signal });
    const finished = begun.done
      .then(async (run) => {
        await recordAuditEvent(app, {
          actor,
          action: 'vulndb:Import',
          ...auditResource(app, { kind: 'vulndb', file: filename }),
          outcome: run.status === 'succeeded' ? 'allowed' : 'failed',
          detail: { importId: run.id, bytes: size, added: run.added, updated: run.updated, unchanged: run.unchanged, invalid: run.invalid, ...(run.status === 'failed' ? { error: run.error } : {}) },
        });
        return run;
      })
      .finally(remove);
    track(app, controller, finished);
    const waited = await Promise.race([finished, delay(app.config.vulndbUploadWaitSeconds * 1000).then(() => null)]);
    if (!waited) return { run: begun.run, finished: false };
    if (waited.status === 'failed') throw new DomainError('bad-request', `import failed: ${waited.error}`, { importId: waited.id });
    return { run: waited, finished: true };
  } catch (err) {
    // Before the import began, the object is this request's to remove; after, the import removes it when it ends.
    if (!begun) await remove();
    throw err;
  }
}

const VULN_UPLOADS_PREFIX = 'vulndb-uploads/';
const vulnUploadKey = (name: string) => `${VULN_UPLOADS_PREFIX}${name}`;

// Imports that outlive their upload's request are held by the AppContext (boot.ts creates the map), as the job
// queue is: the upload runs in a route handler (the web bundle's copy of this module), the shutdown in the server's.
function track(app: AppContext, controller: AbortController, finished: Promise<unknown>) {
  const set = (app.vulnImports ??= new Map());
  const entry = finished.catch((err) => console.error(`[berth] vulnerability data import failed: ${(err as Error)?.message ?? err}`));
  set.set(controller, entry);
  void entry.finally(() => set.delete(controller));
}

/**
 * Ends the uploads' imports still running in this process (the server is shutting down): each stops between
 * batches, its run is recorded as failed with the reason, and its file is removed. What it stored is kept.
 */
export async function stopVulnImports(app: AppContext): Promise<void> {
  const set = app.vulnImports;
  if (!set?.size) return;
  for (const controller of set.keys()) controller.abort('interrupted: the server shut down; import the file again to finish (unchanged records are skipped)');
  await Promise.all(set.values());
}

/**
 * Removes uploaded files a process left behind when it was killed while importing them: objects under
 * `vulndb-uploads/` older than a day (no import runs that long). A periodic task (lib/jobs/all-jobs.ts), once
 * across instances, since every instance sees the same storage.
 */
export async function purgeStaleVulnUploads(app: AppContext, maxAgeMs = 86_400_000, now = new Date()): Promise<number> {
  const cutoff = now.getTime() - maxAgeMs;
  let removed = 0;
  for await (const key of app.storage.list(VULN_UPLOADS_PREFIX)) {
    const info = await app.storage.stat(key);
    if (!info || info.modifiedAt.getTime() > cutoff) continue;
    await app.storage.delete(key);
    removed++;
  }
  return removed;
}
