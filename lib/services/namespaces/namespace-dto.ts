import type { Visibility } from '@/lib/db/generated/client';
import type { NamespaceDto } from '@/lib/schemas/namespaces';
import { fromDbVisibility } from '@/lib/services/repositories/visibility';

export interface NamespaceStats {
  repositoryCount: number;
  storageBytes: number;
}

export const NAMESPACE_DTO_SELECT = {
  id: true,
  name: true,
  autoCreateRepository: true,
  defaultVisibility: true,
  scanOnPush: true,
  quotaBytes: true,
  createdAt: true,
  owner: { select: { username: true } },
} as const;

export function toNamespaceDto(
  ns: {
    id: string;
    name: string;
    autoCreateRepository: boolean;
    defaultVisibility: Visibility;
    scanOnPush: boolean;
    quotaBytes: bigint | null;
    createdAt: Date;
    owner: { username: string };
  },
  stats: NamespaceStats | undefined,
): NamespaceDto {
  return {
    id: ns.id,
    name: ns.name,
    owner: ns.owner.username,
    autoCreateRepository: ns.autoCreateRepository,
    defaultVisibility: fromDbVisibility(ns.defaultVisibility),
    scanOnPush: ns.scanOnPush,
    repositoryCount: stats?.repositoryCount ?? 0,
    storageBytes: stats?.storageBytes ?? 0,
    quotaBytes: ns.quotaBytes === null ? null : Number(ns.quotaBytes),
    createdAt: ns.createdAt.toISOString(),
  };
}
