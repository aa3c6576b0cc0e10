import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';

/** Garbage collection and its history are the installation administrator's (`cr:ManageStorage` on the instance). */
export async function requireStorageAdmin(app: AppContext, actor: Actor): Promise<void> {
  await requireAction(app, { actor, action: 'cr:ManageStorage', target: { kind: 'instance' } });
}
