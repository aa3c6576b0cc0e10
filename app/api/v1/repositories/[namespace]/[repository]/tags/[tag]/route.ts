import { withApi } from '@/lib/api/with-api';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { deleteTag } from '@/lib/services/tags/delete-tag';
import { getTag } from '@/lib/services/tags/get-tag';

type Params = { namespace: string; repository: string; tag: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => getTag(app, { actor, name: repositoryNameFromPath(params), tag: params.tag }), {
  public: true,
});

export const DELETE = withApi<Params>(async ({ app, actor, params }) => deleteTag(app, { actor, name: repositoryNameFromPath(params), tag: params.tag }), { authorize: 'in-service' });
