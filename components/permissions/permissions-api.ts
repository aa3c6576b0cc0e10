import { listNamespacePermissions, revokeNamespacePermission, setNamespacePermission } from '@/lib/client/namespaces-api';
import { queryKeys } from '@/lib/client/query-keys';
import { listRepositoryPermissions, revokeRepositoryPermission, setRepositoryPermission } from '@/lib/client/repositories-api';
import type { PermissionsApi } from './permissions-editor';

const CLIENTS = {
  namespace: {
    queryKey: queryKeys.namespaces.permissions,
    list: listNamespacePermissions,
    set: setNamespacePermission,
    revoke: revokeNamespacePermission,
  },
  repository: {
    queryKey: queryKeys.repositories.permissions,
    list: listRepositoryPermissions,
    set: setRepositoryPermission,
    revoke: revokeRepositoryPermission,
  },
};

/** The REST API of the grants on one namespace or repository, as the PermissionsEditor calls it. */
export function permissionsApi(kind: keyof typeof CLIENTS, name: string): PermissionsApi {
  const client = CLIENTS[kind];
  return {
    queryKey: client.queryKey(name),
    list: (signal) => client.list(name, signal),
    set: (username, level) => client.set(name, username, level),
    revoke: (username) => client.revoke(name, username),
  };
}
