import { copyTagResultSchema, copyTagSchema } from '@/lib/schemas/promotion';
import type { ApiOperation } from '../operation';

export const promotionOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/api/v1/repositories/{namespace}/{repository}/tags/{tag}/copy',
    summary:
      'Copy / promote the image a tag points at to another repository and tag (`{"to": "prod/app:1.4"}`), server-side: an ' +
      'index with all its children, with `withReferrers` its signatures and SBOMs too; no byte is re-uploaded. Needs pull ' +
      'here and push at the target, whose immutable tags and quota apply; fires image.pushed there.',
    tag: 'tags',
    action: 'cr:PullRepository (source), cr:PushRepository (target)',
    body: copyTagSchema,
    response: copyTagResultSchema,
    status: 201,
  },
];
