import { RegistryError } from '@/lib/errors/registry-error';
import { mountBlob } from '@/lib/services/blobs/mount-blob';
import { appendUpload } from '@/lib/services/uploads/append-upload';
import { cancelUpload } from '@/lib/services/uploads/cancel-upload';
import { finishUpload } from '@/lib/services/uploads/finish-upload';
import { getUpload } from '@/lib/services/uploads/get-upload';
import { startUpload } from '@/lib/services/uploads/start-upload';
import { uploadMonolithic } from '@/lib/services/uploads/upload-monolithic';
import { rangeHeaders, type ChunkInput } from '@/lib/services/uploads/write-chunk';
import { contentLength, parseContentRange, sendEmpty } from '../http';
import type { RequestContext } from './types';

function uploadLocation(name: string, id: string): string {
  return `/v2/${name}/blobs/uploads/${id}`;
}

function blobCreated(ctx: RequestContext, name: string, digest: string): void {
  sendEmpty(ctx.res, 201, { Location: `/v2/${name}/blobs/${digest}`, 'Docker-Content-Digest': digest });
}

function sessionAccepted(ctx: RequestContext, name: string, id: string, size: number, status = 202): void {
  sendEmpty(ctx.res, status, {
    Location: uploadLocation(name, id),
    'Docker-Upload-UUID': id,
    ...rangeHeaders(size),
    'OCI-Chunk-Min-Length': '0',
  });
}

/** POST …/blobs/uploads/: cross-repository mount, monolithic upload with ?digest=, or a new session. */
export async function postUploadHandler(ctx: RequestContext, name: string): Promise<void> {
  const { app, actor, url, req } = ctx;
  const mount = url.searchParams.get('mount');
  if (mount !== null) {
    // Without `from`, the registry looks for the blob in any repository the caller may read (OCI 1.1).
    const from = url.searchParams.get('from') || undefined;
    if (await mountBlob(app, { actor, name, digest: mount, from })) return blobCreated(ctx, name, mount);
    // OCI: when the mount cannot be done, fall back to opening an upload session (202).
    const { id } = await startUpload(app, { actor, name });
    return sessionAccepted(ctx, name, id, 0);
  }
  const digest = url.searchParams.get('digest');
  if (digest !== null) {
    const result = await uploadMonolithic(app, { actor, name, digest, body: req, length: contentLength(req) });
    return blobCreated(ctx, name, result.digest);
  }
  const { id } = await startUpload(app, { actor, name });
  drain(req);
  sessionAccepted(ctx, name, id, 0);
}

export async function getUploadHandler(ctx: RequestContext, name: string, id: string): Promise<void> {
  const session = await getUpload(ctx.app, { actor: ctx.actor, name, id });
  sessionAccepted(ctx, name, session.id, session.size, 204);
}

export async function patchUploadHandler(ctx: RequestContext, name: string, id: string): Promise<void> {
  const chunk = chunkFrom(ctx);
  const { size } = await appendUpload(ctx.app, { actor: ctx.actor, name, id, chunk });
  sessionAccepted(ctx, name, id, size);
}

export async function putUploadHandler(ctx: RequestContext, name: string, id: string): Promise<void> {
  const length = contentLength(ctx.req);
  const hasBody = (length !== undefined && length > 0) || (length === undefined && ctx.req.headers['transfer-encoding'] !== undefined);
  const chunk = hasBody ? chunkFrom(ctx) : undefined;
  if (!hasBody) drain(ctx.req);
  const { digest } = await finishUpload(ctx.app, { actor: ctx.actor, name, id, digest: ctx.url.searchParams.get('digest'), chunk });
  blobCreated(ctx, name, digest);
}

export async function deleteUploadHandler(ctx: RequestContext, name: string, id: string): Promise<void> {
  await cancelUpload(ctx.app, { actor: ctx.actor, name, id });
  sendEmpty(ctx.res, 204);
}

function chunkFrom(ctx: RequestContext): ChunkInput {
  const range = parseContentRange(ctx.req.headers['content-range']);
  const length = contentLength(ctx.req);
  if (range && range.end < range.start) throw new RegistryError('BLOB_UPLOAD_INVALID', 'Content-Range end is before its start');
  return { body: ctx.req, range, length };
}

function drain(req: RequestContext['req']): void {
  req.resume();
}
