import { BUILTIN_POLICY_NAMES } from '@/lib/access/builtin-policies';

// `simulate` is taken by POST /api/v1/policies/simulate: a policy of that name could not be addressed.
const RESERVED = new Set([...BUILTIN_POLICY_NAMES, 'simulate'].map((n) => n.toLowerCase()));

/** Names a custom policy may not take: the built-ins (in any case, to rule out look-alikes) and route names. */
export function isReservedPolicyName(name: string): boolean {
  return RESERVED.has(name.toLowerCase());
}
