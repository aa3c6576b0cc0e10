import { describe, expect, it } from 'vitest';
import { planRetention, type RetentionRuleSpec, type TagFacts } from './plan-retention';

const NOW = new Date('2026-12-07T00:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

const TAGS: TagFacts[] = [
  { name: 'v1.0', pushedAt: daysAgo(200), lastPulledAt: null },
  { name: 'v2.0', pushedAt: daysAgo(100), lastPulledAt: daysAgo(1) },
  { name: 'nightly-1', pushedAt: daysAgo(120), lastPulledAt: daysAgo(5) },
  { name: 'nightly-2', pushedAt: daysAgo(60), lastPulledAt: null },
  { name: 'nightly-3', pushedAt: daysAgo(10), lastPulledAt: null },
  { name: 'latest', pushedAt: daysAgo(1), lastPulledAt: daysAgo(0.5) },
];

const removed = (rules: RetentionRuleSpec[], tags = TAGS) =>
  planRetention(tags, rules, NOW)
    .filter((v) => !v.keep)
    .map((v) => v.tag)
    .sort();

describe('retention semantics (Harbor: a tag any rule keeps stays; the rest go)', () => {
  it.each([
    ['no rule removes nothing', [], []],
    ['keepNewest keeps the n most recently pushed', [{ name: 'recent', keepNewest: 2 }], ['nightly-1', 'nightly-2', 'v1.0', 'v2.0']],
    ['keepMatching alone keeps only matching tags', [{ name: 'releases', keepMatching: '^v.*' }], ['latest', 'nightly-1', 'nightly-2', 'nightly-3']],
    ['removeOlderThanDays removes what was pushed before', [{ name: 'old', removeOlderThanDays: 90 }], ['nightly-1', 'v1.0', 'v2.0']],
    ['removeNotPulledForDays counts pulls, and pushes as a pull', [{ name: 'cold', removeNotPulledForDays: 30 }], ['nightly-2', 'v1.0']],
    [
      'keep rules and remove rules combine: kept if any rule keeps it',
      [{ name: 'releases', keepMatching: 'v[0-9.]+' }, { name: 'old', removeOlderThanDays: 90 }],
      ['nightly-1'],
    ],
    ['several keep rules add up', [{ name: 'recent', keepNewest: 1 }, { name: 'cold', removeNotPulledForDays: 7 }], ['nightly-2', 'nightly-3', 'v1.0']],
  ] as Array<[string, RetentionRuleSpec[], string[]]>)('%s', (_name, rules, expected) => {
    expect(removed(rules)).toEqual(expected);
  });

  it('never removes an immutable tag, and says why each tag stays or goes', () => {
    const tags = TAGS.map((t) => (t.name === 'v1.0' ? { ...t, immutableBy: 'releases' } : t));
    const verdicts = planRetention(tags, [{ name: 'recent', keepNewest: 1 }], NOW);
    expect(verdicts.find((v) => v.tag === 'v1.0')).toEqual({ tag: 'v1.0', keep: true, reason: 'immutable (rule "releases")' });
    expect(verdicts.find((v) => v.tag === 'latest')).toEqual({ tag: 'latest', keep: true, reason: 'kept by "recent" (among the newest 1)' });
    expect(verdicts.find((v) => v.tag === 'nightly-2')).toEqual({ tag: 'nightly-2', keep: false, reason: 'no rule keeps it (pushed 60 days ago, never pulled)' });
  });
});
