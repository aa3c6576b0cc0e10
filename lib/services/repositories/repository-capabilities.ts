import type { Action } from '@/lib/access/actions';
import type { RepositoryCapabilities } from '@/lib/client/capabilities';
import type { Actor, AppContext } from '@/lib/services/context';
import type { AccessProfile } from '@/lib/services/access/access-profile';
import { permits } from '@/lib/services/access/authorize';
import type { RepositoryRow } from './repository-row';

// What the signed-in user may do on a repository, decided by the gate every service authorizes with (lib/services/access/authorize.ts:
// grants, ownership, policies, token limits). The REST API's DTOs carry no such hints; probing an endpoint instead
// would record a denied event in the audit log for every page view.
const REPOSITORY_ACTIONS = {
  push: 'cr:PushRepository',
  update: 'cr:UpdateRepository',
  deleteTag: 'cr:DeleteTag',
  deleteRepository: 'cr:DeleteRepository',
  managePermissions: 'cr:ManagePermission',
  viewWebhooks: 'cr:ListWebhook',
  createWebhook: 'cr:CreateWebhook',
  updateWebhook: 'cr:UpdateWebhook',
  deleteWebhook: 'cr:DeleteWebhook',
  scan: 'cr:ScanImage',
  viewScanReport: 'cr:GetScanReport',
  manageBuildRules: 'cr:ManageBuildRule',
  runBuilds: 'cr:RunBuild',
} as const satisfies Record<keyof RepositoryCapabilities, Action>;

/** The capabilities for a repository the caller has already been allowed to see (`profile` from that check). */
export function repositoryCapabilities(app: AppContext, actor: Actor, profile: AccessProfile, repository: RepositoryRow): RepositoryCapabilities {
  const target = { kind: 'repository', repository } as const;
  const out = {} as RepositoryCapabilities;
  for (const [key, action] of Object.entries(REPOSITORY_ACTIONS)) out[key as keyof RepositoryCapabilities] = permits(app, actor, profile, action, target);
  return out;
}
