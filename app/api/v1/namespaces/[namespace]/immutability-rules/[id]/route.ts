import { withApi } from '@/lib/api/with-api';
import { deleteImmutabilityRule } from '@/lib/services/immutability/delete-immutability-rule';
import { namespaceRuleScope } from '@/lib/services/immutability/require-rule-scope';

export const DELETE = withApi<{ namespace: string; id: string }>(async ({ app, actor, params }) =>
  deleteImmutabilityRule(app, { actor, scope: namespaceRuleScope(params), id: params.id }),
  { authorize: 'in-service' },
);
