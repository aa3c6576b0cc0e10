import { describe, expect, it } from 'vitest';
import * as apk from './apk';
import type { CompareResult } from './compare-result';
import * as dpkg from './dpkg';
import * as maven from './maven';
import * as pep440 from './pep440';
import * as rpm from './rpm';
import { selectComparator } from './select-comparator';
import * as semver from './semver';

type Compare = (a: string, b: string) => CompareResult;

/** Every earlier version must sort strictly before every later one, in both directions. */
function expectAscending(compare: Compare, versions: string[]) {
  for (let i = 0; i < versions.length; i += 1) {
    for (let j = i + 1; j < versions.length; j += 1) {
      expect(compare(versions[i], versions[j]), `${versions[i]} < ${versions[j]}`).toBe(-1);
      expect(compare(versions[j], versions[i]), `${versions[j]} > ${versions[i]}`).toBe(1);
    }
  }
}

function expectEqual(compare: Compare, pairs: Array<[string, string]>) {
  for (const [a, b] of pairs) {
    expect(compare(a, b), `${a} == ${b}`).toBe(0);
    expect(compare(b, a), `${b} == ${a}`).toBe(0);
  }
}

function expectTable(compare: Compare, rows: Array<[string, string, CompareResult]>) {
  for (const [a, b, want] of rows) expect(compare(a, b), `cmp(${a}, ${b})`).toBe(want);
}

describe('dpkg', () => {
  it('orders tilde before everything, even the end (Debian Policy 5.6.12)', () => {
    expectAscending(dpkg.compare, ['1.0~~', '1.0~~a', '1.0~', '1.0', '1.0a', '1.0+b1', '1.0.1']);
  });
  it('compares epochs first, numerically', () => {
    expectAscending(dpkg.compare, ['2.0', '1:0.1', '2:0.0.1', '10:0.1']);
    expectEqual(dpkg.compare, [['0:1.0', '1.0']]);
  });
  it('compares numeric parts as numbers and revisions last', () => {
    expectAscending(dpkg.compare, ['1.0.9', '1.0.10', '1.0.10-1', '1.0.10-2', '1.0.10-10']);
    expectEqual(dpkg.compare, [
      ['1.001', '1.1'],
      ['1.2.3', '1.2.3-0'],
    ]);
  });
  it('orders real Debian security backports', () => {
    expectAscending(dpkg.compare, ['3.0.11-1~deb12u1', '3.0.11-1~deb12u2', '3.0.11-1', '3.0.11-1+b1']);
    expectAscending(dpkg.compare, ['2.36-9', '2.36-9+deb12u1', '2.36-9+deb12u3', '2.36-9+deb12u10']);
    expectAscending(dpkg.compare, ['1:9.2p1-2+deb12u2', '1:9.2p1-2+deb12u3', '1:9.3p1-1']);
    expectAscending(dpkg.compare, ['1.36.1-9ubuntu1', '1.36.1-9ubuntu1.1', '1.36.1-9ubuntu3']);
  });
});

describe('apk', () => {
  it('orders pre-release suffixes before and post-release suffixes after the release', () => {
    expectAscending(apk.compare, [
      '1.0_alpha',
      '1.0_alpha1',
      '1.0_alpha2',
      '1.0_beta',
      '1.0_pre1',
      '1.0_rc1',
      '1.0_rc2',
      '1.0',
      '1.0_cvs',
      '1.0_svn',
      '1.0_git',
      '1.0_hg',
      '1.0_p1',
      '1.0_p2',
    ]);
  });
  it('orders revisions, letters and numeric components', () => {
    expectAscending(apk.compare, ['1.0', '1.0-r1', '1.0-r2', '1.0-r10', '1.0a', '1.0b', '1.0.1', '1.2', '1.10']);
    expectAscending(apk.compare, ['1.0_rc1-r0', '1.0-r0', '1.0_p1-r1', '1.0_p1-r2']);
    expectAscending(apk.compare, ['3.1.3-r0', '3.1.4-r0', '3.1.4-r1', '3.1.4-r2']);
    expectAscending(apk.compare, ['1.36.1-r3', '1.36.1-r20', '1.36.2-r0']);
  });
  it('compares components with a leading zero as text, like Gentoo', () => {
    expectAscending(apk.compare, ['1.001', '1.01', '1.02', '1.1']);
  });
  it('treats equal strings as equal, including commit hashes', () => {
    expectEqual(apk.compare, [
      ['2.10.6-r0', '2.10.6-r0'],
      ['1.0~abc1-r0', '1.0~abc1-r0'],
    ]);
    expectAscending(apk.compare, ['1.0~abc1', '1.0~abd']);
  });
});

describe('rpm', () => {
  // Cases from rpm's own rpmvercmp test suite.
  it('matches rpmvercmp', () => {
    expectTable(rpm.rpmvercmp, [
      ['1.0', '1.0', 0],
      ['1.0', '2.0', -1],
      ['2.0', '1.0', 1],
      ['2.0', '2.0.1', -1],
      ['2.0.1a', '2.0.1', 1],
      ['5.5p1', '5.5p2', -1],
      ['5.5p10', '5.5p1', 1],
      ['10xyz', '10.1xyz', -1],
      ['xyz10', 'xyz10.1', -1],
      ['xyz.4', '8', -1],
      ['8', 'xyz.4', 1],
      ['5.6p1', '6.5p1', -1],
      ['6.0.rc1', '6.0', 1],
      ['10b2', '10a1', 1],
      ['1.0a', '1.0aa', -1],
      ['10.0001', '10.1', 0],
      ['10.0001', '10.0039', -1],
      ['4.999.9', '5.0', -1],
      ['2.0', '2_0', 0],
      ['+a', '_a', 0],
      ['+', '_', 0],
    ]);
  });
  it('sorts ~ before and ^ after the end of a version', () => {
    expectTable(rpm.rpmvercmp, [
      ['1.0~rc1', '1.0', -1],
      ['1.0', '1.0~rc1', 1],
      ['1.0~rc1', '1.0~rc2', -1],
      ['1.0~rc1~git123', '1.0~rc1', -1],
      ['1.0^', '1.0', 1],
      ['1.0^git1', '1.0', 1],
      ['1.0^git1', '1.0^git2', -1],
      ['1.0^git1', '1.01', -1],
      ['1.0^20160101', '1.0.1', -1],
      ['1.0~rc1^git1', '1.0~rc1', 1],
      ['1.0^git1~pre', '1.0^git1', -1],
    ]);
  });
  it('compares epoch, version and release', () => {
    expectAscending(rpm.compare, ['3.0.7-16.el9', '3.0.7-17.el9', '3.0.7-17.el9_2', '1:3.0.7-1.el9', '2:1.0-1']);
    expectEqual(rpm.compare, [
      ['0:1.0-1', '1.0-1'],
      ['1.0', '1.0-5'],
    ]);
  });
});

describe('semver', () => {
  it('follows SemVer 2.0 precedence', () => {
    expectAscending(semver.compare, [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
    ]);
  });
  it('accepts Go module spellings', () => {
    expectEqual(semver.compare, [
      ['v0.17.0', '0.17.0'],
      ['1.21', '1.21.0'],
    ]);
    expectAscending(semver.compare, ['v0.0.0-20210101000000-abcdef123456', 'v0.1.0', '1.21.0-rc.2', '1.21.0', '1.21.5']);
  });
});

describe('pep440', () => {
  it('matches the ordering example of PEP 440', () => {
    expectAscending(pep440.compare, [
      '1.0.dev456',
      '1.0a1',
      '1.0a2.dev456',
      '1.0a12.dev456',
      '1.0a12',
      '1.0b1.dev456',
      '1.0b2',
      '1.0b2.post345.dev456',
      '1.0b2.post345',
      '1.0rc1.dev456',
      '1.0rc1',
      '1.0',
      '1.0+abc.5',
      '1.0+abc.7',
      '1.0+5',
      '1.0.post456.dev34',
      '1.0.post456',
      '1.0.15',
      '1.1.dev1',
    ]);
  });
  it('normalizes alternative spellings and epochs', () => {
    expectEqual(pep440.compare, [
      ['1.0', '1.0.0'],
      ['1.0alpha1', '1.0a1'],
      ['1.0c1', '1.0rc1'],
      ['1.0-1', '1.0.post1'],
      ['1.0.POST1', '1.0.post1'],
      ['1.0-r1', '1.0.post1'],
      ['v1.0', '1.0'],
      ['1.0.post', '1.0.post0'],
    ]);
    expectAscending(pep440.compare, ['2.0', '1!1.0', '1!2.0']);
    expectAscending(pep440.compare, ['1.26.5', '1.26.17', '1.26.18', '2.0.0', '2.0.7']);
  });
});

describe('maven', () => {
  // Tables from Maven's own ComparableVersionTest.
  it('orders qualifiers', () => {
    expectAscending(maven.compare, [
      '1-alpha2snapshot',
      '1-alpha2',
      '1-alpha-123',
      '1-beta-2',
      '1-beta123',
      '1-m2',
      '1-m11',
      '1-rc',
      '1-cr2',
      '1-rc123',
      '1-SNAPSHOT',
      '1',
      '1-sp',
      '1-sp2',
      '1-sp123',
      '1-abc',
      '1-def',
      '1-pom-1',
      '1-1-snapshot',
      '1-1',
      '1-2',
      '1-123',
    ]);
  });
  it('orders numbers and mixed items', () => {
    expectAscending(maven.compare, [
      '2.0',
      '2-1',
      '2.0.a',
      '2.0.0.a',
      '2.0.2',
      '2.0.123',
      '2.1.0',
      '2.1-a',
      '2.1b',
      '2.1-c',
      '2.1-1',
      '2.1.0.1',
      '2.2',
      '2.123',
      '11.a2',
      '11.a11',
      '11.b2',
      '11.b11',
      '11.m2',
      '11.m11',
      '11',
      '11.a',
      '11b',
      '11c',
      '11m',
    ]);
  });
  it('treats equivalent spellings as equal', () => {
    expectEqual(maven.compare, [
      ['1', '1.0'],
      ['1', '1.0.0'],
      ['1', '1-0'],
      ['1.0', '1.0-0'],
      ['1a', '1-a'],
      ['1a', '1.0.0-a'],
      ['1ga', '1'],
      ['1final', '1'],
      ['1cr', '1rc'],
      ['1a1', '1alpha1'],
      ['1m3', '1milestone3'],
      ['1X', '1x'],
      ['1-abcdefghijklmnopqrstuvwxyz', '1-ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
    ]);
  });
  it('orders the Log4Shell fix branches', () => {
    expectAscending(maven.compare, ['2.0-beta9', '2.0', '2.3.1', '2.4', '2.10.0', '2.12.2', '2.13.0', '2.14.1', '2.15.0']);
    expectAscending(maven.compare, ['1.0-alpha-1', '1.0-beta-1', '1.0-SNAPSHOT', '1.0', '1.0-1', '1.0-2', '2.0.1', '2.0.1-xyz', '2.0.1-123']);
  });
});

describe('selectComparator', () => {
  it('picks the ordering of each ecosystem', () => {
    expect(selectComparator('Debian:12')).toBe(dpkg.compare);
    expect(selectComparator('Ubuntu:22.04:LTS')).toBe(dpkg.compare);
    expect(selectComparator('Alpine:v3.19')).toBe(apk.compare);
    expect(selectComparator('Rocky Linux:9')).toBe(rpm.compare);
    expect(selectComparator('npm')).toBe(semver.compare);
    expect(selectComparator('Go')).toBe(semver.compare);
    expect(selectComparator('PyPI')).toBe(pep440.compare);
    expect(selectComparator('Maven')).toBe(maven.compare);
  });
});
