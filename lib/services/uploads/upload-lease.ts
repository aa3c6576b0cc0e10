import { queryPrepared } from '@/lib/db/client';
import { RegistryError } from '@/lib/errors/registry-error';
import type { AppContext } from '@/lib/services/context';
import type { HashProgress } from './upload-hasher';

// An upload session is written by one request at a time. A request claims it with a lease in the database (so the
// rule holds across instances), renews the lease while it streams, and releases it with the new committed size and
// hash progress. A lease left by a crashed process simply expires.
const LEASE_SECONDS = 120;
const RENEW_EVERY_MS = 30_000;

export interface ClaimedUpload extends HashProgress {
  id: string;
  /** Bytes committed so far; storage may hold more after a crash, which the next write truncates. */
  size: number;
  release(update?: { size: number; hashState: Buffer | null; sha256: string | null }): Promise<void>;
  /** Stops renewing the lease without touching the row: for a session that ends (its row is deleted). */
  end(): void;
}

export async function claimUpload(app: AppContext, input: { id: string; repositoryId: string }): Promise<ClaimedUpload> {
  if (!isUuid(input.id)) throw new RegistryError('BLOB_UPLOAD_UNKNOWN');
  // A lease is a lock, not data: its commit need not wait for the WAL flush (synchronous_commit off for this one
  // statement, set in its own FROM). Postgres flushes WAL in order, so the durable commit that releases the lease
  // with the new size also makes the claim durable; a claim lost in a database crash only frees the session early.
  // This saves a disk flush on every PATCH and PUT of an upload.
  const rows = await queryPrepared<{ size: string; hash_state: Buffer | null; sha256: string | null }>(
    app.db,
    'berth-claim-upload',
    `UPDATE upload_sessions SET lease_until = now() + make_interval(secs => $3)
     FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async_commit
     WHERE id = $1::uuid AND repository_id = $2::uuid AND (lease_until IS NULL OR lease_until < now())
     RETURNING size::text AS size, hash_state, sha256`,
    [input.id, input.repositoryId, LEASE_SECONDS],
  );
  const row = rows[0];
  if (!row) {
    const exists = await app.db.uploadSession.count({ where: { id: input.id, repositoryId: input.repositoryId } });
    if (!exists) throw new RegistryError('BLOB_UPLOAD_UNKNOWN');
    throw new RegistryError('BLOB_UPLOAD_INVALID', 'another request is writing to this upload', undefined, 409);
  }
  const renew = setInterval(() => {
    void app.db.$executeRaw`UPDATE upload_sessions SET lease_until = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE id = ${input.id}::uuid`.catch(() => undefined);
  }, RENEW_EVERY_MS);
  renew.unref();
  let released = false;
  return {
    id: input.id,
    size: Number(row.size),
    hashState: row.hash_state,
    sha256: row.sha256,
    end() {
      released = true;
      clearInterval(renew);
    },
    async release(update) {
      if (released) return;
      released = true;
      clearInterval(renew);
      if (update) {
        await queryPrepared(
          app.db,
          'berth-release-upload',
          `UPDATE upload_sessions SET size = $2::bigint, hash_state = $3, sha256 = $4, lease_until = NULL, updated_at = now()
           WHERE id = $1::uuid`,
          [input.id, String(update.size), update.hashState, update.sha256],
        );
      } else {
        await queryPrepared(app.db, 'berth-unlease-upload', 'UPDATE upload_sessions SET lease_until = NULL WHERE id = $1::uuid', [input.id]);
      }
    },
  };
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
