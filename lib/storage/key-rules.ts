/** Splits a key into path segments, refusing anything that could name a path outside the root. */
export function keySegments(key: string): string[] {
  const segments = key.split('/');
  // An empty segment covers "", "/abs", "a//b" and "a/"; backslashes are refused so that keys mean the same on
  // every platform and backend, and NUL would truncate the path in the kernel.
  const invalid =
    key.includes('\\') || key.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..');
  if (invalid) throw new Error('invalid storage key');
  return segments;
}

/** Checks a list prefix: a key with its last segment cut short ("uploads/", "blobs/sha256/ab"). */
export function checkPrefix(prefix: string): void {
  // Appending a character makes a prefix a key, so the same rules keep it inside the root.
  keySegments(`${prefix}x`);
}
