import { parseBody, withApi } from '@/lib/api/with-api';
import { updateRetentionRuleSchema } from '@/lib/schemas/retention';
import { repositoryRuleScope } from '@/lib/services/immutability/require-rule-scope';
import { deleteRetentionRule, updateRetentionRule } from '@/lib/services/retention/manage-retention-rules';

type Params = { namespace: string; repository: string } & { id: string };

export const PATCH = withApi<Params>(async ({ app, actor, params, req }) =>
  updateRetentionRule(app, { actor, scope: repositoryRuleScope(params), id: params.id, data: await parseBody(req, updateRetentionRuleSchema) }),
  { authorize: 'in-service' },
);

export const DELETE = withApi<Params>(async ({ app, actor, params }) => deleteRetentionRule(app, { actor, scope: repositoryRuleScope(params), id: params.id }), { authorize: 'in-service' });
