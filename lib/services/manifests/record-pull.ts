import type { Db } from '@/lib/db/client';
import type { AppContext } from '@/lib/services/context';

const FLUSH_EVERY_MS = 2000;
const FLUSH_AT_ENTRIES = 5000;

interface Pending {
  repositoryId: string;
  digest: string;
  tag: string | null;
  count: number;
  last: Date;
}

/**
 * Pull statistics (each tag's and manifest's pull count and last pull), gathered in memory and written in batches:
 * one UPDATE per table every two seconds however many pulls came, so a pull costs no database write of its own.
 * Counts of the last seconds before a crash are lost: statistics, not records.
 */
class PullRecorder {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  add(repositoryId: string, digest: string, tag: string | null, at: Date): void {
    const key = `${repositoryId}\u0000${digest}\u0000${tag ?? ''}`;
    const p = this.pending.get(key);
    if (p) {
      p.count++;
      p.last = at;
    } else {
      this.pending.set(key, { repositoryId, digest, tag, count: 1, last: at });
    }
    if (this.pending.size >= FLUSH_AT_ENTRIES) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
      this.timer.unref();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch)).catch((err: Error) => console.error(`[berth] pull statistics not written: ${err.message}`));
    return this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    // Per manifest: every pull of it, by digest or through any tag.
    const byManifest = new Map<string, Pending>();
    for (const p of batch) {
      const key = `${p.repositoryId}\u0000${p.digest}`;
      const m = byManifest.get(key);
      if (m) {
        m.count += p.count;
        if (p.last > m.last) m.last = p.last;
      } else byManifest.set(key, { ...p });
    }
    const manifests = [...byManifest.values()];
    const tags = batch.filter((p) => p.tag !== null);
    await this.db.$executeRaw`
      UPDATE manifests m SET pull_count = m.pull_count + x.n, last_pulled_at = GREATEST(m.last_pulled_at, x.at)
      FROM unnest(${manifests.map((p) => p.repositoryId)}::uuid[], ${manifests.map((p) => p.digest)}::text[],
                  ${manifests.map((p) => p.count)}::int[], ${manifests.map((p) => p.last)}::timestamp[]) AS x(r, d, n, at)
      WHERE m.repository_id = x.r AND m.digest = x.d`;
    if (tags.length > 0) {
      await this.db.$executeRaw`
        UPDATE tags t SET pull_count = t.pull_count + x.n, last_pulled_at = GREATEST(t.last_pulled_at, x.at)
        FROM unnest(${tags.map((p) => p.repositoryId)}::uuid[], ${tags.map((p) => p.tag!)}::text[],
                    ${tags.map((p) => p.count)}::int[], ${tags.map((p) => p.last)}::timestamp[]) AS x(r, name, n, at)
        WHERE t.repository_id = x.r AND t.name = x.name`;
    }
  }
}

const recorders = new WeakMap<Db, PullRecorder>();

function recorderOf(db: Db): PullRecorder {
  let r = recorders.get(db);
  if (!r) {
    r = new PullRecorder(db);
    recorders.set(db, r);
  }
  return r;
}

/** Counts one manifest GET (by digest, or through `tag`), unless pull statistics are off (BERTH_PULL_STATS). */
export function recordPull(app: AppContext, input: { repositoryId: string; digest: string; tag: string | null }): void {
  if (app.config.pullStats === false) return;
  recorderOf(app.db).add(input.repositoryId, input.digest, input.tag, new Date());
}

/** Writes what is gathered now: at shutdown, and in tests. */
export function flushPulls(app: AppContext): Promise<void> {
  return recorders.get(app.db)?.flush() ?? Promise.resolve();
}
