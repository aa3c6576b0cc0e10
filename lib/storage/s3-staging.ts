import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Readable } from 'node:stream';

// How the S3 driver stores a key that was written (rather than moved into place): as "segments", complete objects
// named by the offset they start at, under STAGING_DIR/<key>/. Each write() call streams into one segment, so an
// upload's state lives wholly in the bucket between requests (nothing in memory, nothing a crashed instance holds)
// and any instance can continue it. Every segment but the last is at least MIN_PART bytes: a write that follows a
// smaller last segment rewrites it with the new bytes appended (the small "tail" is thus persisted, not buffered),
// so move() can assemble the segments into one object with a multipart upload whose parts meet S3's 5 MiB minimum.

export const STAGING_DIR = '.staging';
/** S3's smallest part (except the last) in a multipart upload. */
export const MIN_PART = 5 * 1024 * 1024;
/** S3's largest single copy (CopyObject) and largest part. */
export const MAX_COPY = 5 * 1024 ** 3;

export interface Segment {
  /** Object key in the bucket. */
  object: string;
  start: number;
  size: number;
  modifiedAt: Date;
}

export function segmentObject(stagingPrefix: string, start: number): string {
  // Zero-padded so that the bucket's lexical order is the offset order.
  return `${stagingPrefix}${String(start).padStart(16, '0')}`;
}

/** The segments of one key, in order. `stagingPrefix` is "<prefix>.staging/<key>/". */
export async function listSegments(client: S3Client, bucket: string, stagingPrefix: string): Promise<Segment[]> {
  const segments: Segment[] = [];
  let token: string | undefined;
  do {
    // The delimiter keeps out the segments of longer keys ("a/b" below "a/").
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: stagingPrefix, Delimiter: '/', ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      const name = o.Key!.slice(stagingPrefix.length);
      if (!/^\d{16}$/.test(name)) continue;
      segments.push({ object: o.Key!, start: Number(name), size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return segments.sort((a, b) => a.start - b.start);
}

export async function deleteObjects(client: S3Client, bucket: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) {
    const batch = keys.slice(i, i + 1000);
    const out = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
    );
    const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
    if (failed.length) throw new Error(`S3 refused to delete ${failed.length} object(s): ${failed[0]!.Code}`);
  }
}

/** Streams byte ranges of several objects as one stream, opening each object only when the previous one is done. */
export function concatRanges(client: S3Client, bucket: string, parts: Array<{ object: string; start: number; end: number }>): Readable {
  async function* gen() {
    for (const p of parts) {
      if (p.end < p.start) continue;
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: p.object, Range: `bytes=${p.start}-${p.end}` }));
      yield* out.Body as Readable;
    }
  }
  return Readable.from(gen(), { objectMode: false });
}

export interface AssembleOptions {
  partSize: number;
  /** Set once the server refused UploadPartCopy, so later assemblies stream straight away. */
  copyUnsupported: { value: boolean };
}

/**
 * Writes the concatenation of `sources` (each whole object, all but the last at least MIN_PART bytes) to `target`.
 * Server-side with UploadPartCopy where the server has it; otherwise (s3rver, some S3-compatible servers) the bytes
 * are streamed through this process, one part at a time.
 */
export async function assemble(client: S3Client, bucket: string, sources: Array<{ object: string; size: number }>, target: string, opts: AssembleOptions): Promise<void> {
  if (!opts.copyUnsupported.value) {
    try {
      await copyParts(client, bucket, sources, target);
      return;
    } catch (err) {
      if ((err as { name?: string }).name !== 'NotImplemented') throw err;
      opts.copyUnsupported.value = true;
    }
  }
  const body = concatRanges(client, bucket, sources.map((s) => ({ object: s.object, start: 0, end: s.size - 1 })));
  await new Upload({ client, params: { Bucket: bucket, Key: target, Body: body }, partSize: opts.partSize, queueSize: 2 }).done();
}

async function copyParts(client: S3Client, bucket: string, sources: Array<{ object: string; size: number }>, target: string): Promise<void> {
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: target }));
  try {
    const parts: Array<{ ETag: string; PartNumber: number }> = [];
    for (const s of sources) {
      // A source over S3's 5 GiB part limit is split into equal ranges, each far above the 5 MiB minimum.
      const pieces = Math.max(1, Math.ceil(s.size / MAX_COPY));
      const step = Math.ceil(s.size / pieces);
      for (let from = 0; from < s.size || (s.size === 0 && from === 0); from += step) {
        const to = Math.min(s.size, from + step) - 1;
        const out = await client.send(
          new UploadPartCopyCommand({
            Bucket: bucket,
            Key: target,
            UploadId,
            PartNumber: parts.length + 1,
            CopySource: `${bucket}/${encodeKey(s.object)}`,
            CopySourceRange: s.size === 0 ? undefined : `bytes=${from}-${to}`,
          }),
        );
        parts.push({ ETag: out.CopyPartResult!.ETag!, PartNumber: parts.length + 1 });
        if (s.size === 0) break;
      }
    }
    await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: target, UploadId, MultipartUpload: { Parts: parts } }));
  } catch (err) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: target, UploadId })).catch(() => undefined);
    throw err;
  }
}

/** A key as the x-amz-copy-source header wants it: URL-encoded, slashes kept. */
export function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
