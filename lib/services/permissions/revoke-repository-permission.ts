import type { Actor, AppContext } from '@/lib/services/context';
import { revokePermission } from './revoke-permission';

/** Removes a user's grant on a repository. Revoking a grant the user does not hold is not an error. */
export async function revokeRepositoryPermission(app: AppContext, input: { actor: Actor; name: string; username: string }): Promise<void> {
  await revokePermission(app, { ...input, scope: { kind: 'repository', name: input.name } });
}
