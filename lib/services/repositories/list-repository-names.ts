import { RegistryError } from '@/lib/errors/registry-error';
import type { Actor, AppContext } from '@/lib/services/context';

/** A page of the catalog in lexical order: repositories the actor may read, after `last`, at most `n`. */
export async function listRepositoryNames(
  app: AppContext,
  input: { actor: Actor; n?: number; last?: string },
): Promise<{ repositories: string[]; more: boolean }> {
  if (input.actor.kind === 'anonymous') throw new RegistryError('UNAUTHORIZED');
  const limit = input.n ?? 10_000;
  const rows = await app.db.$queryRaw<Array<{ name: string }>>`
    SELECT name FROM repositories
    WHERE (${input.last ?? null}::text IS NULL OR name COLLATE "C" > ${input.last ?? ''} COLLATE "C")
    ORDER BY name COLLATE "C" LIMIT ${limit + 1}`;
  return { repositories: rows.slice(0, limit).map((r) => r.name), more: rows.length > limit };
}
