import { parseBody, withApi } from '@/lib/api/with-api';
import { createImmutabilityRuleSchema } from '@/lib/schemas/immutability';
import { createImmutabilityRule } from '@/lib/services/immutability/create-immutability-rule';
import { listImmutabilityRules } from '@/lib/services/immutability/list-immutability-rules';
import { repositoryRuleScope } from '@/lib/services/immutability/require-rule-scope';

type Params = { namespace: string; repository: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => listImmutabilityRules(app, { actor, scope: repositoryRuleScope(params) }), { authorize: 'in-service' });

export const POST = withApi<Params>(
  async ({ app, actor, params, req }) =>
    createImmutabilityRule(app, { actor, scope: repositoryRuleScope(params), data: await parseBody(req, createImmutabilityRuleSchema) }),
  { authorize: 'in-service', status: 201 },
);
