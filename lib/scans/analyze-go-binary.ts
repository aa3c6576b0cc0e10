import type { FileAnalyzer, FileFindings, FileInfo, FileSink, FoundPackage } from './file-analyzer';
import { BUILDINFO_MAGIC, type GoBuildInfo, decodeGoBuildInfo } from './parse-go-buildinfo';

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const MIN_SIZE = 1024;
const MAX_SIZE = 200 * 1024 * 1024;
// The linker aligns .go.buildinfo to 16 bytes and ELF keeps file offsets congruent to addresses.
const ALIGNMENT = 16;
const MAX_CAPTURE = 9 * 1024 * 1024;

/**
 * Go binaries: checks the first bytes for ELF, then streams through the file looking for the
 * build info magic, so a 200 MiB binary costs a few chunks of memory, not 200 MiB.
 */
export const goBinaryAnalyzer: FileAnalyzer = {
  name: 'go-binary',
  accepts: (file) => file.size >= MIN_SIZE && file.size <= MAX_SIZE,
  open: (file) => openGoSink(file),
};

function openGoSink(file: FileInfo): FileSink<FileFindings> {
  let head = Buffer.alloc(0);
  let checkedElf = false;
  let offset = 0; // file offset of `carry[0]`
  let carry = Buffer.alloc(0);
  let capture: Buffer | undefined; // bytes from a candidate magic onwards
  let found: GoBuildInfo | undefined;
  let sawPointerFormat = false;

  /** Scans `buf` (starting at file offset `base`) for an aligned magic; returns false when done. */
  const scan = (buf: Buffer, base: number): boolean => {
    for (let at = buf.indexOf(BUILDINFO_MAGIC); at >= 0; at = buf.indexOf(BUILDINFO_MAGIC, at + 1)) {
      if ((base + at) % ALIGNMENT !== 0) continue;
      const candidate = buf.subarray(at);
      const result = decodeGoBuildInfo(candidate);
      if (result.status === 'ok') {
        found = result.info;
        return false;
      }
      if (result.status === 'pointer-format') sawPointerFormat = true;
      if (result.status === 'need-more') {
        capture = Buffer.from(candidate);
        offset = base + at;
        return true;
      }
    }
    const keep = Math.min(buf.length, BUILDINFO_MAGIC.length - 1);
    carry = Buffer.from(buf.subarray(buf.length - keep));
    offset = base + buf.length - keep;
    return true;
  };

  return {
    write(chunk) {
      if (!checkedElf) {
        head = Buffer.concat([head, chunk]);
        if (head.length < ELF_MAGIC.length) return true;
        checkedElf = true;
        if (!head.subarray(0, ELF_MAGIC.length).equals(ELF_MAGIC)) return false;
        chunk = head;
      }
      if (capture) {
        capture = Buffer.concat([capture, chunk]);
        const result = decodeGoBuildInfo(capture);
        if (result.status === 'ok') {
          found = result.info;
          return false;
        }
        if (result.status === 'need-more' && capture.length < MAX_CAPTURE) return true;
        // Not build info after all: keep searching after the false magic.
        const rest = capture.subarray(1);
        const base = offset + 1;
        capture = undefined;
        return scan(rest, base);
      }
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      return scan(buf, offset);
    },
    async finish() {
      if (found) return { packages: goPackages(found) };
      if (sawPointerFormat) {
        return { packages: [], warnings: [`go: /${file.path} was built with Go < 1.18; its module list is not read`] };
      }
      return undefined;
    },
  };
}

/** The Go toolchain is reported as the `stdlib` module, as the Go vulnerability database names it. */
export function goPackages(info: GoBuildInfo): FoundPackage[] {
  const packages: FoundPackage[] = [];
  const stdlib = goToolchainVersion(info.goVersion);
  if (stdlib) packages.push({ kind: 'go', name: 'stdlib', version: stdlib });
  // `(devel)` is what `go build` records for the main module of a local checkout: nothing to match.
  if (info.main?.version && info.main.version !== '(devel)') {
    packages.push({ kind: 'go', name: info.main.path, version: info.main.version });
  }
  for (const dep of info.deps) if (dep.version) packages.push({ kind: 'go', name: dep.path, version: dep.version });
  return packages;
}

/** `go1.21.5` -> `1.21.5`, `go1.21` -> `1.21.0`, `go1.21rc2` -> `1.21.0-rc.2`; devel builds have none. */
export function goToolchainVersion(goVersion: string): string | undefined {
  const match = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?/.exec(goVersion.split(' ')[0]);
  if (!match) return undefined;
  const [, major, minor, patch, pre, preNum] = match;
  return `${major}.${minor}.${patch ?? '0'}${pre ? `-${pre}.${preNum}` : ''}`;
}
