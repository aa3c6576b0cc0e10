import { parseQuery, withApi } from '@/lib/api/with-api';
import { buildLogQuerySchema } from '@/lib/schemas/builds';
import { readBuildLog } from '@/lib/services/builds/read-build-log';

type Params = { namespace: string; repository: string; id: string };

export const GET = withApi<Params>(async ({ app, actor, params, url }) =>
  readBuildLog(app, { actor, params, id: params.id, offset: parseQuery(url, buildLogQuerySchema).offset }),
  { authorize: 'in-service' },
);
