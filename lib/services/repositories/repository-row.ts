import type { Visibility } from '@/lib/db/generated/client';

/** The repository fields the registry protocol needs on every request. */
export interface RepositoryRow {
  id: string;
  name: string;
  namespaceId: string;
  visibility: Visibility;
}

export const REPOSITORY_ROW_SELECT = { id: true, name: true, namespaceId: true, visibility: true } as const;
