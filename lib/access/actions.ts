/**
 * Every action Berth authorizes, named in the RAM style (`cr:<Verb><Noun>`). Policies, grants, the registry
 * protocol and the console all speak these names, so adding a capability starts here.
 */
export const ACTIONS = [
  'cr:PullRepository',
  'cr:PushRepository',
  'cr:GetRepository',
  'cr:ListRepository',
  'cr:CreateRepository',
  'cr:UpdateRepository',
  'cr:DeleteRepository',
  'cr:ListTag',
  'cr:GetTag',
  'cr:DeleteTag',
  'cr:DeleteManifest',
  'cr:GetNamespace',
  'cr:ListNamespace',
  'cr:CreateNamespace',
  'cr:UpdateNamespace',
  'cr:DeleteNamespace',
  'cr:ManagePermission',
  'cr:CreateWebhook',
  'cr:GetWebhook',
  'cr:ListWebhook',
  'cr:UpdateWebhook',
  'cr:DeleteWebhook',
  'cr:ScanImage',
  'cr:GetScanReport',
  'cr:GetAudit',
  'cr:ManageUser',
  'cr:ManagePolicy',
  'cr:ManageBuildRule',
  'cr:RunBuild',
  // Lifecycle: garbage collection and storage settings of the installation (administrators).
  'cr:ManageStorage',
] as const;

export type Action = (typeof ACTIONS)[number];

const ACTION_SET: ReadonlySet<string> = new Set(ACTIONS);

export function isAction(value: string): value is Action {
  return ACTION_SET.has(value);
}

/** Ordered from least to most privilege; `levelAtLeast` relies on this order. */
export const LEVELS = ['read', 'write', 'admin'] as const;

export type Level = (typeof LEVELS)[number];

/** True when level `a` includes everything level `b` allows. */
export function levelAtLeast(a: Level, b: Level): boolean {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b);
}

const REPOSITORY_READ = [
  'cr:PullRepository',
  'cr:GetRepository',
  'cr:ListRepository',
  'cr:GetTag',
  'cr:ListTag',
  // Whoever may pull an image may know what is in it: the scan summary and report are read access, as on a public
  // registry's tag page. Starting a scan (work on the server) stays with admins.
  'cr:GetScanReport',
] as const satisfies readonly Action[];

// CreateRepository sits at write because a namespace writer creates repositories by pushing to a new name
// (Docker has no separate "create" step). On a grant for one existing repository it changes nothing.
const REPOSITORY_WRITE = [
  ...REPOSITORY_READ,
  'cr:PushRepository',
  'cr:CreateRepository',
] as const satisfies readonly Action[];

// Webhooks and starting scans stay at admin: webhook targets and secrets are operational details a puller does not
// need, and a scan is work the server does on request.
const REPOSITORY_ADMIN = [
  ...REPOSITORY_WRITE,
  'cr:DeleteTag',
  'cr:DeleteManifest',
  'cr:DeleteRepository',
  'cr:UpdateRepository',
  'cr:CreateWebhook',
  'cr:GetWebhook',
  'cr:ListWebhook',
  'cr:UpdateWebhook',
  'cr:DeleteWebhook',
  'cr:ManagePermission',
  'cr:ScanImage',
  // Builds push as the rule's owner and read its source with stored credentials: repository administration.
  'cr:ManageBuildRule',
  'cr:RunBuild',
] as const satisfies readonly Action[];

// GetNamespace at every level: someone who may read all repositories of a namespace must be able to open it,
// or the console would answer "not found" for the namespace whose contents they can pull.
const NAMESPACE_READ = ['cr:GetNamespace'] as const satisfies readonly Action[];

const NAMESPACE_ADMIN = [
  ...NAMESPACE_READ,
  'cr:UpdateNamespace',
  'cr:DeleteNamespace',
  'cr:ManagePermission',
] as const satisfies readonly Action[];

/**
 * What a grant at each level allows. Each level's list is complete (it repeats the lower levels).
 * - `repository`: actions on the granted repository; for a namespace grant, on every repository in the namespace.
 * - `namespace`: actions on the namespace resource itself; only namespace grants (and owners) reach these.
 */
export const LEVEL_ACTIONS: {
  readonly repository: Readonly<Record<Level, readonly Action[]>>;
  readonly namespace: Readonly<Record<Level, readonly Action[]>>;
} = {
  repository: { read: REPOSITORY_READ, write: REPOSITORY_WRITE, admin: REPOSITORY_ADMIN },
  namespace: { read: NAMESPACE_READ, write: NAMESPACE_READ, admin: NAMESPACE_ADMIN },
};
