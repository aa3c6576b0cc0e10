import { z } from 'zod';
import { visibilitySchema } from './namespaces';

// Global search (`GET /api/v1/search`): repositories and tags by name, among what the caller may read.

export const SEARCH_MAX_QUERY = 128;

export const searchQuerySchema = z.object({
  /** Part of a repository or tag name; `repo:tag` narrows tags to repositories matching `repo`. */
  q: z.string().trim().min(1, 'enter something to search for').max(SEARCH_MAX_QUERY, `at most ${SEARCH_MAX_QUERY} characters`),
  /** Most results of each kind. */
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  repositories: z.array(z.object({ name: z.string(), visibility: visibilitySchema, lastPushedAt: z.string().nullable() })),
  tags: z.array(z.object({ repository: z.string(), tag: z.string(), pushedAt: z.string() })),
});
export type SearchResultDto = z.infer<typeof searchResultSchema>;
