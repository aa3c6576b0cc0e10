import { z } from 'zod';
import { vulnDbStatusSchema, vulnImportSchema } from '@/lib/schemas/vulndb';
import type { ApiOperation } from '../operation';

export const vulnDbOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/vulndb',
    summary: 'Vulnerability data the scanner matches against: records per ecosystem, age, recent imports (administrators only)',
    tag: 'vulnerability data',
    response: vulnDbStatusSchema,
  },
  {
    method: 'post',
    path: '/api/v1/vulndb/imports',
    summary:
      'Import OSV records: the body is an OSV zip export (one record per entry) or a JSON file (a record or an array). ' +
      'Unchanged records are left alone; invalid ones are counted and skipped. 413 above BERTH_VULNDB_UPLOAD_MAX_BYTES. ' +
      'Answers 201 with the finished run, or, when the import takes longer than BERTH_VULNDB_UPLOAD_WAIT_SECONDS, 202 with ' +
      'the run still importing in the background: follow it in GET /api/v1/vulndb.',
    tag: 'vulnerability data',
    action: 'cr:ManageUser',
    query: z.object({ filename: z.string().max(255).optional().describe('Names the source in the import history') }),
    rawBody: { contentTypes: ['application/zip', 'application/json'] },
    response: vulnImportSchema,
    status: 201,
  },
];
