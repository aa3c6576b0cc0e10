import { ALL_OPERATIONS } from '@/lib/api/openapi/all-operations';
import { buildOpenApiDocument } from '@/lib/api/openapi/build-document';

export const dynamic = 'force-static';

export function GET() {
  return Response.json(buildOpenApiDocument(ALL_OPERATIONS, { version: '1' }));
}
