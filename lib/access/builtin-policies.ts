import type { PolicyDocument } from './policy-document';

export const BUILTIN_POLICY_NAMES = ['AdministratorAccess', 'ReadOnlyAccess'] as const;

export type BuiltinPolicyName = (typeof BUILTIN_POLICY_NAMES)[number];

/**
 * Policies every installation has. They are code, not rows, so an upgrade that adds actions (and with them,
 * what `cr:Get*` covers) reaches them without a migration, and nobody can edit them into something else.
 */
export const BUILTIN_POLICIES: Readonly<Record<BuiltinPolicyName, PolicyDocument>> = {
  AdministratorAccess: {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: 'cr:*', Resource: '*' }],
  },
  ReadOnlyAccess: {
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: ['cr:Get*', 'cr:List*', 'cr:PullRepository'], Resource: '*' }],
  },
};

/** Built-in names are reserved: user policies may not take them. */
export function isBuiltinPolicyName(name: string): name is BuiltinPolicyName {
  return (BUILTIN_POLICY_NAMES as readonly string[]).includes(name);
}
