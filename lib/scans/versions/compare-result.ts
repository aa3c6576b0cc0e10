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
