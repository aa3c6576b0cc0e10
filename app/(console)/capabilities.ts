import type { Action } from '@/lib/access/actions';
import type { NamespaceCapabilities, RepositoryCapabilities } from '@/lib/client/capabilities';
import type { Actor, AppContext } from '@/lib/services/context';
import { permits } from '@/lib/services/access/authorize';
import { requireNamespaceAction } from '@/lib/services/namespaces/require-namespace-action';
import { repositoryCapabilities as capabilitiesOf } from '@/lib/services/repositories/repository-capabilities';
import { requireRepositoryAction } from '@/lib/services/repositories/require-repository-action';

// What the signed-in user may do on the page's namespace or repository, decided by the gate every
// service authorizes with (lib/services/access/authorize.ts) (grants, ownership, policies, token limits). The REST API's DTOs carry no such hints;
// probing an endpoint instead would record a denied event in the audit log for every page view. A repository page
// gets its capabilities together with the repository (getRepositoryWithCapabilities).

/** Throws NOT_FOUND, like the services, when the repository is missing or hidden from the actor. */
export async function repositoryCapabilities(app: AppContext, actor: Actor, name: string): Promise<RepositoryCapabilities> {
  const { repository, profile } = await requireRepositoryAction(app, { actor, name, action: 'cr:GetRepository' });
  return capabilitiesOf(app, actor, profile, repository);
}

const NAMESPACE_ACTIONS = {
  update: 'cr:UpdateNamespace',
  delete: 'cr:DeleteNamespace',
  managePermissions: 'cr:ManagePermission',
  viewWebhooks: 'cr:ListWebhook',
  createWebhook: 'cr:CreateWebhook',
  updateWebhook: 'cr:UpdateWebhook',
  deleteWebhook: 'cr:DeleteWebhook',
} as const satisfies Record<Exclude<keyof NamespaceCapabilities, 'createRepository'>, Action>;

export async function namespaceCapabilities(app: AppContext, actor: Actor, name: string): Promise<NamespaceCapabilities> {
  const { namespace, profile } = await requireNamespaceAction(app, { actor, name, action: 'cr:GetNamespace' });
  const target = { kind: 'namespace', namespace } as const;
  const out = {} as NamespaceCapabilities;
  for (const [key, action] of Object.entries(NAMESPACE_ACTIONS)) out[key as keyof typeof NAMESPACE_ACTIONS] = permits(app, actor, profile, action, target);
  // Creating a repository is decided on the new repository's resource; a policy could single out names, so this
  // asks about an arbitrary new name and the form still shows the server's answer for the real one.
  out.createRepository = permits(app, actor, profile, 'cr:CreateRepository', {
    kind: 'repository',
    repository: { id: '', name: `${namespace.name}/new-repository`, namespaceId: namespace.id, visibility: 'PRIVATE' },
  });
  return out;
}
