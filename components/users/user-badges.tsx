import type { UserDto } from '@/lib/schemas/users';
import { Badge } from '@/components/ui/badge';

export function UserStatusBadge({ user }: { user: UserDto }) {
  return user.disabled ? <Badge tone="red">disabled</Badge> : <Badge tone="green">active</Badge>;
}

export function UserRoleBadge({ user }: { user: UserDto }) {
  return user.isAdmin ? <Badge tone="teal">admin</Badge> : null;
}

const namespaces = (n: number) => (n === 1 ? '1 namespace' : `${n} namespaces`);

/** How many namespaces a user may own: admins have no limit; null is the installation's default. */
export function describeNamespaceLimit(limit: number | null, isAdmin: boolean, defaultLimit: number): string {
  if (isAdmin) return 'no limit (admin)';
  if (limit === null) return `${namespaces(defaultLimit)} (default)`;
  return namespaces(limit);
}
