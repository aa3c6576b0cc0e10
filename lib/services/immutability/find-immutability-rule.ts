import type { Prisma } from '@/lib/db/client';
import { RegistryError } from '@/lib/errors/registry-error';
import { compileTagPattern } from '@/lib/webhooks/match-trigger';

type Tx = Prisma.TransactionClient;

/**
 * The rules that apply to a repository (its own before its namespace's), as a function from a tag to the first rule
 * protecting it, or null.
 */
export async function loadImmutabilityMatcher(tx: Pick<Tx, '$queryRaw'>, repositoryId: string): Promise<(tag: string) => { name: string } | null> {
  const rules = await tx.$queryRaw<Array<{ name: string; pattern: string }>>`
    SELECT ir.name, ir.pattern FROM immutability_rules ir JOIN repositories r ON r.namespace_id = ir.namespace_id
    WHERE r.id = ${repositoryId}::uuid AND (ir.repository_id IS NULL OR ir.repository_id = r.id)
    ORDER BY (ir.repository_id IS NULL), ir.created_at`;
  const compiled = rules.flatMap((rule) => {
    const c = compileTagPattern(rule.pattern);
    return c.ok ? [{ name: rule.name, regex: c.regex }] : [];
  });
  return (tag) => compiled.find((r) => r.regex.testExact(tag)) ?? null;
}

/** The first rule (the repository's own before its namespace's) that makes `tag` immutable, or null. */
export async function findImmutabilityRule(tx: Tx, input: { repositoryId: string; tag: string }): Promise<{ name: string } | null> {
  const match = (await loadImmutabilityMatcher(tx, input.repositoryId))(input.tag);
  return match ? { name: match.name } : null;
}

/** The registry's refusal, which docker, podman and skopeo print as `denied: tag "v1.2" is immutable (rule "releases")`. */
export function immutableTagError(tag: string, rule: { name: string }): RegistryError {
  return new RegistryError('DENIED', `tag "${tag}" is immutable (rule "${rule.name}")`, { tag, rule: rule.name });
}

/**
 * Inside a push's transaction: refuses to move `tag` off the manifest it points at when a rule protects it. A tag
 * pushed for the first time, or pushed again with the same manifest, is fine. Locks the tag row so two pushes
 * cannot both see it absent.
 */
export async function assertTagMayMove(tx: Tx, input: { repositoryId: string; tag: string; manifestId: string }): Promise<void> {
  const current = await tx.$queryRaw<Array<{ manifest_id: string }>>`
    SELECT manifest_id::text AS manifest_id FROM tags WHERE repository_id = ${input.repositoryId}::uuid AND name = ${input.tag} FOR UPDATE`;
  if (current.length === 0 || current[0]!.manifest_id === input.manifestId) return;
  const rule = await findImmutabilityRule(tx, input);
  if (rule) throw immutableTagError(input.tag, rule);
}

/** Inside a removal's transaction: refuses when any of `tags` is immutable. */
export async function assertTagsMayGo(tx: Tx, input: { repositoryId: string; tags: readonly string[] }): Promise<void> {
  if (input.tags.length === 0) return;
  const match = await loadImmutabilityMatcher(tx, input.repositoryId);
  for (const tag of input.tags) {
    const rule = match(tag);
    if (rule) throw immutableTagError(tag, rule);
  }
}
