import type { z } from 'zod';

/** One documented REST operation. The same zod schemas validate requests, so the document cannot drift. */
export interface ApiOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path with `{param}` placeholders, e.g. `/api/v1/users/{username}`. */
  path: string;
  summary: string;
  tag: string;
  /** The RAM action the service checks, shown in the description. */
  action?: string;
  body?: z.ZodType;
  /** A body sent as is (a file upload) rather than JSON, in one of these media types. */
  rawBody?: { contentTypes: readonly string[] };
  query?: z.ZodObject;
  response?: z.ZodType;
  /** Success status; 204 means no body. */
  status?: number;
}
