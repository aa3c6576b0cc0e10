/**
 * Reads the tags a scanner needs from an RPM header blob as rpm stores it in its database
 * (rpm's headerExport format: big-endian index count and data length, 16-byte index entries
 * `{tag, type, offset, count}`, then the data store).
 */

export const RPMTAG = {
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  ARCH: 1022,
  SOURCERPM: 1044,
} as const;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;
const ENTRY_SIZE = 16;
// rpm refuses headers beyond these sizes too (HEADER_TAGS_MAX, HEADER_DATA_MAX).
const MAX_ENTRIES = 0xffff;
const MAX_DATA = 256 * 1024 * 1024;

export interface RpmHeader {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  sourceRpm?: string;
}

export function parseRpmHeader(blob: Uint8Array): RpmHeader | undefined {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.byteLength < 8) return undefined;
  const count = view.getUint32(0);
  const dataLength = view.getUint32(4);
  if (count === 0 || count > MAX_ENTRIES || dataLength > MAX_DATA) return undefined;
  const dataStart = 8 + count * ENTRY_SIZE;
  if (dataStart + dataLength > blob.byteLength) return undefined;
  const data = blob.subarray(dataStart, dataStart + dataLength);

  const strings = new Map<number, string>();
  let epoch: number | undefined;
  for (let i = 0; i < count; i += 1) {
    const at = 8 + i * ENTRY_SIZE;
    const tag = view.getInt32(at);
    const type = view.getUint32(at + 4);
    const offset = view.getInt32(at + 8);
    const entries = view.getUint32(at + 12);
    if (offset < 0 || offset >= data.length) continue;
    if (tag === RPMTAG.EPOCH && type === TYPE_INT32 && entries >= 1 && offset + 4 <= data.length) {
      epoch = new DataView(data.buffer, data.byteOffset + offset, 4).getInt32(0);
    } else if (isStringTag(tag) && (type === TYPE_STRING || type === TYPE_I18NSTRING || type === TYPE_STRING_ARRAY)) {
      // For i18n and array types the first string is the untranslated / first value.
      strings.set(tag, readCString(data, offset));
    }
  }
  const name = strings.get(RPMTAG.NAME);
  const version = strings.get(RPMTAG.VERSION);
  const release = strings.get(RPMTAG.RELEASE);
  if (!name || !version || release === undefined) return undefined;
  return { name, version, release, epoch, arch: strings.get(RPMTAG.ARCH), sourceRpm: strings.get(RPMTAG.SOURCERPM) };
}

function isStringTag(tag: number): boolean {
  return tag === RPMTAG.NAME || tag === RPMTAG.VERSION || tag === RPMTAG.RELEASE || tag === RPMTAG.ARCH || tag === RPMTAG.SOURCERPM;
}

function readCString(data: Uint8Array, offset: number): string {
  let end = offset;
  while (end < data.length && data[end] !== 0) end += 1;
  return Buffer.from(data.buffer, data.byteOffset + offset, end - offset).toString('utf8');
}

/** `openssl-3.0.7-16.el9.src.rpm` -> `openssl`. */
export function sourceNameFromRpm(sourceRpm: string): string | undefined {
  const base = sourceRpm.replace(/\.(no)?src\.rpm$/, '');
  const parts = base.split('-');
  return parts.length >= 3 ? parts.slice(0, -2).join('-') : undefined;
}
