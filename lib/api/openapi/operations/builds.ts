import {
  buildHookResponseSchema,
  buildLogQuerySchema,
  buildLogSchema,
  buildPageSchema,
  buildRuleListSchema,
  buildRuleSchema,
  buildSchema,
  createBuildRuleSchema,
  listBuildsQuerySchema,
  runBuildSchema,
  updateBuildRuleSchema,
} from '@/lib/schemas/builds';
import type { ApiOperation } from '../operation';

const REPO = '/api/v1/repositories/{namespace}/{repository}';
const RULE = `${REPO}/build-rules/{id}`;
const BUILD = `${REPO}/builds/{id}`;

export const buildOperations: ApiOperation[] = [
  { method: 'get', path: `${REPO}/build-rules`, summary: 'List build rules (credentials and webhook secrets are never shown)', tag: 'builds', action: 'cr:ManageBuildRule', response: buildRuleListSchema },
  {
    method: 'post',
    path: `${REPO}/build-rules`,
    summary: 'Create a build rule; the caller becomes its owner. The response carries `webhookSecret` this once (generated unless given)',
    tag: 'builds',
    action: 'cr:ManageBuildRule',
    body: createBuildRuleSchema,
    response: buildRuleSchema,
    status: 201,
  },
  { method: 'get', path: RULE, summary: 'Get a build rule', tag: 'builds', action: 'cr:ManageBuildRule', response: buildRuleSchema },
  {
    method: 'patch',
    path: RULE,
    summary: 'Change a build rule; the caller becomes its owner. `source.credentials: null` removes them; `regenerateWebhookSecret` returns a new secret',
    tag: 'builds',
    action: 'cr:ManageBuildRule',
    body: updateBuildRuleSchema,
    response: buildRuleSchema,
  },
  { method: 'delete', path: RULE, summary: 'Delete a build rule (its builds stay in the history)', tag: 'builds', action: 'cr:ManageBuildRule', status: 204 },
  { method: 'post', path: `${RULE}/run`, summary: 'Build now: queue a build of a branch, tag or full commit id', tag: 'builds', action: 'cr:RunBuild', body: runBuildSchema, response: buildSchema, status: 202 },
  { method: 'get', path: `${REPO}/builds`, summary: 'Build history, newest first, paged by cursor', tag: 'builds', action: 'cr:RunBuild', query: listBuildsQuerySchema, response: buildPageSchema },
  { method: 'get', path: BUILD, summary: 'Get a build: status, ref, commit, tags produced, digest, durations, error', tag: 'builds', action: 'cr:RunBuild', response: buildSchema },
  {
    method: 'get',
    path: `${BUILD}/log`,
    summary: 'The build log from byte `offset` (at most 1 MiB per call); follow a running build by asking again from `nextOffset` until `complete`',
    tag: 'builds',
    action: 'cr:RunBuild',
    query: buildLogQuerySchema,
    response: buildLogSchema,
  },
  { method: 'post', path: `${BUILD}/cancel`, summary: 'Cancel a queued or running build (kills its buildah process tree)', tag: 'builds', action: 'cr:RunBuild', response: buildSchema, status: 202 },
  {
    method: 'post',
    path: '/api/v1/build-hooks/{ruleId}',
    summary:
      'Source push webhook (no session or token): GitHub `X-Hub-Signature-256`, GitLab `X-Gitlab-Token`, Gitea `X-Gitea-Signature` or Gitee `X-Gitee-Token` with the rule secret. Wrong signature → 401; a push the rule does not build → 202 `ignored` with why; a matching push queues a build of its commit',
    tag: 'builds',
    rawBody: { contentTypes: ['application/json'] },
    response: buildHookResponseSchema,
    status: 202,
  },
];
