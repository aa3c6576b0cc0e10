import { type CompareResult, compareDigits, compareEpochVersions } from './compare-result';

/**
 * RPM ordering of `[epoch:]version[-release]`: epochs numerically, then version and release with
 * rpmvercmp. Like rpm's dependency matching, the release is only compared when both sides have one.
 */
export function compare(a: string, b: string): CompareResult {
  return compareEpochVersions(a, b, rpmvercmp, { releaseWhenBoth: true });
}

const isAlnum = (c: string) => /[0-9A-Za-z]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/**
 * rpmvercmp from rpm's rpmio/rpmvercmp.c: alternating runs of digits and letters, separators
 * ignored, numbers beat letters, `~` sorts before anything (even the end) and `^` after the end
 * but before anything else.
 */
export function rpmvercmp(a: string, b: string): CompareResult {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i += 1;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j += 1;

    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i += 1;
      j += 1;
      continue;
    }
    if (i >= a.length || j >= b.length) break;

    const numeric = isDigit(a[i]);
    const matches = numeric ? isDigit : isAlpha;
    const startA = i;
    while (i < a.length && matches(a[i])) i += 1;
    const startB = j;
    while (j < b.length && matches(b[j])) j += 1;
    const segA = a.slice(startA, i);
    const segB = b.slice(startB, j);
    // Segments of different kinds: the numeric one is newer.
    if (segB === '') return numeric ? 1 : -1;
    const r = numeric ? compareDigits(segA, segB) : segA < segB ? -1 : segA > segB ? 1 : 0;
    if (r !== 0) return r;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}
