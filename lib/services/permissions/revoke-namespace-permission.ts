import type { Actor, AppContext } from '@/lib/services/context';
import { revokePermission } from './revoke-permission';

/** Removes a user's grant on a namespace. Revoking a grant the user does not hold is not an error. */
export async function revokeNamespacePermission(app: AppContext, input: { actor: Actor; namespace: string; username: string }): Promise<void> {
  await revokePermission(app, { ...input, scope: { kind: 'namespace', name: input.namespace } });
}
