import {
  createNamespaceSchema,
  deleteNamespaceSchema,
  namespaceListSchema,
  namespaceSchema,
  updateNamespaceSchema,
} from '@/lib/schemas/namespaces';
import type { ApiOperation } from '../operation';
import { permissionOperations } from './permissions';

const NS = '/api/v1/namespaces/{namespace}';

export const namespaceOperations: ApiOperation[] = [
  { method: 'get', path: '/api/v1/namespaces', summary: 'List the namespaces you can see, with your namespace limit', tag: 'namespaces', response: namespaceListSchema },
  { method: 'post', path: '/api/v1/namespaces', summary: 'Create a namespace you own (within your namespace limit)', tag: 'namespaces', action: 'cr:CreateNamespace', body: createNamespaceSchema, response: namespaceSchema, status: 201 },
  { method: 'get', path: NS, summary: 'Get a namespace', tag: 'namespaces', action: 'cr:GetNamespace', response: namespaceSchema },
  { method: 'patch', path: NS, summary: 'Change whether pushes create repositories, and their default visibility', tag: 'namespaces', action: 'cr:UpdateNamespace', body: updateNamespaceSchema, response: namespaceSchema },
  { method: 'delete', path: NS, summary: 'Delete a namespace and every repository in it; `confirm` must equal its name', tag: 'namespaces', action: 'cr:DeleteNamespace', query: deleteNamespaceSchema, status: 204 },
  ...permissionOperations(NS, 'namespaces', 'namespace'),
];
