import { describe, expect, it } from 'vitest';
import { describeGcSchedule, whenSpaceReturns } from './gc-schedule';

describe('describeGcSchedule', () => {
  it.each([
    [null, 'off'],
    ['0 3 * * *', 'daily at 03:00 UTC'],
    ['30 2 * * 0', 'every Sunday at 02:30 UTC'],
    ['5 23 * * 7', 'every Sunday at 23:05 UTC'],
    ['0 * * * *', 'hourly'],
    ['*/15 * * * *', 'on the cron schedule */15 * * * * (UTC)'],
    ['0 3 1 * *', 'on the cron schedule 0 3 1 * * (UTC)'],
  ])('%s → %s', (cron, text) => expect(describeGcSchedule(cron)).toBe(text));
});

describe('whenSpaceReturns', () => {
  it('names the schedule, or says that only a manual run frees space', () => {
    expect(whenSpaceReturns('0 3 * * *')).toBe('at the next garbage collection run (daily at 03:00 UTC)');
    expect(whenSpaceReturns(null)).toMatch(/only when an administrator runs garbage collection/);
  });
});
