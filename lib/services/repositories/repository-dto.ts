import type { Visibility } from '@/lib/db/generated/client';
import type { RepositoryDto } from '@/lib/schemas/repositories';
import { fromDbVisibility } from './visibility';

export const REPOSITORY_DTO_SELECT = {
  id: true,
  name: true,
  visibility: true,
  summary: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  lastPushedAt: true,
  scanOnPush: true,
  namespace: { select: { name: true } },
  _count: { select: { tags: true, manifests: true } },
} as const;

export function toRepositoryDto(r: {
  id: string;
  name: string;
  visibility: Visibility;
  summary: string;
  description: string;
  createdAt: Date;
  updatedAt: Date;
  lastPushedAt: Date | null;
  scanOnPush: boolean | null;
  namespace: { name: string };
  _count: { tags: number; manifests: number };
}): RepositoryDto {
  return {
    id: r.id,
    name: r.name,
    namespace: r.namespace.name,
    visibility: fromDbVisibility(r.visibility),
    summary: r.summary,
    description: r.description,
    tagCount: r._count.tags,
    manifestCount: r._count.manifests,
    lastPushedAt: r.lastPushedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    scanOnPush: r.scanOnPush,
  };
}
