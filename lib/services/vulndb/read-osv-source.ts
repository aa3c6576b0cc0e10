import { createReadStream } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readBounded } from '@/lib/streams/read-bounded';
import type { StorageDriver } from '@/lib/storage/driver';
import { readZipFile, ZipFormatError, type RandomAccessSource } from './read-zip-file';
import { openStoredFileSource } from './stored-file-source';

export type OsvSourceItem =
  | { kind: 'record'; json: unknown; origin: string }
  | { kind: 'invalid'; origin: string; reason: string };

/** A JSON file is parsed whole; larger ones must come as a zip (one record per entry). */
const MAX_JSON_FILE_BYTES = 256 * 1024 * 1024;
/** One OSV record is a few KiB; the largest published ones are well under a MiB. */
const MAX_ZIP_ENTRY_BYTES = 16 * 1024 * 1024;

export class OsvSourceError extends Error {}

/**
 * The OSV records under a path, one at a time: a JSON file (one record or an array of them), a zip export such as
 * the per-ecosystem `all.zip` (every *.json entry), or a directory (every *.json and *.zip below it, in name order,
 * so a folder of downloaded per-ecosystem exports imports in one go). Entries
 * are streamed, so memory holds one record (one JSON file) at a time. Unparseable JSON is yielded as `invalid`;
 * an unreadable path or archive throws OsvSourceError.
 */
export async function* readOsvSource(target: string, label = path.basename(target)): AsyncGenerator<OsvSourceItem> {
  const info = await stat(target).catch((err: NodeJS.ErrnoException) => {
    throw new OsvSourceError(err.code === 'ENOENT' ? `${label}: no such file or directory` : `${label}: ${err.message}`);
  });
  if (info.isDirectory()) {
    for await (const file of walkOsvFiles(target)) {
      const origin = path.relative(target, file);
      if (file.toLowerCase().endsWith('.zip') && (await isZip(file))) yield* readZip(file, origin);
      else yield* readJsonFile(file, origin);
    }
  } else if (await isZip(target)) {
    yield* readZip(target, label);
  } else {
    yield* readJsonFile(target, label);
  }
}

/**
 * The OSV records of one object in blob storage (an uploaded JSON file or zip export), read as readOsvSource reads a
 * file: through the storage driver, so an upload any instance received can be imported on S3 as on a filesystem.
 */
export async function* readStoredOsvSource(storage: StorageDriver, key: string, label: string): AsyncGenerator<OsvSourceItem> {
  const source = await openStoredFileSource(storage, key);
  if (!source) throw new OsvSourceError(`${label}: no such file`);
  if (isZipMagic(await source.read(0, 4))) {
    yield* readZip(source, label);
    return;
  }
  if (source.size > MAX_JSON_FILE_BYTES) throw new OsvSourceError(`${label}: JSON file larger than ${MAX_JSON_FILE_BYTES / 1024 / 1024} MiB; import such data as a zip`);
  const text = await readBounded(await storage.read(key), MAX_JSON_FILE_BYTES);
  yield* parseRecords(text ?? Buffer.alloc(0), label);
}

async function* walkOsvFiles(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walkOsvFiles(full);
    else if (entry.isFile() && /\.(json|zip)$/i.test(entry.name)) yield full;
  }
}

// Sniffed, not taken from the name: a file named .zip that is not one is read as JSON and reported as invalid.
async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return isZipMagic(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

// Local file header, or the end-of-central-directory record of an empty archive.
function isZipMagic(head: Buffer): boolean {
  return head.length >= 4 && head.readUInt16LE(0) === 0x4b50 && [0x0403, 0x0605].includes(head.readUInt16LE(2));
}

async function* readJsonFile(file: string, origin: string): AsyncGenerator<OsvSourceItem> {
  const info = await stat(file);
  if (info.size > MAX_JSON_FILE_BYTES) {
    throw new OsvSourceError(`${origin}: JSON file larger than ${MAX_JSON_FILE_BYTES / 1024 / 1024} MiB; import such data as a zip`);
  }
  const text = await readBounded(createReadStream(file), MAX_JSON_FILE_BYTES);
  yield* parseRecords(text ?? Buffer.alloc(0), origin);
}

async function* readZip(file: string | RandomAccessSource, label: string): AsyncGenerator<OsvSourceItem> {
  try {
    for await (const entry of readZipFile(file, { maxEntryBytes: MAX_ZIP_ENTRY_BYTES, accept: (name) => name.toLowerCase().endsWith('.json') })) {
      if ('skipped' in entry) yield { kind: 'invalid', origin: entry.name, reason: entry.skipped };
      else yield* parseRecords(entry.content, entry.name);
    }
  } catch (err) {
    if (!(err instanceof ZipFormatError)) throw err;
    throw new OsvSourceError(`${label}: not a readable zip archive (${err.message})`);
  }
}

function* parseRecords(content: Buffer, origin: string): Generator<OsvSourceItem> {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch (err) {
    yield { kind: 'invalid', origin, reason: `not JSON (${(err as Error).message})` };
    return;
  }
  if (Array.isArray(json)) {
    for (const [i, item] of json.entries()) yield { kind: 'record', json: item, origin: `${origin}[${i}]` };
  } else {
    yield { kind: 'record', json, origin };
  }
}
