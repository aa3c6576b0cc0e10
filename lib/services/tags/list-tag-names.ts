import type { Actor, AppContext } from '@/lib/services/context';
import { authorizeRepository } from '@/lib/services/access/authorize-repository';

/**
 * A page of tag names in lexical (byte) order, as the spec's tags list pages them: after `last`, at most `n`.
 * Returns one extra name beyond `n` is not needed: `more` says whether another page exists.
 */
export async function listTagNames(
  app: AppContext,
  input: { actor: Actor; name: string; n?: number; last?: string },
): Promise<{ tags: string[]; more: boolean }> {
  const repo = await authorizeRepository(app, { actor: input.actor, name: input.name, action: 'pull' });
  const limit = input.n ?? 100_000;
  const rows = await app.db.$queryRaw<Array<{ name: string }>>`
    SELECT name FROM tags WHERE repository_id = ${repo.id}::uuid
      AND (${input.last ?? null}::text IS NULL OR name COLLATE "C" > ${input.last ?? ''} COLLATE "C")
    ORDER BY name COLLATE "C" LIMIT ${limit + 1}`;
  return { tags: rows.slice(0, limit).map((r) => r.name), more: rows.length > limit };
}
