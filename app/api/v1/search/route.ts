import { parseQuery, withApi } from '@/lib/api/with-api';
import { searchQuerySchema } from '@/lib/schemas/search';
import { searchRegistry } from '@/lib/services/search/search-registry';

export const GET = withApi(async ({ app, actor, url }) => searchRegistry(app, { actor, query: parseQuery(url, searchQuerySchema) }), {
  authorize: 'in-service',
});
