import { permissionListSchema, permissionSchema, setPermissionSchema } from '@/lib/schemas/permissions';
import type { ApiOperation } from '../operation';

/** The grant operations on one namespace or repository (`base`, its path), listed under that resource's tag. */
export function permissionOperations(base: string, tag: string, what: 'namespace' | 'repository'): ApiOperation[] {
  const one = `${base}/permissions/{username}`;
  return [
    { method: 'get', path: `${base}/permissions`, summary: `List grants on a ${what}`, tag, action: 'cr:ManagePermission', response: permissionListSchema },
    { method: 'put', path: one, summary: `Grant a user read, write or admin on a ${what}`, tag, action: 'cr:ManagePermission', body: setPermissionSchema, response: permissionSchema },
    { method: 'delete', path: one, summary: `Revoke a user's grant on a ${what}`, tag, action: 'cr:ManagePermission', status: 204 },
  ];
}
