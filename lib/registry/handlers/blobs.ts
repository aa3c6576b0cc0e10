import { pipeline } from 'node:stream/promises';
import { RegistryError } from '@/lib/errors/registry-error';
import { blobKey } from '@/lib/storage/keys';
import { deleteBlob } from '@/lib/services/blobs/delete-blob';
import { findBlob } from '@/lib/services/blobs/find-blob';
import { API_VERSION_HEADER, parseRange, sendEmpty } from '../http';
import type { RequestContext } from './types';

/** Lifetime of a presigned blob URL: long enough for a slow layer download to start, short enough not to be shared. */
const REDIRECT_SECONDS = 20 * 60;

export async function getBlobHandler(ctx: RequestContext, name: string, digest: string): Promise<void> {
  const { app, req, res, actor } = ctx;
  const blob = await findBlob(app, { actor, name, digest });
  const headers: Record<string, string> = {
    ...API_VERSION_HEADER,
    'Content-Type': 'application/octet-stream',
    'Docker-Content-Digest': blob.digest,
    ETag: `"${blob.digest}"`,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'max-age=31536000',
  };
  const range = parseRange(req.headers.range, blob.size);
  if (range === 'invalid') {
    throw new RegistryError('RANGE_INVALID', 'requested range not satisfiable').withHeaders({ 'Content-Range': `bytes */${blob.size}` });
  }
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...headers, 'Content-Length': String(blob.size) });
    res.end();
    return;
  }
  // With BERTH_S3_REDIRECT the client fetches the bytes from the bucket itself (it sends its Range header there too);
  // distribution answers the same way, with 307 so the method is kept.
  const location = await app.storage.redirectUrl?.(blobKey(blob.digest), { expiresInSeconds: REDIRECT_SECONDS });
  if (location) {
    res.writeHead(307, { ...API_VERSION_HEADER, 'Docker-Content-Digest': blob.digest, Location: location, 'Cache-Control': 'no-store' });
    res.end();
    return;
  }
  const stream = await app.storage.read(blobKey(blob.digest), range ?? undefined);
  if (range) {
    res.writeHead(206, { ...headers, 'Content-Length': String(range.end - range.start + 1), 'Content-Range': `bytes ${range.start}-${range.end}/${blob.size}` });
  } else {
    res.writeHead(200, { ...headers, 'Content-Length': String(blob.size) });
  }
  await pipeline(stream, res).catch(() => res.destroy());
}

export async function deleteBlobHandler(ctx: RequestContext, name: string, digest: string): Promise<void> {
  await deleteBlob(ctx.app, { actor: ctx.actor, name, digest });
  sendEmpty(ctx.res, 202, { 'Docker-Content-Digest': digest });
}
