import { parseBody, withApi } from '@/lib/api/with-api';
import { updatePolicySchema } from '@/lib/schemas/policies';
import { deletePolicy } from '@/lib/services/policies/delete-policy';
import { getPolicy } from '@/lib/services/policies/get-policy';
import { updatePolicy } from '@/lib/services/policies/update-policy';

export const GET = withApi<{ name: string }>(async ({ app, actor, params }) => getPolicy(app, { actor, name: params.name }), { action: 'cr:ManagePolicy' });

export const PUT = withApi<{ name: string }>(async ({ app, actor, req, params }) =>
  updatePolicy(app, { actor, name: params.name, data: await parseBody(req, updatePolicySchema) }),
  { action: 'cr:ManagePolicy' },
);

export const DELETE = withApi<{ name: string }>(async ({ app, actor, params }) => deletePolicy(app, { actor, name: params.name }), { action: 'cr:ManagePolicy' });
