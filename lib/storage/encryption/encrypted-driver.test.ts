import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '@/test/support/s3';
import { storageContract } from '@/test/support/storage-contract';
import type { StorageDriver } from '../driver';
import { FilesystemDriver } from '../fs-driver';
import { S3Driver } from '../s3-driver';
import { EncryptedDriver } from './encrypted-driver';
import { HEADER, RECORD } from './format';
import { parseKeyring } from './keyring';
import { once, readAll } from '../streams';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const RING = parseKeyring(key('k1'));

storageContract('filesystem, encrypted', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-enc-'));
  return { driver: new EncryptedDriver(new FilesystemDriver(dir), RING), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

storageContract('s3, encrypted', async () => {
  const s3 = await startTestS3();
  return { driver: new EncryptedDriver(new S3Driver(s3.settings()), RING), cleanup: () => s3.stop() };
}, { timeout: 60_000 });

describe('EncryptedDriver', () => {
  let dir: string;
  let fs: FilesystemDriver;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'berth-enc-'));
    fs = new FilesystemDriver(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores no plaintext, and plaintext digests come out', async () => {
    const driver = new EncryptedDriver(fs, RING);
    const data = Buffer.from('secret layer bytes '.repeat(10_000));
    await driver.write('blobs/x', once(data));
    const onDisk = await readFile(path.join(dir, 'blobs', 'x'));
    expect(onDisk.includes(Buffer.from('secret layer'))).toBe(false);
    expect(onDisk.length).toBeGreaterThan(data.length);
    expect((await driver.stat('blobs/x'))?.size).toBe(data.length);
    expect(sha256(await readAll(await driver.read('blobs/x')))).toBe(sha256(data));
  });

  it('reads a range by fetching only the records it touches', async () => {
    const reads: Array<{ start?: number; end?: number } | undefined> = [];
    const spy: StorageDriver = Object.create(fs, {
      read: { value: (k: string, r?: { start?: number; end?: number }) => (reads.push(r), fs.read(k, r)) },
    });
    const driver = new EncryptedDriver(spy, RING);
    const data = randomBytes(10 * RECORD + 5);
    await driver.write('blobs/r', once(data));
    reads.length = 0;
    const start = 3 * RECORD + 10;
    expect(await readAll(await driver.read('blobs/r', { start, end: start + 99 }))).toEqual(data.subarray(start, start + 100));
    // The header, then one record: nothing else of the 10.
    expect(reads).toHaveLength(2);
    expect(reads[1]!.end! - reads[1]!.start! + 1).toBe(RECORD + 28);
  });

  it('continues a write from the middle of a record, as a resumed upload does', async () => {
    const driver = new EncryptedDriver(fs, RING);
    const first = randomBytes(RECORD + 1000);
    const extra = randomBytes(5000);
    const next = randomBytes(3 * RECORD);
    await driver.write('uploads/u', once(first));
    await driver.write('uploads/u', once(extra), { offset: first.length });
    await driver.write('uploads/u', once(next), { offset: first.length });
    expect(sha256(await readAll(await driver.read('uploads/u')))).toBe(sha256(Buffer.concat([first, next])));
  });

  it('fails the start with a clear line for a wrong key, a missing key, or unencrypted data', async () => {
    await new EncryptedDriver(fs, RING).verifyKeys();
    await new EncryptedDriver(fs, RING).verifyKeys();
    await expect(new EncryptedDriver(fs, parseKeyring(key('k1'))).verifyKeys()).rejects.toThrow('encryption key "k1" does not match the one the data was written with');
    await expect(new EncryptedDriver(fs, parseKeyring(key('k2'))).verifyKeys()).rejects.toThrow('storage holds data encrypted with key "k1", which BERTH_ENCRYPTION_KEY does not list');
    const plainDir = await mkdtemp(path.join(tmpdir(), 'berth-plain-'));
    try {
      const plain = new FilesystemDriver(plainDir);
      await plain.write('blobs/sha256/ab/abc', once(randomBytes(10)));
      await expect(new EncryptedDriver(plain, RING).verifyKeys()).rejects.toThrow('storage already holds unencrypted blobs');
    } finally {
      await rm(plainDir, { recursive: true, force: true });
    }
  });

  it('rotates: new writes use the newest key, old blobs stay readable, rewrap lets the old key go', async () => {
    const old = key('old');
    const fresh = key('new');
    const before = new EncryptedDriver(fs, parseKeyring(old));
    await before.verifyKeys();
    const a = randomBytes(200_000);
    await before.write('blobs/a', once(a));
    const both = new EncryptedDriver(fs, parseKeyring(`${old},${fresh}`));
    await both.verifyKeys();
    const b = randomBytes(1000);
    await both.write('blobs/b', once(b));
    expect((await readFile(path.join(dir, 'blobs', 'b'))).subarray(6, 9).toString()).toBe('new');
    expect(sha256(await readAll(await both.read('blobs/a')))).toBe(sha256(a));
    expect(await both.rewrap()).toEqual({ rewrapped: 1, current: 1 });
    const after = new EncryptedDriver(fs, parseKeyring(fresh));
    await after.verifyKeys();
    expect(sha256(await readAll(await after.read('blobs/a')))).toBe(sha256(a));
    expect((await readFile(path.join(dir, 'blobs', 'a'))).length).toBe(HEADER + Math.ceil(a.length / RECORD) * 28 + a.length);
  });

  it('refuses malformed keys clearly', () => {
    expect(() => parseKeyring('k:short')).toThrow('must be 32 bytes');
    expect(() => parseKeyring(`bad id:${randomBytes(32).toString('base64')}`)).toThrow('key id');
    expect(parseKeyring(randomBytes(32).toString('base64')).current).toBe('default');
  });
});

describe('EncryptedDriver on S3', () => {
  let s3: TestS3;
  beforeAll(async () => {
    s3 = await startTestS3();
  });
  afterAll(async () => {
    await s3.stop();
  });

  it('encrypts a 1 MiB chunked upload and serves ranges after the move', { timeout: 120_000 }, async () => {
    const driver = new EncryptedDriver(new S3Driver(s3.settings()), RING);
    const data = randomBytes(7 * 1024 * 1024 + 3);
    const upload = `uploads/${randomUUID()}`;
    for (let o = 0; o < data.length; o += 1024 * 1024) await driver.write(upload, once(data.subarray(o, o + 1024 * 1024)), { offset: o });
    await driver.move(upload, 'blobs/e');
    expect(sha256(await readAll(await driver.read('blobs/e')))).toBe(sha256(data));
    expect(await readAll(await driver.read('blobs/e', { start: 5_000_000, end: 5_000_099 }))).toEqual(data.subarray(5_000_000, 5_000_100));
    // Encrypted bytes cannot be handed to clients directly, so blob GETs never redirect.
    expect((driver as StorageDriver).redirectUrl).toBeUndefined();
  });
});

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

describe('opening storage with and without keys', () => {
  it('refuses to serve encrypted storage without a key, and uses the key when given', async () => {
    const { openStorage } = await import('../create-storage');
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-open-'));
    try {
      const keys = key('k1');
      const encrypted = await openStorage({ driver: 'fs', rootDir: dir }, keys);
      expect(encrypted.name).toBe('filesystem+aes-256-gcm');
      await expect(openStorage({ driver: 'fs', rootDir: dir })).rejects.toThrow('storage is encrypted: set BERTH_ENCRYPTION_KEY');
      await expect(openStorage({ driver: 'fs', rootDir: dir }, key('k1'))).rejects.toThrow('does not match');
      expect((await openStorage({ driver: 'fs', rootDir: dir }, keys)).name).toBe('filesystem+aes-256-gcm');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
