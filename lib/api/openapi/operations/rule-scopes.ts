/**
 * Where tag rules (immutability, retention) are set: on a namespace, for every repository in it, or on one
 * repository. Reading a scope's rules takes its Get action, changing them its Update action.
 */
export const RULE_SCOPES = [
  { base: '/api/v1/namespaces/{namespace}', read: 'cr:GetNamespace', write: 'cr:UpdateNamespace', what: 'every repository of a namespace' },
  { base: '/api/v1/repositories/{namespace}/{repository}', read: 'cr:GetRepository', write: 'cr:UpdateRepository', what: 'one repository' },
] as const;
