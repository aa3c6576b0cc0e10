import type { PermissionLevel } from '@/lib/db/generated/client';
import type { PermissionLevelValue } from '@/lib/schemas/permissions';

// The API speaks the access engine's lowercase levels; the database keeps Prisma's enum.
export function toDbLevel(level: PermissionLevelValue): PermissionLevel {
  return level === 'admin' ? 'ADMIN' : level === 'write' ? 'WRITE' : 'READ';
}

export function fromDbLevel(level: PermissionLevel): PermissionLevelValue {
  return level === 'ADMIN' ? 'admin' : level === 'WRITE' ? 'write' : 'read';
}
