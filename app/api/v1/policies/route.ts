import { parseBody, withApi } from '@/lib/api/with-api';
import { createPolicySchema } from '@/lib/schemas/policies';
import { createPolicy } from '@/lib/services/policies/create-policy';
import { listPolicies } from '@/lib/services/policies/list-policies';

export const GET = withApi(async ({ app, actor }) => ({ policies: await listPolicies(app, { actor }) }), { action: 'cr:ManagePolicy' });

export const POST = withApi(
  async ({ app, actor, req }) => createPolicy(app, { actor, data: await parseBody(req, createPolicySchema) }),
  { action: 'cr:ManagePolicy', status: 201 },
);
