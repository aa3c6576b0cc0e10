import { getAppContext } from '@/lib/server/app-context-global';
import { getPolicy } from '@/lib/services/policies/get-policy';
import { PolicyDetail } from '@/components/policies/policy-detail';
import { getConsoleActor } from '../../console-user';
import { routeParam, titledBy } from '../../page-params';
import { loadOrNotFound } from '../../load-or-not-found';
import { requireOnInstance } from '../../users/instance-access';
import { resourcePrefix } from '../resource-prefix';

type Props = { params: Promise<{ name: string }> };

export const generateMetadata = titledBy('name');

export default async function PolicyPage(props: Props) {
  const name = await routeParam(props, 'name');
  const app = getAppContext();
  const actor = await getConsoleActor();
  await requireOnInstance(app, actor, 'cr:ManagePolicy');
  const policy = await loadOrNotFound(() => getPolicy(app, { actor, name }));
  return <PolicyDetail initial={policy} resourcePrefix={resourcePrefix(app)} />;
}
