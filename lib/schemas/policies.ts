import { z } from 'zod';
import { isAction } from '@/lib/access/actions';
import { policyDocumentSchema } from '@/lib/access/policy-document';
import { parseResource } from '@/lib/access/resource';
import { usernameSchema } from './users';

export const policyNameSchema = z
  .string()
  .min(1, 'is required')
  .max(64, 'at most 64 characters')
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_"');

/**
 * A policy document as a JSON object, or as the JSON text typed in the console (whose syntax errors then carry a
 * line and column). Its content is checked by the policy validator, which names the faulty statement.
 */
export const policyDocumentInputSchema = z.union([z.string(), z.record(z.string(), z.unknown())], {
  error: 'must be a policy document: a JSON object, or its JSON text',
});

export const createPolicySchema = z
  .object({
    name: policyNameSchema,
    description: z.string().max(1000, 'at most 1000 characters').default(''),
    document: policyDocumentInputSchema,
  })
  .strict();
export type CreatePolicyInput = z.infer<typeof createPolicySchema>;

/** The name is in the path and never changes: a change replaces the description and the document. */
export const updatePolicySchema = createPolicySchema.omit({ name: true });
export type UpdatePolicyInput = z.infer<typeof updatePolicySchema>;

export const policySchema = z.object({
  name: z.string(),
  description: z.string(),
  /** Built-in policies are defined in code and cannot be changed or deleted. */
  builtin: z.boolean(),
  document: policyDocumentSchema,
  /** Usernames the policy is attached to. */
  users: z.array(z.string()),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type PolicyDto = z.infer<typeof policySchema>;

export const policyListSchema = z.object({ policies: z.array(policySchema) });

export const userPoliciesSchema = z.object({ username: z.string(), policies: z.array(z.string()) });
export type UserPoliciesDto = z.infer<typeof userPoliciesSchema>;

export const simulateAccessSchema = z
  .object({
    username: usernameSchema,
    action: z.string().refine(isAction, { error: (iss) => `unknown action ${JSON.stringify(iss.input)}` }),
    resource: z
      .string()
      .max(2048, 'at most 2048 characters')
      .superRefine((value, ctx) => {
        const parsed = parseResource(value);
        if (!parsed) {
          ctx.addIssue({ code: 'custom', message: 'must be a resource such as acs:cr:<region>:<account>:repository/<namespace>/<repository>' });
        } else if (parsed.kind === 'any' || value.includes('*')) {
          ctx.addIssue({ code: 'custom', message: 'must name one resource, not a pattern' });
        }
      }),
  })
  .strict();
export type SimulateAccessInput = z.infer<typeof simulateAccessSchema>;

const decisionMatchSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('policy'), policy: z.string(), statementIndex: z.number(), effect: z.enum(['Allow', 'Deny']) }),
  z.object({
    kind: z.literal('grant'),
    source: z.enum(['admin', 'owner', 'repository', 'namespace', 'public']),
    level: z.enum(['read', 'write', 'admin']).optional(),
  }),
]);

export const simulationSchema = z.object({
  decision: z.enum(['allow', 'deny']),
  reason: z.enum(['allowed', 'explicit-deny', 'implicit-deny']),
  /** The Deny statements that decided, or every grant and Allow statement that applied. */
  matched: z.array(decisionMatchSchema),
  /** The same, in a sentence. */
  explanation: z.string(),
  /** False when the repository or namespace named does not exist: only policies (and the admin grant) apply then. */
  resourceExists: z.boolean(),
});
export type SimulationDto = z.infer<typeof simulationSchema>;
