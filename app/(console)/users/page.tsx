import type { Metadata } from 'next';
import { getAppContext } from '@/lib/server/app-context-global';
import { listUsers } from '@/lib/services/users/list-users';
import { UserList } from '@/components/users/user-list';
import { getConsoleActor } from '../console-user';
import { requireOnInstance } from './instance-access';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const app = getAppContext();
  const actor = await getConsoleActor();
  await requireOnInstance(app, actor, 'cr:ManageUser');
  return <UserList initial={await listUsers(app, { actor })} defaultLimit={app.config.namespaceLimit} />;
}
