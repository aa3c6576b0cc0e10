import { describe, expect, it } from 'vitest';
import { compareTagNames } from './compare-tag-names';

const sorted = (names: string[]) => [...names].sort(compareTagNames);

describe('compareTagNames', () => {
  it('orders versions by value, not by characters', () => {
    expect(sorted(['0.32.0', '0.9.0', '1.0.0', '0.10.1'])).toEqual(['0.9.0', '0.10.1', '0.32.0', '1.0.0']);
  });

  it('reads a leading v and missing minor or patch parts', () => {
    expect(sorted(['v1.10', 'v1.2', '2', '1.2.1'])).toEqual(['v1.2', '1.2.1', 'v1.10', '2']);
  });

  it('puts pre-releases before their release', () => {
    expect(sorted(['2.0.0', '2.0.0-rc.2', '2.0.0-rc.10', '2.0.0-beta.1'])).toEqual(['2.0.0-beta.1', '2.0.0-rc.2', '2.0.0-rc.10', '2.0.0']);
  });

  it('sorts other names naturally, after the versions', () => {
    expect(sorted(['latest', 'build-10', '1.0.0', 'build-9', 'alpine'])).toEqual(['1.0.0', 'alpine', 'build-9', 'build-10', 'latest']);
  });

  it('is total: different names never compare equal', () => {
    expect(compareTagNames('v1.0.0', '1.0.0')).not.toBe(0);
    expect(compareTagNames('Latest', 'latest')).not.toBe(0);
    expect(compareTagNames('a', 'a')).toBe(0);
  });
});
