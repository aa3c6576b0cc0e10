import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { type LayerEntry, normalizePath, readLayer } from './layer-reader';
import { ScanError } from './scan-error';
import { buildTar } from './test-support/build-layer';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures/layers', name));

function streamOf(blob: Buffer, chunkSize = 1000): Readable {
  return Readable.from((function* () {
    for (let i = 0; i < blob.length; i += chunkSize) yield blob.subarray(i, i + chunkSize);
  })());
}

async function readAll(blob: Buffer, mediaType: string, consume = true) {
  const out: Array<Omit<LayerEntry, 'body'> & { text?: string }> = [];
  for await (const entry of readLayer(streamOf(blob), mediaType)) {
    const { body, ...meta } = entry;
    if (consume && entry.type === 'file') {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      out.push({ ...meta, text: Buffer.concat(chunks).toString() });
    } else {
      out.push(meta);
    }
  }
  return out;
}

async function expectScanError(promise: Promise<unknown>, code: ScanError['code'], message: RegExp) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScanError);
  expect((err as ScanError).code).toBe(code);
  expect((err as ScanError).message).toMatch(message);
}

const entries = [
  { name: './etc/', type: 'directory' as const },
  { name: './etc/hostname', content: 'berth\n' },
  { name: '/usr/bin/sh', type: 'symlink' as const, linkname: 'dash' },
  { name: 'usr/bin/dash', content: 'binary' },
  { name: 'usr/bin/rbash', type: 'link' as const, linkname: './usr/bin/dash' },
];

describe('readLayer', () => {
  it('reads gzip layers and normalizes paths and link targets', async () => {
    const got = await readAll(gzipSync(await buildTar(entries)), 'application/vnd.oci.image.layer.v1.tar+gzip');
    expect(got.map((e) => [e.path, e.type, e.linkname ?? null, e.text ?? null])).toEqual([
      ['etc', 'directory', null, null],
      ['etc/hostname', 'file', null, 'berth\n'],
      ['usr/bin/sh', 'symlink', 'dash', null],
      ['usr/bin/dash', 'file', null, 'binary'],
      ['usr/bin/rbash', 'hardlink', 'usr/bin/dash', null],
    ]);
  });

  it('reads uncompressed layers even when the media type claims gzip', async () => {
    const got = await readAll(await buildTar(entries), 'application/vnd.docker.image.rootfs.diff.tar.gzip');
    expect(got.find((e) => e.path === 'etc/hostname')?.text).toBe('berth\n');
  });

  it('reads zstd layers by their magic bytes', async () => {
    const got = await readAll(fixture('alpine-3.18.tar.zst'), 'application/vnd.oci.image.layer.v1.tar+gzip');
    expect(got.map((e) => e.path)).toEqual(['etc', 'etc/os-release', 'lib/apk/db/installed']);
    expect(got[1].text).toContain('VERSION_ID=3.18.4');
  });

  it('drains bodies the consumer does not read, or stops reading half-way', async () => {
    const big = Buffer.alloc(300_000, 'a');
    const tarball = await buildTar([{ name: 'a', content: big }, { name: 'b', content: big }, { name: 'c', content: 'end' }]);
    const seen: string[] = [];
    for await (const entry of readLayer(streamOf(tarball, 16_384), 'application/vnd.oci.image.layer.v1.tar')) {
      seen.push(entry.path);
      if (entry.path === 'b') {
        for await (const _chunk of entry.body) break; // read one chunk, then walk away
      }
    }
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('rejects corrupt gzip with a ScanError', async () => {
    const gz = gzipSync(await buildTar(entries));
    gz.fill(0x41, 20, 60);
    await expectScanError(readAll(gz, 'application/vnd.oci.image.layer.v1.tar+gzip'), 'CORRUPT_LAYER', /gzip/);
  });

  it('rejects a truncated gzip stream', async () => {
    const gz = gzipSync(await buildTar([{ name: 'x', content: Buffer.alloc(50_000, 7) }]));
    await expectScanError(readAll(gz.subarray(0, gz.length - 30), 'application/vnd.oci.image.layer.v1.tar+gzip'), 'CORRUPT_LAYER', /gzip/);
  });

  it('reads a tar that ends without the last block padding and end-of-archive blocks, as umoci writes them', async () => {
    const tarball = await buildTar([{ name: 'etc/os-release', content: 'ID=debian\n' }]);
    const unterminated = tarball.subarray(0, 512 + 'ID=debian\n'.length);
    expect(await readAll(gzipSync(unterminated), 'application/vnd.oci.image.layer.v1.tar+gzip')).toEqual([
      { path: 'etc/os-release', type: 'file', size: 10, mode: expect.any(Number), linkname: undefined, text: 'ID=debian\n' },
    ]);
  });

  it('rejects a tar cut in the middle of a file', async () => {
    const tarball = await buildTar([{ name: 'x', content: Buffer.alloc(50_000, 7) }]);
    await expectScanError(readAll(tarball.subarray(0, 20_000), 'application/vnd.oci.image.layer.v1.tar'), 'CORRUPT_LAYER', /tar archive/);
  });

  it('rejects data that is not a tar at all', async () => {
    await expectScanError(readAll(Buffer.alloc(4096, 0x5a), 'application/vnd.oci.image.layer.v1.tar'), 'CORRUPT_LAYER', /not a valid tar/);
  });

  it('rejects a truncated zstd stream', async () => {
    const zst = fixture('alpine-3.18.tar.zst');
    await expectScanError(readAll(zst.subarray(0, zst.length - 40), 'application/vnd.oci.image.layer.v1.tar+zstd'), 'CORRUPT_LAYER', /zstd/);
  });

  it('refuses media types that are not layers', async () => {
    await expectScanError(readAll(Buffer.from('{}'), 'application/vnd.in-toto+json'), 'UNSUPPORTED_LAYER', /not a filesystem layer/);
  });

  it('surfaces blob read failures as LAYER_UNREADABLE', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk on fire'));
      },
    });
    await expectScanError(
      (async () => {
        for await (const _ of readLayer(failing, 'application/vnd.oci.image.layer.v1.tar+gzip')) void _;
      })(),
      'LAYER_UNREADABLE',
      /disk on fire/,
    );
  });
});

describe('normalizePath', () => {
  it('strips ./ and leading slashes, resolves .. and refuses escapes', () => {
    expect(normalizePath('./usr//lib/../bin/')).toBe('usr/bin');
    expect(normalizePath('/etc/os-release')).toBe('etc/os-release');
    expect(normalizePath('./')).toBeUndefined();
    expect(normalizePath('../../etc/passwd')).toBeUndefined();
  });
});
