import type { Action } from '@/lib/access/actions';
import { absent } from '@/lib/errors/domain-error';
import { isNamespaceName } from '@/lib/oci/names';
import type { Actor, AppContext } from '@/lib/services/context';
import { loadAccessProfile, type AccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import { requireAction } from '@/lib/services/access/require-action';
import { isNamespaceVisible } from './is-namespace-visible';

// The same words for a missing and a hidden namespace, so the answer tells nothing about which it was.
const NOT_FOUND_LABEL = 'namespace';

export interface NamespaceRef {
  id: string;
  name: string;
}

/**
 * The namespace `name`, if the actor may take `action` on it. Hidden means absent: a namespace the actor cannot see
 * (see isNamespaceVisible) is NOT_FOUND exactly like a missing one; a visible one is FORBIDDEN (UNAUTHORIZED when
 * anonymous). `cr:GetNamespace` is also satisfied by visibility through a readable repository.
 */
export async function requireNamespaceAction(
  app: AppContext,
  input: { actor: Actor; name: string; action: Action },
): Promise<{ namespace: NamespaceRef; profile: AccessProfile }> {
  const { actor, action } = input;
  const namespace = isNamespaceName(input.name)
    ? await app.db.namespace.findUnique({ where: { name: input.name }, select: { id: true, name: true } })
    : null;
  if (!namespace) throw absent(NOT_FOUND_LABEL);
  const profile = await loadAccessProfile(app, actor);
  const target = { kind: 'namespace', namespace } as const;
  if (permits(app, actor, profile, action, target)) return { namespace, profile };
  const visible = await isNamespaceVisible(app, { actor, profile, namespace });
  if (visible && action === 'cr:GetNamespace') return { namespace, profile };
  // Not allowed, so this audits the refusal and throws: NOT_FOUND when hidden (the namespace is not gettable then),
  // else FORBIDDEN or UNAUTHORIZED.
  await requireAction(app, { actor, action, target, profile, ...(visible ? {} : { hiddenUnless: 'cr:GetNamespace', notFoundLabel: NOT_FOUND_LABEL }) });
  throw absent(NOT_FOUND_LABEL);
}
