import { type CompareResult, compareDigits } from './compare-result';
import { compare as compareDpkg } from './dpkg';

/**
 * PEP 440 ordering (PyPI): epoch, release (trailing zeros ignored), then dev < pre < final < post,
 * with `.devN` sorting before the release or pre-release it belongs to, then the local version.
 * Spellings are normalized as PEP 440 allows (`alpha` = `a`, `c`/`pre`/`preview` = `rc`, `-1` = `.post1`).
 * Strings that are not PEP 440 fall back to a segment-wise comparison instead of throwing.
 */
export function compare(a: string, b: string): CompareResult {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return compareDpkg(a, b);
  return (
    compareDigits(x.epoch, y.epoch) ||
    compareRelease(x.release, y.release) ||
    compareKeys(preKey(x), preKey(y)) ||
    compareKeys(postKey(x), postKey(y)) ||
    compareKeys(devKey(x), devKey(y)) ||
    compareLocal(x.local, y.local)
  );
}

interface Pep440Version {
  epoch: string;
  release: string[];
  pre?: { rank: number; num: string };
  post?: string;
  dev?: string;
  local?: string[];
}

const VERSION_PATTERN = new RegExp(
  '^\\s*v?' +
    '(?:(\\d+)!)?' + // epoch
    '(\\d+(?:\\.\\d+)*)' + // release
    '(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?' + // pre-release
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' + // post-release (`-1` is an implicit post)
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' + // development release
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?' + // local version
    '\\s*$',
  'i',
);

const PRE_RANK: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

export function parse(version: string): Pep440Version | undefined {
  const m = VERSION_PATTERN.exec(version);
  if (!m) return undefined;
  return {
    epoch: m[1] ?? '0',
    release: m[2].split('.'),
    pre: m[3] ? { rank: PRE_RANK[m[3].toLowerCase()], num: m[4] ?? '0' } : undefined,
    post: m[5] !== undefined ? m[5] : m[6] ? (m[7] ?? '0') : undefined,
    dev: m[8] ? (m[9] ?? '0') : undefined,
    local: m[10]?.toLowerCase().split(/[-_.]/),
  };
}

function compareRelease(a: string[], b: string[]): CompareResult {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const r = compareDigits(a[i] ?? '0', b[i] ?? '0');
    if (r !== 0) return r;
  }
  return 0;
}

// A key is a list of numbers; -Infinity and Infinity stand for "absent" where PEP 440 needs them.
type Key = number[];

function preKey(v: Pep440Version): Key {
  // `1.0.dev1` (dev without pre or post) sorts before every pre-release of 1.0.
  if (!v.pre && v.post === undefined && v.dev !== undefined) return [-Infinity];
  if (!v.pre) return [Infinity];
  return [v.pre.rank, Number(v.pre.num)];
}

function postKey(v: Pep440Version): Key {
  return v.post === undefined ? [-Infinity] : [Number(v.post)];
}

function devKey(v: Pep440Version): Key {
  return v.dev === undefined ? [Infinity] : [Number(v.dev)];
}

function compareKeys(a: Key, b: Key): CompareResult {
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? -Infinity;
    const y = b[i] ?? -Infinity;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Local segments: numbers sort above strings, numbers numerically, strings lexically. */
function compareLocal(a: string[] | undefined, b: string[] | undefined): CompareResult {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const xNum = /^\d+$/.test(x);
    const yNum = /^\d+$/.test(y);
    if (xNum !== yNum) return xNum ? 1 : -1;
    const r = xNum ? compareDigits(x, y) : x < y ? -1 : x > y ? 1 : 0;
    if (r !== 0) return r;
  }
  return 0;
}
