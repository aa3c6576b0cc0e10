import {
  createPolicySchema,
  policyListSchema,
  policySchema,
  simulateAccessSchema,
  simulationSchema,
  updatePolicySchema,
  userPoliciesSchema,
} from '@/lib/schemas/policies';
import type { ApiOperation } from '../operation';

export const policyOperations: ApiOperation[] = [
  { method: 'get', path: '/api/v1/policies', summary: 'Built-in and custom policies, with the users each is attached to', tag: 'policies', action: 'cr:ManagePolicy', response: policyListSchema },
  { method: 'post', path: '/api/v1/policies', summary: 'Create a custom policy; `document` is a JSON object or its JSON text', tag: 'policies', action: 'cr:ManagePolicy', body: createPolicySchema, response: policySchema, status: 201 },
  { method: 'get', path: '/api/v1/policies/{name}', summary: 'A policy', tag: 'policies', action: 'cr:ManagePolicy', response: policySchema },
  { method: 'put', path: '/api/v1/policies/{name}', summary: "Replace a custom policy's description and document (built-ins are read-only)", tag: 'policies', action: 'cr:ManagePolicy', body: updatePolicySchema, response: policySchema },
  { method: 'delete', path: '/api/v1/policies/{name}', summary: 'Delete a custom policy, detaching it from every user', tag: 'policies', action: 'cr:ManagePolicy', status: 204 },
  { method: 'put', path: '/api/v1/users/{username}/policies/{policy}', summary: 'Attach a policy to a user', tag: 'policies', action: 'cr:ManagePolicy', response: userPoliciesSchema },
  { method: 'delete', path: '/api/v1/users/{username}/policies/{policy}', summary: 'Detach a policy from a user', tag: 'policies', action: 'cr:ManagePolicy', response: userPoliciesSchema },
  {
    method: 'post',
    path: '/api/v1/policies/simulate',
    summary: 'Explain whether a user may take an action on a resource (any user with cr:ManagePolicy; yourself without it)',
    tag: 'policies',
    body: simulateAccessSchema,
    response: simulationSchema,
  },
];
