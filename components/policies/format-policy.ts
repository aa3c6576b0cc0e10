import type { PolicyDocument } from '@/lib/access/policy-document';

/**
 * A stored document as JSON text in the order people write it (Version, Statement; Effect, Action, Resource).
 * Postgres' jsonb keeps keys sorted by length, which would show Action before Effect.
 */
export function formatPolicyDocument(doc: PolicyDocument): string {
  const ordered = {
    Version: doc.Version,
    Statement: doc.Statement.map((s) => ({ Effect: s.Effect, Action: s.Action, Resource: s.Resource })),
  };
  return JSON.stringify(ordered, null, 2);
}
