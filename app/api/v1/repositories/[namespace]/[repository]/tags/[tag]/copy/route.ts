import { parseBody, withApi } from '@/lib/api/with-api';
import { copyTagSchema } from '@/lib/schemas/promotion';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { copyTag } from '@/lib/services/tags/copy-tag';

type Params = { namespace: string; repository: string; tag: string };

export const POST = withApi<Params>(
  async ({ app, actor, params, req }) => copyTag(app, { actor, name: repositoryNameFromPath(params), tag: params.tag, data: await parseBody(req, copyTagSchema) }),
  { authorize: 'in-service', status: 201 },
);
