import { describe, expect, it } from 'vitest';
import { findUnsafeText, isUnsafeText } from './unsafe-text';

describe('unsafe text', () => {
  it('finds NUL characters and unpaired surrogates, and accepts paired ones', () => {
    expect(isUnsafeText('a\u0000b')).toBe(true);
    expect(isUnsafeText('\uD800')).toBe(true);
    expect(isUnsafeText('x\uDC00')).toBe(true);
    expect(isUnsafeText('\uD83D\uDE00 emoji')).toBe(false);
    expect(isUnsafeText('plain')).toBe(false);
  });

  it('names the path of the first offending string, keys included', () => {
    expect(findUnsafeText({ a: [{ b: 'ok' }, { c: 'bad\u0000' }] })).toBe('a.1.c');
    expect(findUnsafeText({ headers: { 'X-\uD800': 'v' } })).toBe('headers.X-\uFFFD');
    expect(findUnsafeText({ a: 1, b: [true, null] })).toBeNull();
    expect(findUnsafeText('\u0000')).toBe('(body)');
  });
});
