import { withApi } from '@/lib/api/with-api';
import { AppError } from '@/lib/errors/app-error';
import { receiveBuildHook } from '@/lib/services/builds/receive-build-hook';

type Params = { ruleId: string };

// Push payloads of large pushes run to a few MiB; more is refused before it is read.
const MAX_HOOK_BYTES = 5 * 1024 * 1024;

/** Source push webhooks (GitHub, GitLab, Gitea, Gitee): signed with the rule's secret, no session or token. */
export const POST = withApi<Params>(
  async ({ app, actor, params, req }) => {
    if (Number(req.headers.get('content-length') ?? 0) > MAX_HOOK_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'the webhook body is larger than 5 MiB');
    const body = Buffer.from(await req.arrayBuffer());
    if (body.length > MAX_HOOK_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', 'the webhook body is larger than 5 MiB');
    return receiveBuildHook(app, { actor, ruleId: params.ruleId, headers: req.headers, body });
  },
  { public: true, status: 202 },
);
