import { isBuiltinPolicyName } from '@/lib/access/builtin-policies';
import type { PolicyDto } from '@/lib/schemas/policies';
import type { AppContext } from '@/lib/services/context';
import { builtinPolicyDto, customPolicyDto, POLICY_ROW_SELECT } from './policy-dto';

/** A built-in or custom policy by name, with the users it is attached to; null when there is none. */
export async function findPolicy(app: AppContext, name: string): Promise<PolicyDto | null> {
  const [row, attached] = await Promise.all([
    isBuiltinPolicyName(name) ? null : app.db.policy.findUnique({ where: { name }, select: POLICY_ROW_SELECT }),
    app.db.userPolicy.findMany({ where: { policyName: name }, select: { user: { select: { username: true } } } }),
  ]);
  const users = attached.map((a) => a.user.username).sort();
  if (isBuiltinPolicyName(name)) return builtinPolicyDto(name, users);
  return row ? customPolicyDto(row, users) : null;
}
