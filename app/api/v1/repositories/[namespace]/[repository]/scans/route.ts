import { withApi } from '@/lib/api/with-api';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { scanAll } from '@/lib/services/scans/scan-all';

type Params = { namespace: string; repository: string };

export const POST = withApi<Params>(async ({ app, actor, params }) => scanAll(app, { actor, scope: { kind: 'repository', name: repositoryNameFromPath(params) } }), {
  authorize: 'in-service', status: 202,
});
