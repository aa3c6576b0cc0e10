export type CompareResult = -1 | 0 | 1;

export function sign(n: number): CompareResult {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares two strings of decimal digits of any length without overflow. */
export function compareDigits(a: string, b: string): CompareResult {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Orders `[epoch:]version[-release]` strings as dpkg and rpm both do: epochs numerically, then versions, then
 * releases, these two with the packager's own `compareParts`. A missing release compares as empty, unless
 * `releaseWhenBoth`: then releases are compared only when both sides have one (rpm's dependency matching).
 */
export function compareEpochVersions(
  a: string,
  b: string,
  compareParts: (x: string, y: string) => CompareResult,
  opts: { releaseWhenBoth: boolean },
): CompareResult {
  const x = splitEpochVersion(a);
  const y = splitEpochVersion(b);
  const epoch = compareDigits(x.epoch, y.epoch);
  if (epoch !== 0) return epoch;
  const version = compareParts(x.version, y.version);
  if (version !== 0) return version;
  if (opts.releaseWhenBoth && (x.release === undefined || y.release === undefined)) return 0;
  return compareParts(x.release ?? '', y.release ?? '');
}

/**
 * `[epoch:]version[-release]` split as dpkg and rpm both split it: an all-digit epoch before the first colon (else
 * 0), and the release after the last hyphen (none without one).
 */
function splitEpochVersion(text: string): { epoch: string; version: string; release?: string } {
  let rest = text.trim();
  let epoch = '0';
  const colon = rest.indexOf(':');
  if (colon > 0 && /^\d+$/.test(rest.slice(0, colon))) {
    epoch = rest.slice(0, colon);
    rest = rest.slice(colon + 1);
  }
  const hyphen = rest.lastIndexOf('-');
  if (hyphen < 0) return { epoch, version: rest };
  return { epoch, version: rest.slice(0, hyphen), release: rest.slice(hyphen + 1) };
}
