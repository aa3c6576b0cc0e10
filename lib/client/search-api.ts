import type { SearchResultDto } from '@/lib/schemas/search';
import { apiFetch, withQuery } from './api-fetch';

export const searchRegistry = (q: string, signal?: AbortSignal) => apiFetch<SearchResultDto>(withQuery('/api/v1/search', { q }), { signal });
