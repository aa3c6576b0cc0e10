import { parseBody, withApi } from '@/lib/api/with-api';
import { createBuildRuleSchema } from '@/lib/schemas/builds';
import { createBuildRule } from '@/lib/services/builds/create-build-rule';
import { listBuildRules } from '@/lib/services/builds/list-build-rules';

type Params = { namespace: string; repository: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => listBuildRules(app, { actor, params }), { authorize: 'in-service' });

export const POST = withApi<Params>(async ({ app, actor, params, req }) => createBuildRule(app, { actor, params, data: await parseBody(req, createBuildRuleSchema) }), {
  authorize: 'in-service', status: 201,
});
