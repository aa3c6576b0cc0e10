import { listPermissions, revokePermission, setPermission } from '@/lib/client/permissions-api';
import { queryKeys } from '@/lib/client/query-keys';
import { namespaceApiPath, repositoryApiPath } from '@/lib/paths/repository-paths';
import type { PermissionsApi } from './permissions-editor';

const RESOURCES = {
  namespace: { queryKey: queryKeys.namespaces.permissions, apiPath: namespaceApiPath },
  repository: { queryKey: queryKeys.repositories.permissions, apiPath: repositoryApiPath },
};

/** The REST API of the grants on one namespace or repository, as the PermissionsEditor calls it. */
export function permissionsApi(kind: keyof typeof RESOURCES, name: string): PermissionsApi {
  const resource = RESOURCES[kind];
  const path = resource.apiPath(name);
  return {
    queryKey: resource.queryKey(name),
    list: (signal) => listPermissions(path, signal),
    set: (username, level) => setPermission(path, username, level),
    revoke: (username) => revokePermission(path, username),
  };
}
