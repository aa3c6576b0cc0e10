import { withApi } from '@/lib/api/with-api';
import { deleteImmutabilityRule } from '@/lib/services/immutability/delete-immutability-rule';
import { repositoryRuleScope } from '@/lib/services/immutability/require-rule-scope';

export const DELETE = withApi<{ namespace: string; repository: string; id: string }>(async ({ app, actor, params }) =>
  deleteImmutabilityRule(app, { actor, scope: repositoryRuleScope(params), id: params.id }),
  { authorize: 'in-service' },
);
