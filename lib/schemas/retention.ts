import { z } from 'zod';
import { taggedImageFields } from './fields';
import { ruleNameSchema, ruleScopeSchema, tagPatternSchema } from './immutability';

// Retention rules (lib/services/retention). Harbor's semantics: each rule names tags to keep; a tag any applicable
// rule (the namespace's and the repository's) keeps stays, the rest go; immutable tags always stay.

export const MAX_RETENTION_RULES = 20;
const days = z.number().int().min(1).max(36_500);

const criteria = {
  keepNewest: z.number().int().min(1).max(100_000).optional(),
  keepMatching: tagPatternSchema.optional(),
  removeOlderThanDays: days.optional(),
  removeNotPulledForDays: days.optional(),
};
const CRITERIA = Object.keys(criteria) as Array<keyof typeof criteria>;

function exactlyOne(rule: Partial<Record<keyof typeof criteria, unknown>>, ctx: z.RefinementCtx) {
  const set = CRITERIA.filter((k) => rule[k] !== undefined);
  if (set.length !== 1) ctx.addIssue({ code: 'custom', path: [], message: `give exactly one of ${CRITERIA.join(', ')}` });
}

export const createRetentionRuleSchema = z.object({ name: ruleNameSchema, ...criteria }).strict().superRefine(exactlyOne);
export type CreateRetentionRuleInput = z.infer<typeof createRetentionRuleSchema>;

/** A rule's name and criterion may change; the new criterion replaces the old one. */
export const updateRetentionRuleSchema = z.object({ name: ruleNameSchema.optional(), ...criteria }).strict();
export type UpdateRetentionRuleInput = z.infer<typeof updateRetentionRuleSchema>;

export const retentionRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: ruleScopeSchema,
  keepNewest: z.number().optional(),
  keepMatching: z.string().optional(),
  removeOlderThanDays: z.number().optional(),
  removeNotPulledForDays: z.number().optional(),
  createdAt: z.string(),
});
export type RetentionRuleDto = z.infer<typeof retentionRuleSchema>;
export const retentionRuleListSchema = z.object({ rules: z.array(retentionRuleSchema) });

export const runRetentionSchema = z.object({ dryRun: z.boolean().default(false) }).strict();

export const retentionResultSchema = z.object({
  dryRun: z.boolean(),
  /** Tags removed (or, in a dry run, that would be), with why. */
  removed: z.array(z.object({ ...taggedImageFields, reason: z.string() })),
});
export type RetentionResultDto = z.infer<typeof retentionResultSchema>;
