import { withApi } from '@/lib/api/with-api';
import { uploadVulnImport } from '@/lib/services/vulndb/upload-vuln-import';

// The body is the file itself (an OSV zip export or JSON), streamed to disk by the service: never parsed here.
// 201 with the finished run; 202 with the run still importing in the background (follow it in GET /api/v1/vulndb).
export const POST = withApi(async ({ app, actor, req, url }) => {
  const { run, finished } = await uploadVulnImport(app, {
    actor,
    body: req.body,
    contentType: req.headers.get('content-type'),
    contentLength: req.headers.get('content-length'),
    filename: url.searchParams.get('filename'),
    signal: req.signal,
  });
  return Response.json(run, { status: finished ? 201 : 202, headers: { 'Cache-Control': 'no-store' } });
}, { authorize: 'in-service', bodyTypes: ['application/zip', 'application/json', 'application/octet-stream'] });
