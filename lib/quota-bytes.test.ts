import { describe, expect, it } from 'vitest';
import { formatQuotaBytes, parseQuotaBytes } from './quota-bytes';

describe('quota sizes', () => {
  it('formats in binary units with at most one decimal', () => {
    expect(formatQuotaBytes(100 * 1024 ** 2)).toBe('100 MiB');
    expect(formatQuotaBytes(120 * 1024 ** 2)).toBe('120 MiB');
    expect(formatQuotaBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatQuotaBytes(500)).toBe('500 B');
    expect(formatQuotaBytes(1536)).toBe('1.5 KiB');
  });

  it('parses bytes and binary units, and refuses the rest', () => {
    expect(parseQuotaBytes('1073741824')).toBe(1024 ** 3);
    expect(parseQuotaBytes('10GiB')).toBe(10 * 1024 ** 3);
    expect(parseQuotaBytes('500 MiB')).toBe(500 * 1024 ** 2);
    expect(parseQuotaBytes('1.5g')).toBe(1.5 * 1024 ** 3);
    for (const bad of ['', 'ten', '-5', '5 parsecs', '1e9']) expect(parseQuotaBytes(bad)).toBeNull();
  });
});
