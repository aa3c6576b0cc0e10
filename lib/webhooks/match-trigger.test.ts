import { describe, expect, it } from 'vitest';
import { compileTagPattern, decideWebhook, matchesTrigger } from './match-trigger';

describe('matchesTrigger', () => {
  it('all matches every tag', () => {
    expect(matchesTrigger({ kind: 'all' }, 'anything')).toBe(true);
  });

  it('tags matches listed names exactly', () => {
    const t = { kind: 'tags', tags: ['latest', 'stable'] } as const;
    expect(matchesTrigger(t, 'latest')).toBe(true);
    expect(matchesTrigger(t, 'stable')).toBe(true);
    expect(matchesTrigger(t, 'Latest')).toBe(false);
    expect(matchesTrigger(t, 'latest-1')).toBe(false);
  });

  it('regex must match the whole tag', () => {
    const t = { kind: 'regex', pattern: 'v[0-9]+\\.[0-9]+\\.[0-9]+' } as const;
    expect(matchesTrigger(t, 'v1.2.3')).toBe(true);
    expect(matchesTrigger(t, 'v1.2.3-rc1')).toBe(false);
    expect(matchesTrigger(t, 'xv1.2.3')).toBe(false);
    expect(matchesTrigger({ kind: 'regex', pattern: 'release-.*' }, 'release-2026')).toBe(true);
  });

  it('a stored pattern that does not compile matches nothing', () => {
    expect(matchesTrigger({ kind: 'regex', pattern: '(' }, '(')).toBe(false);
  });

  it('a catastrophic-backtracking pattern runs in linear time', () => {
    const hostile = { kind: 'regex', pattern: '(a+)+$' } as const;
    const started = performance.now();
    expect(matchesTrigger(hostile, `${'a'.repeat(127)}b`)).toBe(false);
    expect(matchesTrigger(hostile, `${'a'.repeat(100_000)}b`)).toBe(false);
    // JavaScript's RegExp would take longer than the age of the universe on the first input alone.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('compileTagPattern', () => {
  it.each(['(a+)+$', '^v\\d+$', 'release-(?P<n>\\d+)', '[[:alpha:]]+'])('accepts %s', (p) => {
    expect(compileTagPattern(p).ok).toBe(true);
  });

  it.each([
    ['(', /missing closing \)/],
    ['(?=x)', /unsupported Perl syntax/],
    ['(a)\\1', /invalid escape/],
    ['a{1001}', /invalid repeat count/],
    ['((a{100}){100}){100}', /invalid repeat count/],
    ['a**', /nested repetition/],
  ])('rejects %s', (p, message) => {
    const r = compileTagPattern(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('rejects patterns over 256 characters', () => {
    const r = compileTagPattern('a'.repeat(257));
    expect(r).toEqual({ ok: false, message: 'at most 256 characters' });
  });
});

describe('decideWebhook', () => {
  const hook = { enabled: true, events: ['image.pushed'], trigger: { kind: 'tags', tags: ['v1'] } } as const;

  it('fires when enabled, subscribed and matching', () => {
    expect(decideWebhook(hook, { type: 'image.pushed', tag: 'v1' })).toEqual({ fire: true });
  });

  it('says why it does not fire', () => {
    expect(decideWebhook({ ...hook, enabled: false }, { type: 'image.pushed', tag: 'v1' })).toEqual({ fire: false, reason: 'disabled' });
    expect(decideWebhook(hook, { type: 'tag.deleted', tag: 'v1' })).toEqual({ fire: false, reason: 'event-not-selected' });
    expect(decideWebhook(hook, { type: 'image.pushed', tag: 'v2' })).toEqual({ fire: false, reason: 'tag-not-matched' });
  });
});
