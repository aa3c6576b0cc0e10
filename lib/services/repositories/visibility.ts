import type { Visibility } from '@/lib/db/generated/client';
import type { VisibilityValue } from '@/lib/schemas/namespaces';

// The API speaks lowercase (`public`), as it does for permission levels; the database keeps Prisma's enum.
export function toDbVisibility(v: VisibilityValue): Visibility {
  return v === 'public' ? 'PUBLIC' : 'PRIVATE';
}

export function fromDbVisibility(v: Visibility | string): VisibilityValue {
  return v === 'PUBLIC' ? 'public' : 'private';
}
