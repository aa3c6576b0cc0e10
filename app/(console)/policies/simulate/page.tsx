import type { Metadata } from 'next';
import { Suspense } from 'react';
import { getAppContext } from '@/lib/server/app-context-global';
import { PolicySimulator } from '@/components/policies/policy-simulator';
import { getConsoleActor } from '../../console-user';
import { requireOnInstance } from '../../users/instance-access';
import { resourcePrefix } from '../resource-prefix';

export const metadata: Metadata = { title: 'Policy simulator' };

export default async function PolicySimulatorPage() {
  const app = getAppContext();
  await requireOnInstance(app, await getConsoleActor(), 'cr:ManagePolicy');
  return (
    // useSearchParams (the form can be prefilled from a link) needs a boundary.
    <Suspense>
      <PolicySimulator resourcePrefix={resourcePrefix(app)} />
    </Suspense>
  );
}
