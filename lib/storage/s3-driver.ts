import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { StorageNotFoundError, type StatResult, type StorageDriver, type WriteOptions, type WriteResult } from './driver';
import { checkPrefix, keySegments } from './key-rules';
import { checkBucket, createS3Client, describeS3Failure, isS3NotFound, s3Status, type S3Settings } from './s3-client';
import { assemble, concatRanges, deleteObjects, encodeKey, listSegments, MAX_COPY, MIN_PART, segmentObject, STAGING_DIR, type Segment } from './s3-staging';
import { guardSource, type GuardState } from './source';

const HEALTH_DIR = '.health';
/** Bytes held in memory per part while streaming a write; two parts may be in flight. */
const PART_SIZE = 8 * 1024 * 1024;

/**
 * Stores keys in an S3 bucket. A key moved into place (every blob) is one object at `<prefix><key>`, so it can be
 * served by a presigned URL; a key being written (an upload) is a series of segments, see s3-staging.ts.
 */
export class S3Driver implements StorageDriver {
  readonly name = 's3';
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly copyUnsupported = { value: false };
  /** Moves onto one target from this process, in order: see move(). */
  private readonly moving = new Map<string, Promise<void>>();

  constructor(private readonly settings: S3Settings, client?: S3Client) {
    if (!settings.bucket) throw new Error('an S3 bucket is required');
    this.client = client ?? createS3Client(settings);
    this.bucket = settings.bucket;
    this.prefix = settings.prefix;
  }

  /** Fails with one clear line when the bucket is missing, the credentials are refused or writes are not allowed. */
  async verify(): Promise<void> {
    await checkBucket(this.client, this.settings);
    await this.ping().catch((err: unknown) => {
      throw describeS3Failure(err, this.settings);
    });
  }

  async stat(key: string): Promise<StatResult | null> {
    checkKey(key);
    const plain = await this.head(this.objectOf(key));
    if (plain) return plain;
    const segments = await this.segmentsOf(key);
    if (segments.length === 0) return null;
    return { size: endOf(segments), modifiedAt: new Date(Math.max(...segments.map((s) => s.modifiedAt.getTime()))) };
  }

  async read(key: string, range: { start?: number; end?: number } = {}): Promise<Readable> {
    checkKey(key);
    const start = range.start ?? 0;
    const header = range.start === undefined && range.end === undefined ? undefined : `bytes=${start}-${range.end ?? ''}`;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectOf(key), Range: header }));
      return out.Body as Readable;
    } catch (err) {
      // 416: a range starting at or past the end (an empty object has no satisfiable range); the filesystem driver
      // answers an empty stream there, and so does this one.
      if (s3Status(err) === 416 && (await this.head(this.objectOf(key)))) return Readable.from([]);
      if (!isS3NotFound(err) && s3Status(err) !== 416) throw err;
    }
    const segments = await this.segmentsOf(key);
    if (segments.length === 0) throw new StorageNotFoundError(key);
    const end = Math.min(range.end ?? Infinity, endOf(segments) - 1);
    const pieces = segments
      .filter((s) => s.size > 0 && s.start <= end && s.start + s.size > start)
      .map((s) => ({ object: s.object, start: Math.max(0, start - s.start), end: Math.min(s.size - 1, end - s.start) }));
    return concatRanges(this.client, this.bucket, pieces);
  }

  async write(key: string, source: AsyncIterable<Uint8Array>, opts: WriteOptions = {}): Promise<WriteResult> {
    checkKey(key);
    const offset = opts.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`invalid write offset ${offset}`);
    const segments = await this.segmentsFor(key, offset);
    const size = endOf(segments);
    if (offset > size) throw new RangeError(`write offset ${offset} is past the stored length ${size}`);
    const kept = segments.filter((s) => s.start < offset);
    const last = kept.at(-1);
    // The new segment continues the last kept one when that one is cut by the offset or smaller than a part.
    const rewrite = last && (last.start + last.size > offset || last.size < MIN_PART) ? last : undefined;
    const start = rewrite ? rewrite.start : offset;
    const target = segmentObject(this.stagingOf(key), start);
    const dropped = segments.filter((s) => s.start >= offset && s.object !== target).map((s) => s.object);
    await deleteObjects(this.client, this.bucket, dropped);

    const state: GuardState = { written: 0 };
    const head = rewrite ? concatRanges(this.client, this.bucket, [{ object: rewrite.object, start: 0, end: offset - rewrite.start - 1 }]) : undefined;
    const body = Readable.from(chain(head, guardSource(source, opts, state)), { objectMode: false });
    await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: target, Body: body }, partSize: PART_SIZE, queueSize: 2 }).done();
    return state.error ? { written: state.written, error: state.error } : { written: state.written };
  }

  async move(from: string, to: string): Promise<void> {
    checkKey(from);
    checkKey(to);
    // Concurrent moves onto one key (clients pushing the same layer at once) end the same whether they overlap or
    // not: the last one wins. Running them one after another here costs little and spares servers that handle
    // concurrent writes to one key poorly (s3rver answers some of them with InternalError).
    const previous = this.moving.get(to) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(() => this.moveNow(from, to));
    const settled = current.catch(() => undefined);
    this.moving.set(to, settled);
    void settled.then(() => {
      if (this.moving.get(to) === settled) this.moving.delete(to);
    });
    return current;
  }

  private async moveNow(from: string, to: string): Promise<void> {
    const target = this.objectOf(to);
    const plain = await this.head(this.objectOf(from));
    if (plain) {
      await this.copy([{ object: this.objectOf(from), size: plain.size }], target);
      await this.removeSegments(to);
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectOf(from) }));
      return;
    }
    const segments = (await this.segmentsOf(from)).filter((s, i, all) => s.size > 0 || all.length === 1);
    if (segments.length === 0) throw new StorageNotFoundError(from);
    // CopyObject and CompleteMultipartUpload replace the target atomically: readers see the old object or the new.
    await this.copy(segments, target);
    await this.removeSegments(to);
    await deleteObjects(this.client, this.bucket, segments.map((s) => s.object));
    await this.removeSegments(from);
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectOf(key) }));
    await this.removeSegments(key);
  }

  async *list(prefix: string): AsyncGenerator<string> {
    checkPrefix(prefix);
    // Keys being written are few (uploads in progress), so they are collected first to skip them among the objects.
    const staged = new Set<string>();
    const stagingRoot = `${this.prefix}${STAGING_DIR}/`;
    for await (const object of this.objects(`${stagingRoot}${prefix}`)) {
      const key = object.slice(stagingRoot.length, object.lastIndexOf('/'));
      if (!staged.has(key)) {
        staged.add(key);
        yield key;
      }
    }
    for await (const object of this.objects(`${this.prefix}${prefix}`)) {
      const key = object.slice(this.prefix.length);
      if (isInternal(key) || staged.has(key)) continue;
      yield key;
    }
  }

  async redirectUrl(key: string, opts: { expiresInSeconds: number }): Promise<string | null> {
    checkKey(key);
    // Only whole objects have a URL: a key still being written is a series of segments.
    if (!this.settings.redirect || !(await this.head(this.objectOf(key)))) return null;
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: this.objectOf(key) }), { expiresIn: opts.expiresInSeconds });
  }

  async ping(): Promise<void> {
    const probe = `${this.prefix}${HEALTH_DIR}/${randomBytes(8).toString('hex')}`;
    const expected = randomBytes(16);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: probe, Body: expected }));
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: probe }));
      const actual = Buffer.from(await out.Body!.transformToByteArray());
      if (!actual.equals(expected)) throw new Error('storage probe read back different bytes');
    } finally {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: probe })).catch(() => undefined);
    }
  }

  /** The segments a write at `offset` continues; a whole object stored at the key becomes the first segment. */
  private async segmentsFor(key: string, offset: number): Promise<Segment[]> {
    const segments = await this.segmentsOf(key);
    if (segments.length > 0) return segments;
    const object = this.objectOf(key);
    const plain = await this.head(object);
    if (!plain) return [];
    if (offset === 0) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object }));
      return [];
    }
    const first = segmentObject(this.stagingOf(key), 0);
    await this.copy([{ object, size: plain.size }], first);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object }));
    return [{ object: first, start: 0, size: plain.size, modifiedAt: plain.modifiedAt }];
  }

  private async copy(sources: Array<{ object: string; size: number }>, target: string): Promise<void> {
    const only = sources.length === 1 ? sources[0]! : undefined;
    if (only && only.size <= MAX_COPY) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: target, CopySource: `${this.bucket}/${encodeKey(only.object)}` }));
      return;
    }
    await assemble(this.client, this.bucket, sources, target, { partSize: PART_SIZE, copyUnsupported: this.copyUnsupported });
  }

  private async head(object: string): Promise<StatResult | null> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: object }));
      return { size: out.ContentLength ?? 0, modifiedAt: out.LastModified ?? new Date(0) };
    } catch (err) {
      if (isS3NotFound(err)) return null;
      throw err;
    }
  }

  private async removeSegments(key: string): Promise<void> {
    const segments = await this.segmentsOf(key);
    await deleteObjects(this.client, this.bucket, segments.map((s) => s.object));
  }

  private segmentsOf(key: string): Promise<Segment[]> {
    return listSegments(this.client, this.bucket, this.stagingOf(key));
  }

  private async *objects(prefix: string): AsyncGenerator<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) yield o.Key!;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  private objectOf(key: string): string {
    return `${this.prefix}${key}`;
  }

  private stagingOf(key: string): string {
    return `${this.prefix}${STAGING_DIR}/${key}/`;
  }
}

/** Keys are the filesystem driver's, minus the driver's own top-level directories. */
function checkKey(key: string): void {
  keySegments(key);
  if (isInternal(key)) throw new Error('invalid storage key');
}

function isInternal(key: string): boolean {
  const first = key.split('/', 1)[0];
  return first === STAGING_DIR || first === HEALTH_DIR;
}

function endOf(segments: Segment[]): number {
  const last = segments.at(-1);
  return last ? last.start + last.size : 0;
}

async function* chain(head: Readable | undefined, rest: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (head) for await (const chunk of head) yield chunk as Uint8Array;
  yield* rest;
}
