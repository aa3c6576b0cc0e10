import { describe, expect, it } from 'vitest';
import { anchoredPattern, describeSkip, describeTrigger, eventLabel, parseTagList } from './describe-webhook';

describe('webhook wording', () => {
  it('shows a regex trigger anchored, as it is matched', () => {
    expect(describeTrigger({ kind: 'regex', pattern: 'v1\\..*' })).toBe('Tags matching ^v1\\..*$');
    expect(anchoredPattern('^v1$')).toBe('^v1$');
    expect(anchoredPattern('a\\$')).toBe('^a\\$$');
    expect(describeTrigger({ kind: 'all' })).toBe('All tags');
    expect(describeTrigger({ kind: 'tags', tags: ['v1', 'latest'] })).toBe('Tags v1, latest');
    expect(describeTrigger({ kind: 'tags', tags: ['v1'] })).toBe('Tag v1');
  });

  it('says why a webhook did not fire', () => {
    const event = { type: 'image.pushed' as const, tag: 'v2' };
    const skip = (reason: 'disabled' | 'event-not-selected' | 'tag-not-matched') => ({ webhookId: 'w', webhookName: 'ci', reason });
    expect(describeSkip(skip('tag-not-matched'), event, { trigger: { kind: 'regex', pattern: 'v1\\..*' } })).toBe('tag v2 did not match ^v1\\..*$');
    expect(describeSkip(skip('tag-not-matched'), event, { trigger: { kind: 'tags', tags: ['v1'] } })).toBe('tag v2 is not in its list (v1)');
    expect(describeSkip(skip('tag-not-matched'), event)).toBe('tag v2 did not match its trigger');
    expect(describeSkip(skip('disabled'), event)).toBe('webhook disabled');
    expect(describeSkip(skip('event-not-selected'), { type: 'tag.deleted', tag: 'v2' })).toMatch(/^event not selected .*tag deleted/);
  });

  it('names known events and keeps unknown ones as they are', () => {
    expect(eventLabel('image.pushed')).toBe('Image pushed');
    expect(eventLabel('webhook.test')).toBe('Test event');
    expect(eventLabel('something.new')).toBe('something.new');
  });

  it('splits a tag list on commas and spaces', () => {
    expect(parseTagList(' v1, v2 ,latest  ')).toEqual(['v1', 'v2', 'latest']);
    expect(parseTagList('')).toEqual([]);
  });
});
