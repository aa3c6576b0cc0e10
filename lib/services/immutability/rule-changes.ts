import { DomainError } from '@/lib/errors/domain-error';
import type { Actor, AppContext } from '@/lib/services/context';
import { recordAuditEvent } from '@/lib/services/audit/record-audit-event';
import type { RuleScope } from './require-rule-scope';

// What changing tag rules (immutability, retention) has in common: names unique per scope, a cap per scope, and one
// audit shape (rules are settings of their repository or namespace).

/** A rule name already used in the scope: the form's field error. */
export function ruleNameTaken(name: string): DomainError {
  return new DomainError('conflict', `a rule named "${name}" exists here`, { fields: [{ path: 'name', message: 'already used here' }] });
}

/** Before a rule is added to a scope holding `existing`: its name must be free there, and the scope below its cap. */
export function assertRuleFits(existing: ReadonlyArray<{ name: string }>, name: string, cap: { max: number; kind: string }): void {
  if (existing.some((r) => r.name === name)) throw ruleNameTaken(name);
  if (existing.length >= cap.max) throw new DomainError('limit-exceeded', `at most ${cap.max} ${cap.kind} rules here`);
}

export async function auditRuleChange(app: AppContext, actor: Actor, scope: RuleScope, detail: Record<string, unknown>): Promise<void> {
  await recordAuditEvent(app, {
    actor,
    action: scope.repositoryId ? 'cr:UpdateRepository' : 'cr:UpdateNamespace',
    resource: scope.resource,
    namespace: scope.namespaceName,
    outcome: 'allowed',
    detail,
  });
}
