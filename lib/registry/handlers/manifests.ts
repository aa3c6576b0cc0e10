import { RegistryError } from '@/lib/errors/registry-error';
import { MT } from '@/lib/oci/media-types';
import { deleteManifest } from '@/lib/services/manifests/delete-manifest';
import { getManifest } from '@/lib/services/manifests/get-manifest';
import { MAX_MANIFEST_BYTES, putManifest } from '@/lib/services/manifests/put-manifest';
import { API_VERSION_HEADER, readBody, sendEmpty } from '../http';
import type { RequestContext } from './types';

export async function getManifestHandler(ctx: RequestContext, name: string, reference: string): Promise<void> {
  const { req, res } = ctx;
  const isHead = req.method === 'HEAD';
  const m = await getManifest(ctx.app, { actor: ctx.actor, name, reference, withContent: !isHead });
  if (!accepts(req.headers.accept, m.mediaType)) {
    throw new RegistryError('MANIFEST_UNKNOWN', `manifest is ${m.mediaType}, which the request's Accept header does not list`);
  }
  res.writeHead(200, {
    ...API_VERSION_HEADER,
    'Content-Type': m.mediaType,
    'Content-Length': String(m.size),
    'Docker-Content-Digest': m.digest,
    ETag: `"${m.digest}"`,
  });
  res.end(isHead ? undefined : Buffer.from(m.content!));
}

export async function putManifestHandler(ctx: RequestContext, name: string, reference: string): Promise<void> {
  const body = await readBody(
    ctx.req,
    MAX_MANIFEST_BYTES,
    () => new RegistryError('MANIFEST_INVALID', `manifest is larger than ${MAX_MANIFEST_BYTES} bytes`, undefined, 413),
  );
  const result = await putManifest(ctx.app, { actor: ctx.actor, name, reference, body, contentType: ctx.req.headers['content-type'] });
  sendEmpty(ctx.res, 201, {
    Location: `/v2/${name}/manifests/${result.digest}`,
    'Docker-Content-Digest': result.digest,
    ...(result.subject ? { 'OCI-Subject': result.subject } : {}),
  });
}

export async function deleteManifestHandler(ctx: RequestContext, name: string, reference: string): Promise<void> {
  await deleteManifest(ctx.app, { actor: ctx.actor, name, reference });
  sendEmpty(ctx.res, 202);
}

/**
 * Content negotiation: a client that lists media types gets a manifest only in one of them. No Accept header, or
 * a wildcard, accepts anything. Docker and OCI image types are not converted into one another.
 */
function accepts(header: string | undefined, mediaType: string): boolean {
  if (!header) return true;
  const listed = header.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase()).filter(Boolean);
  if (listed.length === 0) return true;
  if (listed.includes('*/*') || listed.includes('application/*')) return true;
  if (listed.includes(mediaType)) return true;
  // Clients that ask for application/json (old tools, curl) get whatever is stored.
  return listed.includes('application/json') && mediaType !== MT.dockerSchema1Signed;
}
