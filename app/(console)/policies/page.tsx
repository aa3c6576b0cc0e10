import type { Metadata } from 'next';
import { getAppContext } from '@/lib/server/app-context-global';
import { listPolicies } from '@/lib/services/policies/list-policies';
import { PolicyList } from '@/components/policies/policy-list';
import { getConsoleActor } from '../console-user';
import { requireOnInstance } from '../users/instance-access';

export const metadata: Metadata = { title: 'Policies' };

export default async function PoliciesPage() {
  const app = getAppContext();
  const actor = await getConsoleActor();
  await requireOnInstance(app, actor, 'cr:ManagePolicy');
  return <PolicyList initial={await listPolicies(app, { actor })} />;
}
