// Postgres text cannot hold U+0000, and a UTF-16 string with an unpaired surrogate has no UTF-8 form: either
// makes the database refuse the statement. Such input is refused at the edge of each protocol instead, in that
// protocol's terms, before any service sees it.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isUnsafeText(s: string): boolean {
  return s.includes('\u0000') || LONE_SURROGATE.test(s);
}

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * The path (`a.b.0.c`) of the first string in a JSON value, key or value, that Postgres could not store; null
 * when there is none.
 */
export function findUnsafeText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isUnsafeText(value) ? path.join('.') || '(body)' : null;
  if (value === null || typeof value !== 'object' || depth > 64) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, String(i)], depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (isUnsafeText(k)) return [...path, k.replace(/[\u0000\uD800-\uDFFF]/g, '\uFFFD')].join('.');
    const found = findUnsafeText(v, [...path, k], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
