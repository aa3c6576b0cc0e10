import type { Db } from '@/lib/db/client';
import { RegistryError } from '@/lib/errors/registry-error';
import { compileTagPattern } from '@/lib/webhooks/match-trigger';

/**
 * Before a repository or a whole namespace is deleted: refuses, as a tag's delete is refused, when it holds a tag an
 * immutability rule protects (`cannot delete team/app: tag "v1.2" is immutable (rule "releases")`). Deleting the
 * repository would delete the tag with it. Without rules (the usual case) this is one query.
 */
export async function assertNoImmutableTags(db: Pick<Db, '$queryRaw'>, input: { namespaceId: string; repositoryId?: string }): Promise<void> {
  const repositoryId = input.repositoryId ?? null;
  const rules = await db.$queryRaw<Array<{ name: string; pattern: string; repository_id: string | null }>>`
    SELECT name, pattern, repository_id::text AS repository_id FROM immutability_rules
    WHERE namespace_id = ${input.namespaceId}::uuid AND (${repositoryId}::uuid IS NULL OR repository_id IS NULL OR repository_id = ${repositoryId}::uuid)
    ORDER BY (repository_id IS NULL), created_at`;
  const compiled = rules.flatMap((rule) => {
    const c = compileTagPattern(rule.pattern);
    return c.ok ? [{ name: rule.name, repositoryId: rule.repository_id, regex: c.regex }] : [];
  });
  if (compiled.length === 0) return;
  const tags = await db.$queryRaw<Array<{ repository_id: string; repository: string; tag: string }>>`
    SELECT r.id::text AS repository_id, r.name AS repository, t.name AS tag FROM tags t JOIN repositories r ON r.id = t.repository_id
    WHERE r.namespace_id = ${input.namespaceId}::uuid AND (${repositoryId}::uuid IS NULL OR r.id = ${repositoryId}::uuid)
    ORDER BY r.name, t.name`;
  for (const t of tags) {
    // The repository's own rules first, then its namespace's, as for a tag's delete.
    const rule = compiled.find((r) => (r.repositoryId === null || r.repositoryId === t.repository_id) && r.regex.testExact(t.tag));
    if (rule) {
      throw new RegistryError('DENIED', `cannot delete ${t.repository}: tag "${t.tag}" is immutable (rule "${rule.name}")`, {
        repository: t.repository,
        tag: t.tag,
        rule: rule.name,
      });
    }
  }
}
