import { withApi } from '@/lib/api/with-api';
import { attachUserPolicy } from '@/lib/services/policies/attach-user-policy';
import { detachUserPolicy } from '@/lib/services/policies/detach-user-policy';

export const PUT = withApi<{ username: string; policy: string }>(async ({ app, actor, params }) =>
  attachUserPolicy(app, { actor, username: params.username, policy: params.policy }),
  { action: 'cr:ManagePolicy' },
);

export const DELETE = withApi<{ username: string; policy: string }>(async ({ app, actor, params }) =>
  detachUserPolicy(app, { actor, username: params.username, policy: params.policy }),
  { action: 'cr:ManagePolicy' },
);
