import type { z } from 'zod';

/**
 * For the superRefine of a URL field: the value parsed as an absolute URL, or undefined once `notAUrl` is added as
 * the field's issue, so that the field's own checks (schemes, credentials) only ever look at a URL.
 */
export function parseUrlField(value: string, ctx: z.RefinementCtx, notAUrl: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: notAUrl });
    return undefined;
  }
}
