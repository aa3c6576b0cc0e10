import { withApi } from '@/lib/api/with-api';
import { scanAll } from '@/lib/services/scans/scan-all';

type Params = { namespace: string };

export const POST = withApi<Params>(async ({ app, actor, params }) => scanAll(app, { actor, scope: { kind: 'namespace', name: params.namespace } }), { authorize: 'in-service', status: 202 });
