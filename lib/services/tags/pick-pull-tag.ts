import semver from 'semver';
import type { AppContext } from '@/lib/services/context';
import { compareTagNames } from './compare-tag-names';

export type PullTagChoice = { tag: string; reason: 'latest' | 'highest-version' | 'newest-push' } | null;

/**
 * The tag a "pull" command should name for a repository the caller may list the tags of (authorization is the
 * caller's: see choosePullTag). `latest` when it exists (what `docker pull` without a tag fetches), else the highest
 * release version (pre-releases only when nothing else is a version), else the most recent push. Null without tags.
 */
export async function pickPullTag(app: AppContext, repositoryId: string): Promise<PullTagChoice> {
  const rows = await app.db.$queryRaw<Array<{ name: string; pushed_at: Date }>>`
    SELECT t.name, t.pushed_at FROM tags t WHERE t.repository_id = ${repositoryId}::uuid`;
  if (rows.length === 0) return null;
  if (rows.some((r) => r.name === 'latest')) return { tag: 'latest', reason: 'latest' };
  const names = rows.map((r) => r.name);
  // Releases: `1`, `1.2`, `v1.2.3`. A date-like build number (`20240101`) is no version worth preferring.
  const releases = names.filter((n) => /^v?\d{1,7}(\.\d+){0,2}$/.test(n));
  const pool = releases.length ? releases : names.filter((n) => semver.parse(n) !== null);
  if (pool.length) return { tag: pool.sort(compareTagNames).at(-1)!, reason: 'highest-version' };
  const newest = rows.reduce((a, b) => (b.pushed_at > a.pushed_at || (+b.pushed_at === +a.pushed_at && b.name < a.name) ? b : a));
  return { tag: newest.name, reason: 'newest-push' };
}
