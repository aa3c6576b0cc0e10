import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storageContract } from '@/test/support/storage-contract';
import { StorageNotFoundError } from './driver';
import { FilesystemDriver } from './fs-driver';
import { collect, once } from './streams';

storageContract('filesystem', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-storage-'));
  return { driver: new FilesystemDriver(dir), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

describe('FilesystemDriver', () => {
  // The root sits one level down, so anything escaping it would land in `parent` where the tests can see it.
  let parent: string;
  let root: string;
  let driver: FilesystemDriver;
  beforeEach(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'berth-fs-'));
    root = path.join(parent, 'root');
    driver = new FilesystemDriver(root);
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it.each(['../outside', 'a/../../outside', 'a/b/../../../outside', './../outside', '..\\outside', '../root2/x'])(
    'keeps the key %j inside the root',
    async (key) => {
      await expect(driver.write(key, once(randomBytes(3)))).rejects.toThrow('invalid storage key');
      await expect(driver.move(key, 'x')).rejects.toThrow('invalid storage key');
      await expect(collect(driver.list(key))).rejects.toThrow('invalid storage key');
      expect((await readdir(parent)).filter((name) => name !== 'root')).toEqual([]);
    },
  );

  it('stores a key as the file at the same path under the root', async () => {
    const data = randomBytes(100);
    await driver.write('blobs/sha256/ab/abcd', once(data));
    expect(await readFile(path.join(root, 'blobs', 'sha256', 'ab', 'abcd'))).toEqual(data);
  });

  it('leaves every other key alone when a write fails part-way', async () => {
    const blob = randomBytes(50_000);
    await driver.write('blobs/x', once(blob));
    async function* failing() {
      yield randomBytes(5000);
      throw new Error('connection reset');
    }
    const result = await driver.write('uploads/u', failing());
    expect(result.written).toBe(5000);
    expect(await filesUnder(root)).toEqual(['blobs/x', 'uploads/u']);
    expect(await readFile(path.join(root, 'blobs', 'x'))).toEqual(blob);
  });

  it('refuses to write past the stored length rather than leave a hole', async () => {
    await driver.write('uploads/u', once(randomBytes(10)));
    await expect(driver.write('uploads/u', once(randomBytes(5)), { offset: 20 })).rejects.toBeInstanceOf(RangeError);
    expect((await driver.stat('uploads/u'))?.size).toBe(10);
  });

  it('treats a directory as no object', async () => {
    await driver.write('d/x', once(randomBytes(3)));
    expect(await driver.stat('d')).toBeNull();
    await expect(driver.read('d')).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(driver.move('d', 'e')).rejects.toBeInstanceOf(StorageNotFoundError);
    expect(await driver.stat('d/x/y')).toBeNull();
  });

  it('removes its health probe and keeps it out of listings', async () => {
    await driver.ping();
    expect(await readdir(path.join(root, '.health'))).toEqual([]);
    await driver.write('k', once(randomBytes(3)));
    expect(await collect(driver.list(''))).toEqual(['k']);
  });
});

/** Every file below `dir`, hidden ones included, as sorted slash paths: what is really on disk. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
