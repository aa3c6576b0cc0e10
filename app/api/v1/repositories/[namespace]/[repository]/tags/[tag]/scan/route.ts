import { withApi } from '@/lib/api/with-api';
import { repositoryNameFromPath } from '@/lib/schemas/repositories';
import { getScanReport } from '@/lib/services/scans/get-scan-report';
import { requestScan } from '@/lib/services/scans/request-scan';

type Params = { namespace: string; repository: string; tag: string };

// Anyone who may pull the image may read its report: anonymous callers on a public repository too.
export const GET = withApi<Params>(async ({ app, actor, params }) => getScanReport(app, { actor, name: repositoryNameFromPath(params), tag: params.tag }), {
  public: true,
});

export const POST = withApi<Params>(async ({ app, actor, params }) => requestScan(app, { actor, name: repositoryNameFromPath(params), tag: params.tag }), {
  authorize: 'in-service', status: 202,
});
