import { absent } from '@/lib/errors/domain-error';
import type { PolicyDto } from '@/lib/schemas/policies';
import type { Actor, AppContext } from '@/lib/services/context';
import { requireAction } from '@/lib/services/access/require-action';
import { findPolicy } from './find-policy';

export async function getPolicy(app: AppContext, input: { actor: Actor; name: string }): Promise<PolicyDto> {
  await requireAction(app, { actor: input.actor, action: 'cr:ManagePolicy', target: { kind: 'instance' } });
  const policy = await findPolicy(app, input.name);
  if (!policy) throw absent(`policy "${input.name}"`);
  return policy;
}
