import { parseBody, withApi } from '@/lib/api/with-api';
import { createRetentionRuleSchema } from '@/lib/schemas/retention';
import { namespaceRuleScope } from '@/lib/services/immutability/require-rule-scope';
import { createRetentionRule, listRetentionRules } from '@/lib/services/retention/manage-retention-rules';

type Params = { namespace: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => listRetentionRules(app, { actor, scope: namespaceRuleScope(params) }), { authorize: 'in-service' });

export const POST = withApi<Params>(
  async ({ app, actor, params, req }) => createRetentionRule(app, { actor, scope: namespaceRuleScope(params), data: await parseBody(req, createRetentionRuleSchema) }),
  { authorize: 'in-service', status: 201 },
);
