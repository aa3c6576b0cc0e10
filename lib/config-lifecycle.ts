import cronParser from 'cron-parser';
import type { z } from 'zod';

/** A cron expression (5 fields, UTC) as the scheduler reads it, or null for "off". */
export function parseCronOrOff(value: string, ctx: z.RefinementCtx): string | null {
  if (value.toLowerCase() === 'off') return null;
  if (value.split(/\s+/).length !== 5) {
    ctx.addIssue({ code: 'custom', message: 'must be a cron expression of 5 fields (minute hour day month weekday) or "off"' });
    return null;
  }
  try {
    cronParser.parseExpression(value, { tz: 'UTC' });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `not a valid cron expression: ${(err as Error).message}` });
  }
  return value;
}
