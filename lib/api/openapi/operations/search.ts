import { searchQuerySchema, searchResultSchema } from '@/lib/schemas/search';
import type { ApiOperation } from '../operation';

export const searchOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/api/v1/search',
    summary:
      'Repositories and tags whose names contain `q` (at most 128 characters), among those the caller may read; `repo:tag` ' +
      'finds tags containing `tag` in repositories containing `repo`. Exact and prefix matches first; at most `limit` of each.',
    tag: 'search',
    query: searchQuerySchema,
    response: searchResultSchema,
  },
];
