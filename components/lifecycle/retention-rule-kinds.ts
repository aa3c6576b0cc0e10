import type { CreateRetentionRuleInput, RetentionRuleDto } from '@/lib/schemas/retention';

// The four kinds of retention rule, as the form offers them and the API takes them (exactly one criterion each).

export const RULE_KINDS = ['keepNewest', 'keepMatching', 'removeOlderThanDays', 'removeNotPulledForDays'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_KIND_LABEL: Record<RuleKind, string> = {
  keepNewest: 'Keep the newest N tags',
  keepMatching: 'Keep tags matching a pattern',
  removeOlderThanDays: 'Remove tags pushed more than D days ago',
  removeNotPulledForDays: 'Remove tags not pulled for D days',
};

export const RULE_VALUE_LABEL: Record<RuleKind, string> = {
  keepNewest: 'Number of tags',
  keepMatching: 'Tag pattern (RE2)',
  removeOlderThanDays: 'Days since push',
  removeNotPulledForDays: 'Days since last pull',
};

export function ruleKind(rule: Pick<RetentionRuleDto, RuleKind>): RuleKind {
  return RULE_KINDS.find((k) => rule[k] !== undefined) ?? 'keepNewest';
}

export function ruleValue(rule: Pick<RetentionRuleDto, RuleKind>): string {
  const v = rule[ruleKind(rule)];
  return v === undefined ? '' : String(v);
}

/** What a rule keeps, in words: "keeps the 10 newest tags". */
export function describeRule(rule: Pick<RetentionRuleDto, RuleKind>): string {
  if (rule.keepNewest !== undefined) return `keeps the ${rule.keepNewest} newest ${rule.keepNewest === 1 ? 'tag' : 'tags'}`;
  if (rule.keepMatching !== undefined) return `keeps tags matching ${rule.keepMatching}`;
  if (rule.removeOlderThanDays !== undefined) return `keeps tags pushed in the last ${rule.removeOlderThanDays} ${plural(rule.removeOlderThanDays)}`;
  if (rule.removeNotPulledForDays !== undefined) return `keeps tags pulled or pushed in the last ${rule.removeNotPulledForDays} ${plural(rule.removeNotPulledForDays)}`;
  return 'keeps nothing';
}

/**
 * The API body for a rule of `kind` with the text typed as its value; numbers stay NaN when the text is not one,
 * so the shared schema reports the field rather than a type error.
 */
export function ruleInput(name: string, kind: RuleKind, value: string): Record<string, unknown> & Pick<CreateRetentionRuleInput, 'name'> {
  const trimmed = value.trim();
  const parsed = kind === 'keepMatching' ? value : trimmed === '' || !/^-?\d+(\.\d+)?$/.test(trimmed) ? Number.NaN : Number(trimmed);
  return { name, [kind]: parsed };
}

function plural(days: number): string {
  return days === 1 ? 'day' : 'days';
}
