import { gcRunListSchema, gcRunSchema, requestGcSchema } from '@/lib/schemas/gc';
import type { ApiOperation } from '../operation';

export const gcOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/gc',
    summary:
      'Start a garbage collection run (answers 202 with it queued). It runs online, one at a time across instances: ' +
      'with deleteUntagged, untagged manifests no tag, index or kept referrer reaches go first; then blobs no manifest ' +
      'references, from the database and from storage. Nothing newer than gracePeriodSeconds (default 3600) is touched. ' +
      'dryRun counts what would go.',
    tag: 'storage',
    action: 'cr:ManageStorage',
    body: requestGcSchema,
    response: gcRunSchema,
    status: 202,
  },
  {
    method: 'get',
    path: '/api/v1/gc/runs',
    summary: 'Garbage collection runs, newest first, and the schedule of automatic runs (BERTH_GC_SCHEDULE)',
    tag: 'storage',
    action: 'cr:ManageStorage',
    response: gcRunListSchema,
  },
  {
    method: 'get',
    path: '/api/v1/gc/runs/{id}',
    summary: 'One garbage collection run: status, manifests and blobs deleted, bytes freed, duration, errors',
    tag: 'storage',
    action: 'cr:ManageStorage',
    response: gcRunSchema,
  },
];
