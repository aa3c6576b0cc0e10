import { parseBody, withApi } from '@/lib/api/with-api';
import { runBuildSchema } from '@/lib/schemas/builds';
import { runBuildRule } from '@/lib/services/builds/run-build-rule';

type Params = { namespace: string; repository: string; id: string };

export const POST = withApi<Params>(async ({ app, actor, params, req }) => runBuildRule(app, { actor, params, id: params.id, data: await parseBody(req, runBuildSchema) }), {
  authorize: 'in-service', status: 202,
});
