import type { ListRepositoriesQuery, ListTagsQuery } from '@/lib/schemas/repositories';
import type { WebhookScope } from './webhooks-api';

// Every React Query key the console uses, in one place, so a mutation invalidates exactly what it touched.
// Keys are hierarchical: invalidating a prefix (`repositories.all`) refreshes everything beneath it.

export type RepositoryListParams = Partial<ListRepositoriesQuery>;
export type TagListParams = Partial<ListTagsQuery>;

export const queryKeys = {
  me: ['me'] as const,
  namespaces: {
    all: ['namespaces'] as const,
    list: () => ['namespaces', 'list'] as const,
    detail: (name: string) => ['namespaces', 'detail', name] as const,
    permissions: (name: string) => ['namespaces', 'permissions', name] as const,
  },
  repositories: {
    all: ['repositories'] as const,
    lists: () => ['repositories', 'list'] as const,
    list: (params: RepositoryListParams) => ['repositories', 'list', params] as const,
    detail: (name: string) => ['repositories', 'detail', name] as const,
    tags: (name: string) => ['repositories', 'tags', name] as const,
    tagLists: (name: string) => ['repositories', 'tags', name, 'list'] as const,
    tagList: (name: string, params: TagListParams) => ['repositories', 'tags', name, 'list', params] as const,
    tag: (name: string, tag: string) => ['repositories', 'tags', name, 'detail', tag] as const,
    tagPlatform: (name: string, tag: string, digest: string) => ['repositories', 'tags', name, 'detail', tag, digest] as const,
    permissions: (name: string) => ['repositories', 'permissions', name] as const,
  },
  webhooks: {
    all: ['webhooks'] as const,
    list: (scope: WebhookScope) => ['webhooks', scope, 'list'] as const,
    /** One webhook and everything beneath it (its deliveries). */
    hook: (scope: WebhookScope, id: string) => ['webhooks', scope, 'hook', id] as const,
    detail: (scope: WebhookScope, id: string) => ['webhooks', scope, 'hook', id, 'detail'] as const,
    deliveries: (scope: WebhookScope, id: string) => ['webhooks', scope, 'hook', id, 'deliveries'] as const,
    deliveryLog: (scope: WebhookScope, id: string) => ['webhooks', scope, 'hook', id, 'deliveries', 'log'] as const,
    delivery: (scope: WebhookScope, id: string, deliveryId: string) => ['webhooks', scope, 'hook', id, 'deliveries', 'one', deliveryId] as const,
    /** Every list of recent events (a delivery shows in its repository's and its namespace's). */
    allEvents: ['webhooks', 'events'] as const,
    /** Recent push and tag-delete events of a repository, or of a namespace's repositories, with what each fired. */
    events: (scope: WebhookScope) => ['webhooks', 'events', scope] as const,
  },
  scans: {
    all: ['scans'] as const,
    /** The newest scan of the digest a tag points at (its report once it succeeded). */
    tag: (repository: string, tag: string) => ['scans', repository, tag] as const,
  },
  vulndb: {
    status: ['vulndb', 'status'] as const,
  },
  /** The start page: invalidated by nothing in particular, refreshed when opened. */
  overview: ['overview'] as const,
  /** Global search results for a query. */
  search: (q: string) => ['search', q] as const,
  /** User-name suggestions for granting access. */
  userSuggestions: (q: string) => ['users', 'suggest', q] as const,
};
