import { overviewSchema } from '@/lib/schemas/overview';
import type { ApiOperation } from '../operation';

export const overviewOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/overview',
    summary:
      'The console start page: namespaces and repositories the caller reaches, storage against quota in namespaces they ' +
      'administer, recent pushes, the most vulnerable readable images, recent webhook delivery failures; for ' +
      'installation administrators also stored bytes, job queue health and the vulnerability data\'s age',
    tag: 'overview',
    response: overviewSchema,
  },
];
