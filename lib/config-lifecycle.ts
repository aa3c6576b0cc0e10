import cronParser from 'cron-parser';
import type { z } from 'zod';
import { parseQuotaBytes } from './quota-bytes';

/** A size in bytes or with a binary unit ("10GiB"), or null when empty. */
export function parseQuotaOrNone(value: string, ctx: z.RefinementCtx): number | null {
  if (value === '') return null;
  const bytes = parseQuotaBytes(value);
  if (bytes === null) ctx.addIssue({ code: 'custom', message: 'must be a number of bytes or a size such as 500MiB or 10GiB' });
  return bytes;
}

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
