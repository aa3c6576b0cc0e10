import { z } from 'zod';
import { compileTagPattern } from '@/lib/webhooks/match-trigger';

// Immutable tags (lib/services/immutability): tags matching a rule's RE2 pattern (whole tag) may not be moved or
// deleted once pushed.

export const MAX_IMMUTABILITY_RULES = 50;

export const ruleNameSchema = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit');

export const tagPatternSchema = z.string().min(1, 'required').superRefine((p, ctx) => {
  const compiled = compileTagPattern(p);
  if (!compiled.ok) ctx.addIssue({ code: 'custom', message: compiled.message });
});

/** Where a tag rule applies: every repository of the namespace, or this one repository. */
export const ruleScopeSchema = z.enum(['namespace', 'repository']);

export const createImmutabilityRuleSchema = z.object({ name: ruleNameSchema, pattern: tagPatternSchema }).strict();
export type CreateImmutabilityRuleInput = z.infer<typeof createImmutabilityRuleSchema>;

export const immutabilityRuleSchema = z.object({
  id: z.string(),
  name: z.string(),
  pattern: z.string(),
  scope: ruleScopeSchema,
  createdAt: z.string(),
});
export type ImmutabilityRuleDto = z.infer<typeof immutabilityRuleSchema>;

export const immutabilityRuleListSchema = z.object({ rules: z.array(immutabilityRuleSchema) });
