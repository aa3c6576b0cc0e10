'use client';

import type { PolicyDto } from '@/lib/schemas/policies';
import type { UserDto } from '@/lib/schemas/users';
import { EmptyState } from '@/components/ui/empty-state';
import { ButtonLink } from '@/components/ui/button';
import { UsersIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { RelativeTime } from '@/components/ui/relative-time';
import { useConsoleUser } from '@/components/shell/console-context';
import { UserAccountCard } from './user-account-card';
import { UserRoleBadge, UserStatusBadge } from './user-badges';
import { UserPoliciesCard } from './user-policies-card';
import { UserSettingsCard } from './user-settings-card';
import { useUser } from './use-user';

/** One user: account status and password, policies (for those who may manage them), role and limits. */
export function UserDetail({
  username,
  initialUsers,
  initialPolicies,
  defaultLimit,
}: {
  username: string;
  initialUsers: UserDto[];
  /** Absent when the viewer may not manage policies. */
  initialPolicies?: PolicyDto[];
  defaultLimit: number;
}) {
  const me = useConsoleUser();
  const { user } = useUser(username, initialUsers);
  if (!user) {
    return (
      <EmptyState icon={<UsersIcon className="size-5" />} title="User not found" className="mt-8" action={<ButtonLink href="/users">Back to users</ButtonLink>}>
        There is no user {username}.
      </EmptyState>
    );
  }
  const isSelf = user.username === me.username;
  return (
    <>
      <PageHeader
        parent={{ href: '/users', label: 'Users' }}
        title={<span className="font-mono">{user.username}</span>}
        badges={
          <>
            <UserRoleBadge user={user} />
            <UserStatusBadge user={user} />
          </>
        }
        description={
          <>
            Created <RelativeTime iso={user.createdAt} />
            {isSelf ? ' · this is you' : ''}
          </>
        }
      />
      <div className="space-y-6">
        <UserAccountCard user={user} isSelf={isSelf} />
        {initialPolicies ? <UserPoliciesCard user={user} initialPolicies={initialPolicies} /> : null}
        <UserSettingsCard key={`${user.isAdmin}-${user.namespaceLimit}`} user={user} isSelf={isSelf} defaultLimit={defaultLimit} />
      </div>
    </>
  );
}
