import { RE2JS, RE2JSException } from 're2js';
import type { WebhookEventType } from './event-types';

export const MAX_PATTERN_LENGTH = 256;
export const MAX_TRIGGER_TAGS = 10;

/** Which tags fire a webhook: every tag, tags matching an RE2 pattern (whole tag), or a list of tag names. */
export type WebhookTrigger = { kind: 'all' } | { kind: 'regex'; pattern: string } | { kind: 'tags'; tags: readonly string[] };

/** Why a webhook in scope did not fire for an event; shown as "untriggered" in the event list. */
export type SkipReason = 'disabled' | 'event-not-selected' | 'tag-not-matched';

/**
 * Compiles a tag pattern with RE2 (re2js): matching runs in time linear in the tag, whatever the pattern, so a
 * hostile `(a+)+$` cannot stall a worker the way it would stall a backtracking engine such as JavaScript's RegExp.
 * RE2 also refuses what it cannot bound (backreferences, lookaround, repeat counts over 1000).
 */
export function compileTagPattern(pattern: string): { ok: true; regex: RE2JS } | { ok: false; message: string } {
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, message: `at most ${MAX_PATTERN_LENGTH} characters` };
  try {
    return { ok: true, regex: RE2JS.compile(pattern) };
  } catch (err) {
    if (err instanceof RE2JSException) return { ok: false, message: `not a valid RE2 pattern: ${err.message.replace(/^error parsing regexp: /, '')}` };
    throw err;
  }
}

/** Whether `tag` fires the trigger. A regex must match the whole tag (it is anchored at both ends). */
export function matchesTrigger(trigger: WebhookTrigger, tag: string): boolean {
  switch (trigger.kind) {
    case 'all':
      return true;
    case 'tags':
      return trigger.tags.includes(tag);
    case 'regex': {
      const compiled = compileTagPattern(trigger.pattern);
      // A stored pattern was validated on save; one that no longer compiles matches nothing rather than everything.
      return compiled.ok && compiled.regex.testExact(tag);
    }
  }
}

/** Whether a webhook fires for an event, and if not, why. */
export function decideWebhook(
  hook: { enabled: boolean; events: readonly string[]; trigger: WebhookTrigger },
  event: { type: WebhookEventType; tag: string },
): { fire: true } | { fire: false; reason: SkipReason } {
  if (!hook.enabled) return { fire: false, reason: 'disabled' };
  if (!hook.events.includes(event.type)) return { fire: false, reason: 'event-not-selected' };
  if (!matchesTrigger(hook.trigger, event.tag)) return { fire: false, reason: 'tag-not-matched' };
  return { fire: true };
}
