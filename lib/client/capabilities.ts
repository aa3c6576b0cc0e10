// What the signed-in user may do on the namespace or repository a page shows. Computed on the server by the page
// (app/(console)/capabilities.ts) and handed to the client components, which offer only what is allowed.

export interface RepositoryCapabilities {
  push: boolean;
  update: boolean;
  deleteTag: boolean;
  deleteRepository: boolean;
  managePermissions: boolean;
  /** See the repository's webhooks and their delivery log (cr:ListWebhook). */
  viewWebhooks: boolean;
  createWebhook: boolean;
  updateWebhook: boolean;
  deleteWebhook: boolean;
  /** Start a scan (cr:ScanImage). */
  scan: boolean;
  /** Read scan reports and see severity badges (cr:GetScanReport). */
  viewScanReport: boolean;
  /** See and change build rules (cr:ManageBuildRule). */
  manageBuildRules: boolean;
  /** Start, follow and cancel builds, and see their history (cr:RunBuild). */
  runBuilds: boolean;
}

export interface NamespaceCapabilities {
  update: boolean;
  delete: boolean;
  managePermissions: boolean;
  createRepository: boolean;
  viewWebhooks: boolean;
  createWebhook: boolean;
  updateWebhook: boolean;
  deleteWebhook: boolean;
}
