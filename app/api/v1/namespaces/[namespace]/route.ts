import { parseBody, parseQuery, withApi } from '@/lib/api/with-api';
import { deleteNamespaceSchema, updateNamespaceSchema } from '@/lib/schemas/namespaces';
import { deleteNamespace } from '@/lib/services/namespaces/delete-namespace';
import { getNamespace } from '@/lib/services/namespaces/get-namespace';
import { updateNamespace } from '@/lib/services/namespaces/update-namespace';

type Params = { namespace: string };

export const GET = withApi<Params>(async ({ app, actor, params }) => getNamespace(app, { actor, name: params.namespace }), { public: true });

export const PATCH = withApi<Params>(async ({ app, actor, req, params }) =>
  updateNamespace(app, { actor, name: params.namespace, data: await parseBody(req, updateNamespaceSchema) }),
  { authorize: 'in-service' },
);

// The typed confirmation comes as `?confirm=<name>` or a body `{confirm}`.
export const DELETE = withApi<Params>(async ({ app, actor, req, url, params }) => {
  const confirm = parseQuery(url, deleteNamespaceSchema).confirm ?? (await parseBody(req, deleteNamespaceSchema)).confirm;
  return deleteNamespace(app, { actor, name: params.namespace, confirm });
}, { authorize: 'in-service' });
