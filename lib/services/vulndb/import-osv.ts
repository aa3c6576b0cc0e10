import type { VulnImportDto } from '@/lib/schemas/vulndb';
import { requestRescan } from '@/lib/services/scans/request-rescan';
import type { AppContext } from '@/lib/services/context';
import { prepareOsvRecord, type PreparedOsvRecord } from './prepare-osv-record';
import { readOsvSource, readStoredOsvSource } from './read-osv-source';
import { storeOsvBatch } from './store-osv-batch';
import { toVulnImportDto } from './vuln-import-dto';

const BATCH_SIZE = 500;
/** How many reasons for invalid records the run keeps. */
const MAX_REASONS = 5;
/** How often a running import writes its counts and heartbeat; well inside STALE_IMPORT_MS. */
const HEARTBEAT_MS = 2_000;

export type ImportOsvInput = (
  | {
      /** An OSV JSON file (one record or an array), an OSV zip export, or a directory (every *.json and *.zip below it). */
      path: string;
      storedKey?: undefined;
    }
  | {
      /** An OSV JSON file or zip export stored in blob storage under this key (an upload: upload-vuln-import.ts). */
      storedKey: string;
      path?: undefined;
    }
) & {
  /** What the run is listed as; the path or key when not given. */
  source?: string;
  importedBy?: string | null;
  signal?: AbortSignal;
};

/**
 * Imports OSV records into the vulnerability data, idempotently: a record whose content hash is stored already is
 * left alone, a changed one replaces the stored copy and its package rows. Invalid records are counted and skipped
 * (the first few reasons end up in the run's `error`), never abort the run. Records go to the database in batches,
 * so memory stays bounded whatever the size of the export. The run is recorded as a VulnImport row (running →
 * succeeded or failed); an unreadable path or archive, an abort or a database error fails it, and the returned DTO
 * says so.
 */
export async function importOsv(app: AppContext, input: ImportOsvInput): Promise<VulnImportDto> {
  return (await beginOsvImport(app, input)).done;
}

/**
 * Starts an import as importOsv does and answers as soon as its run is recorded: `run` as it started, `done` the
 * run as it ended (rejecting only when the database cannot record the outcome). While it goes on, the run's counts
 * and heartbeat are written every few seconds, so the import list shows progress and a run whose process died is
 * seen as interrupted (see toVulnImportDto).
 */
export async function beginOsvImport(app: AppContext, input: ImportOsvInput): Promise<{ run: VulnImportDto; done: Promise<VulnImportDto> }> {
  const run = await app.db.vulnImport.create({ data: { source: input.source ?? (input.storedKey !== undefined ? input.storedKey : input.path), importedBy: input.importedBy ?? null } });
  return { run: toVulnImportDto(run), done: runImport(app, run.id, input) };
}

async function runImport(app: AppContext, runId: string, input: ImportOsvInput): Promise<VulnImportDto> {
  const counts = { added: 0, updated: 0, unchanged: 0, invalid: 0 };
  const reasons: string[] = [];
  const invalid = (reason: string) => {
    counts.invalid += 1;
    if (reasons.length < MAX_REASONS) reasons.push(reason);
  };
  const now = new Date();
  let batch: PreparedOsvRecord[] = [];
  let batchIds = new Set<string>();
  // One batch is written while the next is read and validated; at most one is in flight, so they commit in order.
  let inFlight: Promise<void> = Promise.resolve();
  // Progress and liveness for whoever watches the import list; only while the run is still marked running, so a
  // late beat never overwrites the final counts.
  let beating: Promise<unknown> = Promise.resolve();
  const heartbeat = setInterval(() => {
    beating = app.db.vulnImport
      .updateMany({ where: { id: runId, status: 'running' }, data: { ...counts, heartbeatAt: new Date() } })
      .catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const stopBeating = async () => {
    clearInterval(heartbeat);
    await beating;
  };
  const flush = async () => {
    const writing = batch;
    batch = [];
    batchIds = new Set();
    await inFlight;
    inFlight = storeOsvBatch(app, writing).then((stored) => {
      counts.added += stored.added;
      counts.updated += stored.updated;
      counts.unchanged += stored.unchanged;
    });
    // Rejections surface at the next await of inFlight; until then they must not count as unhandled.
    inFlight.catch(() => undefined);
  };

  try {
    const items = input.storedKey !== undefined ? readStoredOsvSource(app.storage, input.storedKey, input.source ?? input.storedKey) : readOsvSource(input.path, input.source);
    for await (const item of items) {
      input.signal?.throwIfAborted();
      if (item.kind === 'invalid') {
        invalid(`${item.origin}: ${item.reason}`);
        continue;
      }
      const prepared = prepareOsvRecord(item.json, now);
      if ('reason' in prepared) {
        invalid(`${item.origin}: ${prepared.reason}`);
        continue;
      }
      // The same id twice in one statement cannot be upserted; the second copy goes to the next batch.
      if (batchIds.has(prepared.record.id)) await flush();
      batch.push(prepared.record);
      batchIds.add(prepared.record.id);
      if (batch.length >= BATCH_SIZE) await flush();
    }
    input.signal?.throwIfAborted();
    await flush();
    await inFlight;
  } catch (err) {
    await inFlight.catch(() => undefined);
    await stopBeating();
    const message = input.signal?.aborted ? (typeof input.signal.reason === 'string' ? input.signal.reason : 'import aborted') : err instanceof Error ? err.message : String(err);
    const failed = await app.db.vulnImport.update({
      where: { id: runId },
      data: { ...counts, status: 'failed', error: message, finishedAt: new Date() },
    });
    return toVulnImportDto(failed);
  }

  await stopBeating();
  const skipped = counts.invalid > 0 ? `skipped ${counts.invalid} invalid record(s): ${reasons.join('; ')}${counts.invalid > reasons.length ? '; …' : ''}` : null;
  const done = await app.db.vulnImport.update({
    where: { id: runId },
    data: { ...counts, status: 'succeeded', error: skipped, finishedAt: new Date() },
  });
  // New or changed advisories: the images in use are rescanned (BERTH_RESCAN_DAYS).
  if (counts.added + counts.updated > 0) await requestRescan(app, runId);
  return toVulnImportDto(done);
}
