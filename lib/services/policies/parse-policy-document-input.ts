import { parsePolicyText, validatePolicyDocument, type PolicyDocument } from '@/lib/access/policy-document';
import { DomainError } from '@/lib/errors/domain-error';

/**
 * A policy document from a request, given as an object or as JSON text, or VALIDATION_FAILED with one field error
 * per problem, each pointing at the faulty part (`document.Statement[1].Action[0]`) and, for JSON syntax errors,
 * carrying its line and column.
 */
export function parsePolicyDocumentInput(input: string | Record<string, unknown>): PolicyDocument {
  const result = typeof input === 'string' ? parsePolicyText(input) : validatePolicyDocument(input);
  if (result.ok) return result.document;
  const fields = result.errors.map((e) => ({
    path: e.path ? `document.${e.path}` : 'document',
    message: e.message,
    ...(e.line === undefined ? {} : { line: e.line, column: e.column }),
  }));
  throw new DomainError('invalid', fields.map((f) => `${f.path}: ${f.message}`).join('; '), { fields });
}
