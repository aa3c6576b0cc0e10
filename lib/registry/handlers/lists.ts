import { listReferrers } from '@/lib/services/manifests/list-referrers';
import { listRepositoryNames } from '@/lib/services/repositories/list-repository-names';
import { listTagNames } from '@/lib/services/tags/list-tag-names';
import { MT } from '@/lib/oci/media-types';
import { nextLink, parsePaging, sendJson } from '../http';
import type { RequestContext } from './types';

export async function getTagsHandler(ctx: RequestContext, name: string): Promise<void> {
  const paging = parsePaging(ctx.url);
  const { tags, more } = await listTagNames(ctx.app, { actor: ctx.actor, name, ...paging });
  const headers: Record<string, string> = {};
  if (more && paging.n && tags.length) headers.Link = nextLink(`/v2/${name}/tags/list`, paging.n, tags[tags.length - 1]!);
  sendJson(ctx.res, 200, { name, tags }, headers);
}

export async function getCatalogHandler(ctx: RequestContext): Promise<void> {
  const paging = parsePaging(ctx.url);
  const { repositories, more } = await listRepositoryNames(ctx.app, { actor: ctx.actor, ...paging });
  const headers: Record<string, string> = {};
  if (more && paging.n && repositories.length) {
    headers.Link = nextLink('/v2/_catalog', paging.n, repositories[repositories.length - 1]!);
  }
  sendJson(ctx.res, 200, { repositories }, headers);
}

export async function getReferrersHandler(ctx: RequestContext, name: string, digest: string): Promise<void> {
  const artifactType = ctx.url.searchParams.get('artifactType') ?? undefined;
  const manifests = await listReferrers(ctx.app, { actor: ctx.actor, name, digest, artifactType });
  sendJson(
    ctx.res,
    200,
    { schemaVersion: 2, mediaType: MT.ociIndex, manifests },
    { 'Content-Type': MT.ociIndex, ...(artifactType ? { 'OCI-Filters-Applied': 'artifactType' } : {}) },
  );
}
