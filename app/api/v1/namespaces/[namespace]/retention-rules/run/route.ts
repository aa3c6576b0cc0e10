import { parseBody, withApi } from '@/lib/api/with-api';
import { runRetentionSchema } from '@/lib/schemas/retention';
import { namespaceRuleScope } from '@/lib/services/immutability/require-rule-scope';
import { runRetention } from '@/lib/services/retention/run-retention';

type Params = { namespace: string };

// Applies the rules now (or, with dryRun, lists what they would remove), answering the removed tags and why.
export const POST = withApi<Params>(async ({ app, actor, params, req }) =>
  runRetention(app, { actor, scope: namespaceRuleScope(params), dryRun: (await parseBody(req, runRetentionSchema)).dryRun }),
  { authorize: 'in-service' },
);
