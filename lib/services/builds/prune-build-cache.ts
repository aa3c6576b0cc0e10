import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '@/lib/services/context';
import { buildsDir } from './execute-build';
import { runProcess } from './run-process';

const PRUNE_TIMEOUT_MS = 10 * 60_000;

/**
 * Removes images older than `olderThan` from the builds' buildah store: the layers cached by earlier builds
 * (`--layers`) and the base images they pulled. Builds remove their own image once pushed, so everything in the store
 * is cache; an image a running build uses cannot be removed and stays for the next time. Answers how many went.
 */
export async function pruneBuildCache(app: AppContext, input: { olderThan: Date }): Promise<{ removed: number; failed: number }> {
  const root = path.join(buildsDir(app), 'storage', 'root');
  if (!existsSync(root)) return { removed: 0, failed: 0 };
  const base = ['--root', root, '--runroot', path.join(buildsDir(app), 'storage', 'runroot'), '--storage-driver', app.config.builds.storageDriver];
  const signal = AbortSignal.timeout(PRUNE_TIMEOUT_MS);
  const out: string[] = [];
  const code = await runProcess('buildah', [...base, 'images', '--all', '--json'], { signal, onLine: (l) => out.push(l) });
  if (code !== 0) throw new Error(`buildah images failed (exit ${code}): ${out.slice(-3).join(' ')}`);
  const images = (JSON.parse(out.join('\n') || '[]') as Array<{ id: string; created: number }> | null) ?? [];
  const old = images.filter((i) => i.created * 1000 < input.olderThan.getTime());
  let removed = 0;
  let failed = 0;
  for (const image of old) {
    // One at a time: an image in use (or already gone with another) fails alone.
    const rc = await runProcess('buildah', [...base, 'rmi', '--force', image.id], { signal, onLine: () => {} });
    if (rc === 0) removed++;
    else failed++;
  }
  return { removed, failed };
}
