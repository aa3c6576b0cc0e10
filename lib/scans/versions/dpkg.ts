import { type CompareResult, compareDigits, compareEpochVersions, sign } from './compare-result';

/**
 * Debian version ordering (deb-version(7), Debian Policy 5.6.12): `[epoch:]upstream[-revision]`,
 * compared part by part with dpkg's verrevcmp, where `~` sorts before everything, even the end.
 */
export function compare(a: string, b: string): CompareResult {
  return compareEpochVersions(a, b, verrevcmp, { releaseWhenBoth: false });
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Letters sort before other characters, `~` before everything including the end of the string. */
function order(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (isAlpha(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): CompareResult {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const ac = order(a[i]);
      const bc = order(b[j]);
      if (ac !== bc) return sign(ac - bc);
      i += 1;
      j += 1;
    }
    const startA = i;
    while (isDigit(a[i])) i += 1;
    const startB = j;
    while (isDigit(b[j])) j += 1;
    const numeric = compareDigits(a.slice(startA, i) || '0', b.slice(startB, j) || '0');
    if (numeric !== 0) return numeric;
  }
  return 0;
}
