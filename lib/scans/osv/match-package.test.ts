import { describe, expect, it } from 'vitest';
import * as dpkg from '../versions/dpkg';
import * as semver from '../versions/semver';
import { createMemoryVulnIndex } from './create-memory-index';
import { groupMatches } from './group-matches';
import { evaluateRange, matchPackage } from './match-package';
import { parseOsvRecord } from './osv-schema';
import { assessSeverity, levelFromLabel, levelFromScore } from './severity';

describe('evaluateRange', () => {
  const range = [{ introduced: '1.0.0' }, { fixed: '1.2.6' }, { introduced: '0' }, { fixed: '0.2.4' }];
  it.each([
    ['0.0.1', true, '0.2.4'],
    ['0.2.4', false, undefined],
    ['0.9.9', false, undefined],
    ['1.0.0', true, '1.2.6'],
    ['1.2.5', true, '1.2.6'],
    ['1.2.6', false, undefined],
    ['2.0.0', false, undefined],
  ])('sorts unordered events: %s', (version, affected, fixed) => {
    expect(evaluateRange(range, version, semver.compare)).toEqual(affected ? { affected, fixedVersion: fixed } : { affected });
  });

  it('handles last_affected (inclusive) and open ranges', () => {
    const events = [{ introduced: '1.0-1' }, { last_affected: '1.4-2' }];
    expect(evaluateRange(events, '1.4-2', dpkg.compare)).toEqual({ affected: true, fixedVersion: undefined });
    expect(evaluateRange(events, '1.4-2+b1', dpkg.compare).affected).toBe(false);
    expect(evaluateRange([{ introduced: '0' }], '99', dpkg.compare)).toEqual({ affected: true, fixedVersion: undefined });
  });

  it('treats limit as an exclusive upper bound', () => {
    const events = [{ introduced: '0' }, { limit: '2.0.0' }];
    expect(evaluateRange(events, '1.9.0', semver.compare).affected).toBe(true);
    expect(evaluateRange(events, '2.0.0', semver.compare).affected).toBe(false);
  });

  it('uses the ecosystem ordering (dpkg tilde)', () => {
    const events = [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }];
    expect(evaluateRange(events, '3.0.11-1~deb12u1', dpkg.compare).affected).toBe(true);
    expect(evaluateRange(events, '3.0.11-1', dpkg.compare).affected).toBe(false);
  });
});

const record = (json: Record<string, unknown>) => parseOsvRecord({ id: 'X-1', ...json });

describe('matchPackage', () => {
  it('matches by ecosystem with release, normalized name, ranges and explicit versions', () => {
    const records = [
      record({
        id: 'PYSEC-1',
        affected: [{ package: { ecosystem: 'PyPI', name: 'PyYAML' }, versions: ['5.3', '5.3.1'] }],
      }),
      record({
        id: 'DEB-1',
        affected: [{ package: { ecosystem: 'Debian:11', name: 'pyyaml' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }] }],
      }),
      record({ id: 'GIT-1', affected: [{ package: { ecosystem: 'PyPI', name: 'pyyaml' }, ranges: [{ type: 'GIT', events: [{ introduced: 'abc' }] }] }] }),
      record({ id: 'OLD-1', withdrawn: '2022-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'PyPI', name: 'pyyaml' }, versions: ['5.3.1'] }] }),
    ];
    expect(matchPackage({ ecosystem: 'PyPI', name: 'py_yaml', version: '5.3.1' }, records).map((m) => m.record.id)).toEqual([]);
    expect(matchPackage({ ecosystem: 'PyPI', name: 'pyyaml', version: '5.3.1' }, records).map((m) => m.record.id)).toEqual(['PYSEC-1']);
    expect(matchPackage({ ecosystem: 'PyPI', name: 'pyyaml', version: '5.4' }, records)).toEqual([]);
  });
});

describe('severity', () => {
  it('maps scores with the documented thresholds', () => {
    expect([10, 9.8, 9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0].map(levelFromScore)).toEqual(['Critical', 'Critical', 'Critical', 'High', 'High', 'Medium', 'Medium', 'Low', 'Low', 'Unknown']);
    expect(['CRITICAL', 'HIGH', 'MODERATE', 'low', 'medium**', 'unimportant', 'not yet assigned'].map(levelFromLabel)).toEqual([
      'Critical',
      'High',
      'Medium',
      'Low',
      'Medium',
      'Low',
      'Unknown',
    ]);
  });

  it('prefers a CVSS vector, newest version first, then labels', () => {
    const both = record({
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N' },
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
      ],
      database_specific: { severity: 'LOW' },
    });
    expect(assessSeverity(both)).toEqual({ level: 'Critical', score: 9.3 });
    expect(assessSeverity(record({ database_specific: { severity: 'MODERATE' } }))).toEqual({ level: 'Medium' });
    const debian = record({ affected: [{ package: { ecosystem: 'Debian:12', name: 'x' }, ecosystem_specific: { urgency: 'high' } }] });
    expect(assessSeverity(debian, debian.affected?.[0])).toEqual({ level: 'High' });
    expect(assessSeverity(record({ severity: [{ type: 'Ubuntu', score: 'negligible' }] }))).toEqual({ level: 'Low' });
    expect(assessSeverity(record({}))).toEqual({ level: 'Unknown' });
  });
});

describe('groupMatches', () => {
  it('merges records joined through aliases, keeps the best-rated as the representative', () => {
    const ghsa = record({
      id: 'GHSA-aaaa',
      aliases: ['CVE-2023-1'],
      summary: 'from GitHub',
      database_specific: { severity: 'HIGH' },
      affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }],
    });
    const pysec = record({
      id: 'PYSEC-2023-1',
      aliases: ['CVE-2023-1', 'GHSA-aaaa'],
      affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }] }],
    });
    const other = record({
      id: 'GHSA-bbbb',
      upstream: ['CVE-2023-1'],
      affected: [{ package: { ecosystem: 'PyPI', name: 'x' }, versions: ['1.0'] }],
    });
    const groups = groupMatches(matchPackage({ ecosystem: 'PyPI', name: 'x', version: '1.0' }, [pysec, ghsa, other]));
    expect(groups).toEqual([
      { id: 'GHSA-aaaa', aliases: ['CVE-2023-1', 'PYSEC-2023-1'], summary: 'from GitHub', severity: 'High', score: undefined, fixedVersion: '2.0' },
      { id: 'GHSA-bbbb', aliases: ['CVE-2023-1'], summary: '', severity: 'Unknown', score: undefined, fixedVersion: undefined },
    ]);
  });
});

describe('createMemoryVulnIndex', () => {
  it('indexes by ecosystem and normalized name and knows which ecosystems it has', async () => {
    const index = createMemoryVulnIndex([
      { id: 'A', affected: [{ package: { ecosystem: 'PyPI', name: 'Django' } }, { package: { ecosystem: 'PyPI', name: 'django' } }] },
    ]);
    expect((await index.lookup('PyPI', 'DJANGO')).map((r) => r.id)).toEqual(['A']);
    expect(await index.hasEcosystem('PyPI')).toBe(true);
    expect(await index.hasEcosystem('npm')).toBe(false);
    expect(() => createMemoryVulnIndex([{ summary: 'no id' }])).toThrow();
  });
});
