import type { Metadata } from 'next';
import { getAppContext } from '@/lib/server/app-context-global';
import { getPolicy } from '@/lib/services/policies/get-policy';
import { PolicyDetail } from '@/components/policies/policy-detail';
import { getConsoleActor } from '../../console-user';
import { loadOrNotFound } from '../../load-or-not-found';
import { requireOnInstance } from '../../users/instance-access';
import { resourcePrefix } from '../resource-prefix';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function PolicyPage({ params }: Props) {
  const name = decodeURIComponent((await params).name);
  const app = getAppContext();
  const actor = await getConsoleActor();
  await requireOnInstance(app, actor, 'cr:ManagePolicy');
  const policy = await loadOrNotFound(() => getPolicy(app, { actor, name }));
  return <PolicyDetail initial={policy} resourcePrefix={resourcePrefix(app)} />;
}
