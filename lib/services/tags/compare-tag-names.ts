import semver from 'semver';

/**
 * Tag order by name as people read versions: `0.9.0` before `0.32.0`, `v1.2` before `v1.10`, a release after its
 * pre-releases (`2.0.0-rc.1` before `2.0.0`). Tags that parse as versions (a leading `v` allowed, missing minor or
 * patch filled in) compare as versions; other names compare piecewise, runs of digits by value; versions sort
 * before other names. Never 0 for two different names, so the order is total and pages are stable.
 */
export function compareTagNames(a: string, b: string): number {
  if (a === b) return 0;
  const va = asVersion(a);
  const vb = asVersion(b);
  if (va && vb) return semver.compare(va, vb) || natural(a, b);
  if (va) return -1;
  if (vb) return 1;
  return natural(a, b);
}

function asVersion(tag: string): semver.SemVer | null {
  if (!/^v?\d/.test(tag)) return null;
  return semver.parse(tag) ?? partialVersion(tag);
}

// `1`, `1.2`, `v1.2`: a version with the missing parts zero. Anything else (`1.2.3.4`, `20240101-abc`) is a name.
function partialVersion(tag: string): semver.SemVer | null {
  const m = /^v?(\d+)(?:\.(\d+))?$/.exec(tag);
  if (!m) return null;
  return new semver.SemVer(`${Number(m[1])}.${Number(m[2] ?? 0)}.0`);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function natural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : 1);
}
