import { withApi } from '@/lib/api/with-api';
import { getBuild } from '@/lib/services/builds/get-build';

type Params = { namespace: string; repository: string; id: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => getBuild(app, { actor, params, id: params.id }), { authorize: 'in-service' });
