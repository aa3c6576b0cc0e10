import { getPolicy } from '@/lib/services/policies/get-policy';
import { PolicyDetail } from '@/components/policies/policy-detail';
import { namedPageRequest } from '../../named-page-request';
import { titledBy } from '../../page-params';
import { loadOrNotFound } from '../../load-or-not-found';
import { resourcePrefix } from '../resource-prefix';

type Props = { params: Promise<{ name: string }> };

export const generateMetadata = titledBy('name');

export default async function PolicyPage(props: Props) {
  const { name, app, actor } = await namedPageRequest(props, 'name', 'cr:ManagePolicy');
  const policy = await loadOrNotFound(() => getPolicy(app, { actor, name }));
  return <PolicyDetail initial={policy} resourcePrefix={resourcePrefix(app)} />;
}
