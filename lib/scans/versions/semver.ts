import semver from 'semver';
import { type CompareResult } from './compare-result';
import { compare as compareDpkg } from './dpkg';

/**
 * SemVer 2.0 ordering (npm, Go modules, OSV `SEMVER` ranges). A leading `v` is accepted, as Go
 * writes it. Strings that are not SemVer fall back to a segment-wise comparison, not an error.
 */
export function compare(a: string, b: string): CompareResult {
  const x = parse(a);
  const y = parse(b);
  if (x && y) return semver.compare(x, y);
  return compareDpkg(a, b);
}

function parse(version: string): semver.SemVer | null {
  const trimmed = version.trim().replace(/^v/, '');
  return semver.parse(trimmed) ?? semver.parse(trimmed, { loose: true }) ?? coerceShort(trimmed);
}

/** OSV and Go stdlib data sometimes write `1.21` for `1.21.0`. */
function coerceShort(version: string): semver.SemVer | null {
  const match = /^(\d+)(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/.exec(version);
  if (!match) return null;
  return semver.parse(`${match[1]}.${match[2] ?? '0'}.0${match[3] ?? ''}`);
}
