import { parseBody, withApi } from '@/lib/api/with-api';
import { updateBuildRuleSchema } from '@/lib/schemas/builds';
import { deleteBuildRule } from '@/lib/services/builds/delete-build-rule';
import { getBuildRule } from '@/lib/services/builds/get-build-rule';
import { updateBuildRule } from '@/lib/services/builds/update-build-rule';

type Params = { namespace: string; repository: string; id: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => getBuildRule(app, { actor, params, id: params.id }), { authorize: 'in-service' });

export const PATCH = withApi<Params>(async ({ app, actor, params, req }) =>
  updateBuildRule(app, { actor, params, id: params.id, data: await parseBody(req, updateBuildRuleSchema) }),
  { authorize: 'in-service' },
);

export const DELETE = withApi<Params>(async ({ app, actor, params }) => deleteBuildRule(app, { actor, params, id: params.id }), { authorize: 'in-service' });
