import { notFound } from 'next/navigation';
import { listPolicies } from '@/lib/services/policies/list-policies';
import { listUsers } from '@/lib/services/users/list-users';
import { UserDetail } from '@/components/users/user-detail';
import { namedPageRequest } from '../../named-page-request';
import { titledBy } from '../../page-params';
import { mayOnInstance } from '../instance-access';

type Props = { params: Promise<{ username: string }> };

export const generateMetadata = titledBy('username');

export default async function UserPage(props: Props) {
  const { name: username, app, actor } = await namedPageRequest(props, 'username', 'cr:ManageUser');
  // Attaching policies is cr:ManagePolicy, which a user manager might not have: then the card is left out.
  const [users, policies] = await Promise.all([
    listUsers(app, { actor }),
    mayOnInstance(app, actor, 'cr:ManagePolicy').then((may) => (may ? listPolicies(app, { actor }) : undefined)),
  ]);
  if (!users.some((u) => u.username === username)) notFound();
  return <UserDetail username={username} initialUsers={users} initialPolicies={policies} defaultLimit={app.config.namespaceLimit} />;
}
