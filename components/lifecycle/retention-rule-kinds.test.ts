import { describe, expect, it } from 'vitest';
import { createRetentionRuleSchema } from '@/lib/schemas/retention';
import { describeRule, ruleInput, ruleKind, ruleValue } from './retention-rule-kinds';

describe('retention rule kinds', () => {
  it('turns each kind of form input into a body the API schema takes', () => {
    expect(createRetentionRuleSchema.parse(ruleInput('recent', 'keepNewest', ' 10 '))).toEqual({ name: 'recent', keepNewest: 10 });
    expect(createRetentionRuleSchema.parse(ruleInput('releases', 'keepMatching', '^v'))).toEqual({ name: 'releases', keepMatching: '^v' });
    expect(createRetentionRuleSchema.parse(ruleInput('old', 'removeOlderThanDays', '90'))).toEqual({ name: 'old', removeOlderThanDays: 90 });
    expect(createRetentionRuleSchema.parse(ruleInput('cold', 'removeNotPulledForDays', '30'))).toEqual({ name: 'cold', removeNotPulledForDays: 30 });
  });

  it('leaves bad values for the schema to name the field', () => {
    for (const [kind, value] of [['keepNewest', ''], ['keepNewest', 'ten'], ['removeOlderThanDays', '0'], ['removeNotPulledForDays', '1.5']] as const) {
      const res = createRetentionRuleSchema.safeParse(ruleInput('r', kind, value));
      expect(res.success).toBe(false);
      expect(res.error?.issues[0]?.path).toEqual([kind]);
    }
    const bad = createRetentionRuleSchema.safeParse(ruleInput('r', 'keepMatching', '(unclosed'));
    expect(bad.error?.issues[0]?.path).toEqual(['keepMatching']);
    expect(bad.error?.issues[0]?.message).toMatch(/not a valid RE2 pattern/);
  });

  it('reads a stored rule back into kind, value and words', () => {
    const rule = { removeNotPulledForDays: 30 };
    expect(ruleKind(rule)).toBe('removeNotPulledForDays');
    expect(ruleValue(rule)).toBe('30');
    expect(describeRule(rule)).toBe('keeps tags pulled or pushed in the last 30 days');
    expect(describeRule({ keepNewest: 1 })).toBe('keeps the 1 newest tag');
    expect(describeRule({ keepMatching: '^v' })).toBe('keeps tags matching ^v');
  });
});
