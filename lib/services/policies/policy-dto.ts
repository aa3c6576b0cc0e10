import { BUILTIN_POLICIES, type BuiltinPolicyName } from '@/lib/access/builtin-policies';
import type { PolicyDocument } from '@/lib/access/policy-document';
import type { PolicyDto } from '@/lib/schemas/policies';

export const POLICY_ROW_SELECT = { name: true, description: true, document: true, createdAt: true, updatedAt: true } as const;

export function builtinPolicyDto(name: BuiltinPolicyName, users: string[]): PolicyDto {
  return { name, description: BUILTIN_DESCRIPTIONS[name], builtin: true, document: BUILTIN_POLICIES[name], users, createdAt: null, updatedAt: null };
}

export function customPolicyDto(
  row: { name: string; description: string; document: unknown; createdAt: Date; updatedAt: Date },
  users: string[],
): PolicyDto {
  return {
    name: row.name,
    description: row.description,
    builtin: false,
    // Stored only after validation (create-policy, update-policy).
    document: row.document as PolicyDocument,
    users,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const BUILTIN_DESCRIPTIONS: Record<BuiltinPolicyName, string> = {
  AdministratorAccess: 'Every action on every resource.',
  ReadOnlyAccess: 'Read and pull everything; change nothing.',
};
