import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageLimitError, StorageNotFoundError, type StorageDriver } from '@/lib/storage/driver';

/**
 * Behaviour every StorageDriver must show, run by each driver's own test file against a fresh backend. Tests share
 * one driver (a bucket per test would be slow for S3) and keep apart by writing under random key prefixes.
 */
export function storageContract(
  name: string,
  makeDriver: () => Promise<{ driver: StorageDriver; cleanup: () => Promise<void> }>,
  /** Per-test timeout: a network backend (an S3 server on a busy machine) needs more than the default 5 s. */
  opts: { timeout?: number } = {},
): void {
  describe(`storage contract: ${name}`, { timeout: opts.timeout }, () => {
    let driver: StorageDriver;
    let cleanup: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ driver, cleanup } = await makeDriver());
    });
    afterAll(async () => {
      await cleanup?.();
    });
    const put = async (key: string, data: Uint8Array) => {
      const result = await driver.write(key, chunksOf(data, 64 * 1024));
      expect(result).toEqual({ written: data.length });
    };
    const get = async (key: string, range?: { start?: number; end?: number }) => readAll(await driver.read(key, range));

    it('stats a missing key as null', async () => {
      expect(await driver.stat(`${uniq()}/missing`)).toBeNull();
    });

    it('round-trips 3 MiB written in uneven chunks', async () => {
      const key = `${uniq()}/blob`;
      const data = randomBytes(3 * 1024 * 1024);
      expect(await driver.write(key, unevenChunks(data))).toEqual({ written: data.length });
      const stat = await driver.stat(key);
      expect(stat?.size).toBe(data.length);
      expect(stat?.modifiedAt).toBeInstanceOf(Date);
      expect(sha256(await get(key))).toBe(sha256(data));
    });

    it('stores an empty source as an empty object', async () => {
      const key = `${uniq()}/empty`;
      expect(await driver.write(key, chunksOf(new Uint8Array(0), 1))).toEqual({ written: 0 });
      expect((await driver.stat(key))?.size).toBe(0);
      expect((await get(key)).length).toBe(0);
    });

    it('reads byte ranges, end inclusive', async () => {
      const key = `${uniq()}/ranged`;
      const data = randomBytes(10_000);
      await put(key, data);
      expect(await get(key, { start: 1000 })).toEqual(data.subarray(1000));
      expect(await get(key, { start: 10, end: 19 })).toEqual(data.subarray(10, 20));
      expect(await get(key, { end: 99 })).toEqual(data.subarray(0, 100));
      expect(await get(key, { start: data.length - 1, end: data.length - 1 })).toEqual(data.subarray(-1));
    });

    it('discards everything at and after the write offset', async () => {
      const key = `${uniq()}/offset`;
      const first = randomBytes(100);
      const second = randomBytes(10);
      await put(key, first);
      expect(await driver.write(key, chunksOf(second, 4), { offset: 50 })).toEqual({ written: 10 });
      expect((await driver.stat(key))?.size).toBe(60);
      expect(await get(key)).toEqual(Buffer.concat([first.subarray(0, 50), second]));
      await put(key, second);
      expect(await get(key)).toEqual(second);
    });

    it('reports exactly the stored bytes, in order, through onWritten', async () => {
      const key = `${uniq()}/reported`;
      const head = randomBytes(1000);
      const data = randomBytes(700_000);
      await put(key, head);
      const seen: Buffer[] = [];
      const onWritten = (chunk: Uint8Array) => seen.push(Buffer.from(chunk));
      const result = await driver.write(key, unevenChunks(data), { offset: head.length, onWritten });
      expect(result).toEqual({ written: data.length });
      expect(sha256(Buffer.concat(seen))).toBe(sha256(data));
      expect(sha256(await get(key))).toBe(sha256(Buffer.concat([head, data])));
    });

    it('keeps what arrived when the source fails, and returns the failure', async () => {
      const key = `${uniq()}/failed`;
      const data = randomBytes(200_000);
      const failure = new Error('client went away');
      async function* failing() {
        yield* endingSmall(data);
        throw failure;
      }
      const seen: Buffer[] = [];
      const result = await driver.write(key, failing(), { onWritten: (c) => seen.push(Buffer.from(c)) });
      expect(result.written).toBe(data.length);
      expect(result.error).toBe(failure);
      expect(sha256(Buffer.concat(seen))).toBe(sha256(data));
      expect((await driver.stat(key))?.size).toBe(data.length);
      expect(sha256(await get(key))).toBe(sha256(data));
    });

    it('stops a stalled source when the signal aborts, keeping what arrived', async () => {
      const key = `${uniq()}/aborted`;
      const data = randomBytes(150_000);
      const controller = new AbortController();
      let release = () => {};
      const stalled = new Promise<void>((resolve) => (release = resolve));
      async function* stalling() {
        yield* endingSmall(data);
        setTimeout(() => controller.abort(), 20);
        await stalled;
        yield randomBytes(10);
      }
      try {
        const result = await driver.write(key, stalling(), { signal: controller.signal });
        expect(result.written).toBe(data.length);
        expect(result.error).toBeInstanceOf(Error);
        expect(sha256(await get(key))).toBe(sha256(data));
      } finally {
        release();
      }
    });

    it('resolves with an error when the signal is already aborted', async () => {
      const result = await driver.write(`${uniq()}/pre-aborted`, chunksOf(randomBytes(10), 1), {
        signal: AbortSignal.abort(),
      });
      expect(result.written).toBe(0);
      expect(result.error).toBeInstanceOf(Error);
    });

    it('rejects with StorageLimitError past maxBytes, never storing beyond the limit', async () => {
      const key = `${uniq()}/limited`;
      const data = randomBytes(100_000);
      const write = driver.write(key, unevenChunks(data), { maxBytes: data.length - 1 });
      await expect(write).rejects.toBeInstanceOf(StorageLimitError);
      expect((await driver.stat(key))?.size ?? 0).toBeLessThan(data.length);
      const exact = await driver.write(`${uniq()}/exact`, unevenChunks(data), { maxBytes: data.length });
      expect(exact).toEqual({ written: data.length });
    });

    it('moves an object, replacing the target and removing the source', async () => {
      const base = uniq();
      const data = randomBytes(5000);
      await put(`${base}/target`, randomBytes(9000));
      await put(`${base}/upload`, data);
      await driver.move(`${base}/upload`, `${base}/deep/er/target`);
      await driver.move(`${base}/deep/er/target`, `${base}/target`);
      expect(await get(`${base}/target`)).toEqual(data);
      expect(await driver.stat(`${base}/upload`)).toBeNull();
      expect(await driver.stat(`${base}/deep/er/target`)).toBeNull();
    });

    it('throws StorageNotFoundError for a missing object on move and read', async () => {
      const base = uniq();
      await expect(driver.move(`${base}/missing`, `${base}/target`)).rejects.toBeInstanceOf(StorageNotFoundError);
      await expect(driver.read(`${base}/missing`)).rejects.toBeInstanceOf(StorageNotFoundError);
      expect(await driver.stat(`${base}/target`)).toBeNull();
    });

    it('deletes idempotently', async () => {
      const key = `${uniq()}/doomed`;
      await put(key, randomBytes(10));
      await driver.delete(key);
      expect(await driver.stat(key)).toBeNull();
      await driver.delete(key);
      await driver.delete(`${uniq()}/never-existed`);
    });

    it('lists exactly the keys under a prefix', async () => {
      const base = uniq();
      const inside = ['a', 'b/c', 'b/d/e'].map((k) => `${base}/p/${k}`);
      const beside = [`${base}/p2/x`, `${base}/px`];
      for (const key of [...inside, ...beside]) await put(key, randomBytes(3));
      expect(await sortedKeys(driver.list(`${base}/p/`))).toEqual([...inside].sort());
      expect(await sortedKeys(driver.list(`${base}/p/b/`))).toEqual(inside.slice(1));
      // A prefix is a string prefix, not a directory: without the slash, siblings starting "p" match too.
      expect(await sortedKeys(driver.list(`${base}/p`))).toEqual([...inside, ...beside].sort());
      expect(await sortedKeys(driver.list(`${uniq()}/`))).toEqual([]);
    });

    it('writes different keys concurrently', async () => {
      const base = uniq();
      const blobs = Array.from({ length: 8 }, (_, i) => ({ key: `${base}/k${i}`, data: randomBytes(300_000) }));
      await Promise.all(blobs.map(({ key, data }) => driver.write(key, unevenChunks(data))));
      for (const { key, data } of blobs) expect(sha256(await get(key))).toBe(sha256(data));
    });

    it('survives 20 concurrent uploads of the same content moved to one target', async () => {
      const base = uniq();
      const data = randomBytes(1024 * 1024);
      const target = `${base}/blobs/target`;
      await Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const upload = `${base}/uploads/${i}`;
          await driver.write(upload, chunksOf(data, 64 * 1024));
          await driver.move(upload, target);
        }),
      );
      expect((await driver.stat(target))?.size).toBe(data.length);
      expect(sha256(await get(target))).toBe(sha256(data));
      expect(await sortedKeys(driver.list(`${base}/uploads/`))).toEqual([]);
    });

    it.each(['../x', '/abs', 'a//b', '', 'a/', '.', './a', 'a/./b', 'a/../b', '..', 'a\\b', 'a\0b'])(
      'rejects the invalid key %j',
      async (bad) => {
        const good = `${uniq()}/good`;
        await put(good, randomBytes(3));
        await expect(driver.stat(bad)).rejects.toThrow();
        await expect(driver.read(bad)).rejects.toThrow();
        await expect(driver.write(bad, chunksOf(randomBytes(3), 1))).rejects.toThrow();
        await expect(driver.delete(bad)).rejects.toThrow();
        await expect(driver.move(bad, `${uniq()}/x`)).rejects.toThrow();
        await expect(driver.move(good, bad)).rejects.toThrow();
        expect((await driver.stat(good))?.size).toBe(3);
      },
    );

    it.each(['../', '/abs/', 'a//', 'a/../'])('rejects the invalid list prefix %j', async (bad) => {
      await expect(sortedKeys(driver.list(bad))).rejects.toThrow();
    });

    it('pings', async () => {
      await expect(driver.ping()).resolves.toBeUndefined();
    });
  });
}

/** A random top-level prefix, so tests never see each other's objects. */
function uniq(): string {
  return `contract-${randomUUID()}`;
}

async function* chunksOf(data: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

/** Chunks from 1 byte to 300 KB, so drivers that batch small chunks and pass big ones through see both. */
async function* unevenChunks(data: Uint8Array): AsyncGenerator<Uint8Array> {
  const sizes = [1, 7, 100, 4096, 65_536, 300_000, 3];
  for (let i = 0, n = 0; i < data.length; n++) {
    const size = sizes[n % sizes.length];
    yield data.subarray(i, i + size);
    i += size;
  }
}

/** Uneven chunks ending in small ones, which a batching driver may still hold when the source stops. */
async function* endingSmall(data: Uint8Array): AsyncGenerator<Uint8Array> {
  yield* unevenChunks(data.subarray(0, -1000));
  yield* chunksOf(data.subarray(-1000), 10);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of stream as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts);
}

async function sortedKeys(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all.sort();
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
