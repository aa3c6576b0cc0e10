import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createZipWriter } from '@/test/support/zip-writer';
import { readZipFile, ZipFormatError } from './read-zip-file';

const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (name: string) => name.endsWith('.json');

async function collect(file: string, maxEntryBytes = 1024 * 1024) {
  const out: Array<{ name: string; text?: string; skipped?: string }> = [];
  for await (const e of readZipFile(file, { maxEntryBytes, accept: json })) {
    out.push('content' in e ? { name: e.name, text: e.content.toString() } : e);
  }
  return out;
}

describe('readZipFile', () => {
  it('reads stored and deflated entries, skipping directories, other names and oversized entries', async () => {
    const file = path.join(dir, 'mixed.zip');
    const zip = createZipWriter(file);
    await zip.add('a/', '', { store: true });
    await zip.add('a/one.json', '{"id":"ONE"}');
    await zip.add('a/two.json', '{"id":"TWO"}', { store: true });
    await zip.add('README.md', 'not a record');
    await zip.add('big.json', 'x'.repeat(5000));
    await zip.close();
    expect(await collect(file, 4096)).toEqual([
      { name: 'a/one.json', text: '{"id":"ONE"}' },
      { name: 'a/two.json', text: '{"id":"TWO"}' },
      { name: 'big.json', skipped: 'larger than 4096 bytes' },
    ]);
  });

  it('reads a zip64 archive of more than 65,535 entries', async () => {
    const file = path.join(dir, 'many.zip');
    const zip = createZipWriter(file);
    for (let i = 0; i < 70_000; i++) await zip.add(`r/${i}.json`, `{"id":"R-${i}"}`, { store: true });
    await zip.close();
    let count = 0;
    let last = '';
    for await (const e of readZipFile(file, { maxEntryBytes: 1024, accept: json })) {
      count += 1;
      if ('content' in e) last = e.content.toString();
    }
    expect(count).toBe(70_000);
    expect(last).toBe('{"id":"R-69999"}');
  });

  it('reads what another writer streams (data descriptors after each entry)', async () => {
    const file = path.join(dir, 'streamed.zip');
    // Python's zipfile writing to a pipe cannot seek back, so sizes and CRCs follow each entry's data.
    const script = [
      'import sys, zipfile',
      'with zipfile.ZipFile(sys.stdout.buffer, "w", zipfile.ZIP_DEFLATED) as z:',
      '    for i in range(3):',
      '        with z.open(f"GHSA-{i}.json", "w") as f: f.write(b\'{"id": "GHSA-%d"}\' % i)',
    ].join('\n');
    writeFileSync(file, execFileSync('python3', ['-c', script]));
    expect(readFileSync(file).readUInt16LE(6) & 0x8).toBe(0x8);
    expect((await collect(file)).map((e) => e.text)).toEqual(['{"id": "GHSA-0"}', '{"id": "GHSA-1"}', '{"id": "GHSA-2"}']);
  });

  it('rejects a corrupt entry and a file that is no zip', async () => {
    const file = path.join(dir, 'corrupt.zip');
    const zip = createZipWriter(file);
    await zip.add('a.json', '{"id":"A"}', { store: true });
    await zip.close();
    const bytes = readFileSync(file);
    bytes[30 + 'a.json'.length + 2] ^= 0xff; // flip a byte of the content: the CRC no longer matches
    writeFileSync(file, bytes);
    await expect(collect(file)).rejects.toThrow(/a\.json: size or CRC mismatch/);

    const notZip = path.join(dir, 'not.zip');
    writeFileSync(notZip, 'PK\u0003\u0004 and then nothing like a zip');
    await expect(collect(notZip)).rejects.toBeInstanceOf(ZipFormatError);
  });
});
