import type { UserDto } from '@/lib/schemas/users';

export const USER_DTO_SELECT = {
  id: true,
  username: true,
  isAdmin: true,
  disabled: true,
  namespaceLimit: true,
  createdAt: true,
  policies: { select: { policyName: true }, orderBy: { policyName: 'asc' } },
} as const;

export function toUserDto(u: {
  id: string;
  username: string;
  isAdmin: boolean;
  disabled: boolean;
  namespaceLimit: number | null;
  createdAt: Date;
  policies: Array<{ policyName: string }>;
}): UserDto {
  return {
    id: u.id,
    username: u.username,
    isAdmin: u.isAdmin,
    disabled: u.disabled,
    namespaceLimit: u.namespaceLimit,
    policies: u.policies.map((p) => p.policyName),
    createdAt: u.createdAt.toISOString(),
  };
}
