import { z } from 'zod';
import type { ApiOperation } from './operation';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
    },
  },
} as const;

function schema(s: z.ZodType, io: 'input' | 'output') {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

export function buildOpenApiDocument(operations: readonly ApiOperation[], info: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (op.query) {
      for (const [name, s] of Object.entries(op.query.shape)) {
        params.push({ name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: schema(s as z.ZodType, 'input') as { type: string } });
      }
    }
    const status = String(op.status ?? 200);
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.action ? { description: `Requires \`${op.action}\`.` } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body, 'input') } } } } : {}),
      ...(op.rawBody
        ? { requestBody: { required: true, content: Object.fromEntries(op.rawBody.contentTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) } }
        : {}),
      responses: {
        [status]: status === '204' || !op.response
          ? { description: 'Success' }
          : { description: 'Success', content: { 'application/json': { schema: schema(op.response, 'output') } } },
        default: { description: 'Error', content: { 'application/json': { schema: ERROR_SCHEMA } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Berth API', version: info.version, description: 'Manage namespaces, repositories, access and more. Errors are `{error: {code, message, details?}}`.' },
    ...(info.serverUrl ? { servers: [{ url: info.serverUrl }] } : {}),
    components: {
      securitySchemes: {
        accessToken: { type: 'http', scheme: 'bearer', description: 'A personal access token (berth_pat_…)' },
        basic: { type: 'http', scheme: 'basic' },
      },
    },
    security: [{ accessToken: [] }, { basic: [] }],
    paths,
  };
}
