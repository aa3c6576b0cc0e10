import { withApi } from '@/lib/api/with-api';
import { uploadVulnImport } from '@/lib/services/vulndb/upload-vuln-import';

// The body is the file itself (an OSV zip export or JSON), streamed to disk by the service: never parsed here.
export const POST = withApi(
  async ({ app, actor, req, url }) =>
    uploadVulnImport(app, {
      actor,
      body: req.body,
      contentType: req.headers.get('content-type'),
      contentLength: req.headers.get('content-length'),
      filename: url.searchParams.get('filename'),
      signal: req.signal,
    }),
  { status: 201 },
);
