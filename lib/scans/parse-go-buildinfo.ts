export interface GoModule {
  path: string;
  version: string;
}

export interface GoBuildInfo {
  /** As embedded: `go1.21.5`. */
  goVersion: string;
  main?: GoModule;
  deps: GoModule[];
}

export type DecodeResult =
  | { status: 'ok'; info: GoBuildInfo }
  | { status: 'need-more' }
  | { status: 'invalid' }
  /** Go < 1.18 stores pointers to the strings, which needs random access to the binary. */
  | { status: 'pointer-format' };

export const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_SIZE = 32;
const FLAG_INLINE_STRINGS = 0x2;
const MAX_VERSION_LENGTH = 1024;
const MAX_MODINFO_LENGTH = 8 * 1024 * 1024;

/**
 * Decodes the build info blob that the Go linker writes into `.go.buildinfo` (see Go's
 * debug/buildinfo): 14 bytes of magic, pointer size, flags, 16 bytes of padding, then (Go 1.18+,
 * flag bit 2) the Go version and the module info as uvarint-length-prefixed strings.
 * `blob` starts at the magic and may be cut short; the caller feeds more bytes on `need-more`.
 */
export function decodeGoBuildInfo(blob: Buffer): DecodeResult {
  if (blob.length < HEADER_SIZE) return { status: 'need-more' };
  if (!blob.subarray(0, BUILDINFO_MAGIC.length).equals(BUILDINFO_MAGIC)) return { status: 'invalid' };
  const ptrSize = blob[14];
  if (ptrSize !== 4 && ptrSize !== 8) return { status: 'invalid' };
  if ((blob[15] & FLAG_INLINE_STRINGS) === 0) return { status: 'pointer-format' };
  const version = readString(blob, HEADER_SIZE, MAX_VERSION_LENGTH);
  if (version.status !== 'ok') return version;
  if (!/^(go\d|devel)/.test(version.value)) return { status: 'invalid' };
  const modinfo = readString(blob, version.next, MAX_MODINFO_LENGTH);
  if (modinfo.status !== 'ok') return modinfo;
  return { status: 'ok', info: parseModinfo(version.value, modinfo.raw) };
}

type ReadResult = { status: 'ok'; value: string; raw: Buffer; next: number } | { status: 'need-more' } | { status: 'invalid' };

function readString(blob: Buffer, offset: number, maxLength: number): ReadResult {
  let length = 0;
  let shift = 0;
  let pos = offset;
  for (;;) {
    if (pos >= blob.length) return { status: 'need-more' };
    const byte = blob[pos++];
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 35) return { status: 'invalid' };
  }
  if (length > maxLength) return { status: 'invalid' };
  if (pos + length > blob.length) return { status: 'need-more' };
  const raw = blob.subarray(pos, pos + length);
  return { status: 'ok', value: raw.toString('utf8'), raw, next: pos + length };
}

/**
 * The module info is framed by 16-byte sentinels (cmd/go's infoStart/infoEnd) around lines of
 * `path`, `mod`, `dep`, `=>` (replacement of the line above) and `build`, tab-separated.
 */
function parseModinfo(goVersion: string, raw: Buffer): GoBuildInfo {
  let text = '';
  if (raw.length >= 33 && raw[raw.length - 17] === 0x0a) text = raw.subarray(16, raw.length - 16).toString('utf8');
  const info: GoBuildInfo = { goVersion, deps: [] };
  let last: GoModule | undefined;
  for (const line of text.split('\n')) {
    const [kind, path, version] = line.split('\t');
    if (kind === 'mod' && path) {
      last = info.main = { path, version: version ?? '' };
    } else if (kind === 'dep' && path) {
      last = { path, version: version ?? '' };
      info.deps.push(last);
    } else if (kind === '=>' && last && path) {
      // A replacement decides what code is in the binary. A local directory has no version to match.
      if (version) Object.assign(last, { path, version });
      else if (last !== info.main) info.deps = info.deps.filter((d) => d !== last);
    }
  }
  return info;
}
