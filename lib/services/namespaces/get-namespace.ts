import type { NamespaceDto } from '@/lib/schemas/namespaces';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadNamespaceDto } from './load-namespace-dto';
import { requireNamespaceAction } from './require-namespace-action';

export async function getNamespace(app: AppContext, input: { actor: Actor; name: string }): Promise<NamespaceDto> {
  const { namespace, profile } = await requireNamespaceAction(app, { actor: input.actor, name: input.name, action: 'cr:GetNamespace' });
  return loadNamespaceDto(app, { actor: input.actor, profile, id: namespace.id });
}
