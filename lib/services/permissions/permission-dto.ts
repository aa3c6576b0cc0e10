import type { PermissionLevel } from '@/lib/db/generated/client';
import type { PermissionDto } from '@/lib/schemas/permissions';
import { fromDbLevel } from './permission-level';

/** The columns of a grant row the API shows. */
export const GRANT_SELECT = { level: true, createdAt: true } as const;

export function toPermissionDto(username: string, row: { level: PermissionLevel; createdAt: Date }): PermissionDto {
  return { username, level: fromDbLevel(row.level), createdAt: row.createdAt.toISOString() };
}
