import {
  createRepositorySchema,
  listRepositoriesQuerySchema,
  listTagsQuerySchema,
  repositoryListSchema,
  repositorySchema,
  tagDetailSchema,
  tagListSchema,
  updateRepositorySchema,
} from '@/lib/schemas/repositories';
import type { ApiOperation } from '../operation';
import { permissionOperations } from './permissions';

// `{repository}` may contain `/`, percent-encoded: /api/v1/repositories/team/tools%2Fcli
const REPO = '/api/v1/repositories/{namespace}/{repository}';

export const repositoryOperations: ApiOperation[] = [
  { method: 'get', path: '/api/v1/repositories', summary: 'List repositories you can read (anonymous callers: public ones), a page at a time', tag: 'repositories', action: 'cr:GetRepository', query: listRepositoriesQuerySchema, response: repositoryListSchema },
  { method: 'post', path: '/api/v1/repositories', summary: 'Create an empty repository', tag: 'repositories', action: 'cr:CreateRepository', body: createRepositorySchema, response: repositorySchema, status: 201 },
  { method: 'get', path: REPO, summary: 'Get a repository with its description', tag: 'repositories', action: 'cr:GetRepository', response: repositorySchema },
  { method: 'patch', path: REPO, summary: 'Change summary, description (Markdown, at most 100 KB) or visibility', tag: 'repositories', action: 'cr:UpdateRepository', body: updateRepositorySchema, response: repositorySchema },
  { method: 'delete', path: REPO, summary: 'Delete a repository with its tags and manifests', tag: 'repositories', action: 'cr:DeleteRepository', status: 204 },
  { method: 'get', path: `${REPO}/tags`, summary: 'List tags with digest, size, platforms and pusher, a page at a time', tag: 'tags', action: 'cr:ListTag', query: listTagsQuerySchema, response: tagListSchema },
  { method: 'get', path: `${REPO}/tags/{tag}`, summary: 'Get a tag with its manifest: layers, config, children, annotations, referrers', tag: 'tags', action: 'cr:GetTag', response: tagDetailSchema },
  { method: 'get', path: `${REPO}/tags/{tag}/platforms/{digest}`, summary: 'One platform of the index a tag points at (a child manifest digest): its layers, config and size, like a tag of its own', tag: 'tags', action: 'cr:GetTag', response: tagDetailSchema },
  { method: 'delete', path: `${REPO}/tags/{tag}`, summary: 'Delete a tag; the manifest stays', tag: 'tags', action: 'cr:DeleteTag', status: 204 },
  ...permissionOperations(REPO, 'repositories', 'repository'),
];
