import { parseQuery, withApi } from '@/lib/api/with-api';
import { listBuildsQuerySchema } from '@/lib/schemas/builds';
import { listBuilds } from '@/lib/services/builds/list-builds';

type Params = { namespace: string; repository: string };

export const GET = withApi<Params>(async ({ app, actor, params, url }) => listBuilds(app, { actor, params, query: parseQuery(url, listBuildsQuerySchema) }), { authorize: 'in-service' });
