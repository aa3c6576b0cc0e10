import { withApi } from '@/lib/api/with-api';
import { cancelBuild } from '@/lib/services/builds/cancel-build';

type Params = { namespace: string; repository: string; id: string };

export const POST = withApi<Params>(async ({ app, actor, params }) => cancelBuild(app, { actor, params, id: params.id }), { authorize: 'in-service', status: 202 });
