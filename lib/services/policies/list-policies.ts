import { BUILTIN_POLICY_NAMES } from '@/lib/access/builtin-policies';
import type { PolicyDto } from '@/lib/schemas/policies';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { builtinPolicyDto, customPolicyDto, POLICY_ROW_SELECT } from './policy-dto';

/** Built-in policies first, then custom ones by name, each with the usernames it is attached to. */
export async function listPolicies(app: AppContext, input: { actor: Actor }): Promise<PolicyDto[]> {
  await requireAction(app, { actor: input.actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  const [rows, attachments] = await Promise.all([
    app.db.policy.findMany({ select: POLICY_ROW_SELECT, orderBy: { name: 'asc' }, take: 10_000 }),
    app.db.userPolicy.findMany({ select: { policyName: true, user: { select: { username: true } } }, orderBy: { user: { username: 'asc' } } }),
  ]);
  const users = new Map<string, string[]>();
  for (const a of attachments) {
    const list = users.get(a.policyName) ?? [];
    list.push(a.user.username);
    users.set(a.policyName, list);
  }
  return [
    ...BUILTIN_POLICY_NAMES.map((name) => builtinPolicyDto(name, users.get(name) ?? [])),
    ...rows.map((row) => customPolicyDto(row, users.get(row.name) ?? [])),
  ];
}
