import type { Metadata } from 'next';
import { getAppContext } from '@/lib/server/app-context-global';
import { getStorageUsage } from '@/lib/services/gc/get-storage-usage';
import { listGcRuns } from '@/lib/services/gc/list-gc-runs';
import { StoragePage } from '@/components/storage/storage-page';
import { getConsoleActor } from '../console-user';
import { requireOnInstance } from '../users/instance-access';

export const metadata: Metadata = { title: 'Storage' };

/** Garbage collection and storage use: installation administrators only; anyone else gets the not-found page. */
export default async function StorageRoute() {
  const app = getAppContext();
  const actor = await getConsoleActor();
  await requireOnInstance(app, actor, 'cr:ManageStorage');
  const [runs, usage] = await Promise.all([listGcRuns(app, { actor }), getStorageUsage(app, { actor })]);
  return <StoragePage initial={runs} usage={usage} />;
}
