import { parseBody, withApi } from '@/lib/api/with-api';
import { createNamespaceSchema } from '@/lib/schemas/namespaces';
import { createNamespace } from '@/lib/services/namespaces/create-namespace';
import { listNamespaces } from '@/lib/services/namespaces/list-namespaces';

export const GET = withApi(async ({ app, actor }) => listNamespaces(app, { actor }), { public: true });

export const POST = withApi(
  async ({ app, actor, req }) => createNamespace(app, { actor, data: await parseBody(req, createNamespaceSchema) }),
  { authorize: 'in-service', status: 201 },
);
