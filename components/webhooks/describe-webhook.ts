import type { DeliveryDto, RepositoryEventDto, WebhookDto } from '@/lib/schemas/webhooks';

// Words for what the webhook API returns as codes: events, triggers, delivery states and why a webhook did not fire.

const EVENT_LABELS: Record<string, string> = {
  'image.pushed': 'Image pushed',
  'tag.deleted': 'Tag deleted',
  'scan.completed': 'Scan completed',
  'webhook.test': 'Test event',
};

const EVENT_HINTS: Record<string, string> = {
  'image.pushed': 'A manifest is pushed to a tag.',
  'tag.deleted': 'A tag is deleted.',
  'scan.completed': 'A vulnerability scan of an image finishes.',
};

/** "Image pushed" for `image.pushed`; an event this console does not know yet keeps its API name. */
export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? type;
}

export function eventHint(type: string): string | undefined {
  return EVENT_HINTS[type];
}

/** A pattern as it is matched: anchored at both ends. */
export function anchoredPattern(pattern: string): string {
  return `${pattern.startsWith('^') ? '' : '^'}${pattern}${pattern.endsWith('$') && !pattern.endsWith('\\$') ? '' : '$'}`;
}

export function describeTrigger(trigger: WebhookDto['trigger']): string {
  switch (trigger.kind) {
    case 'all':
      return 'All tags';
    case 'regex':
      return `Tags matching ${anchoredPattern(trigger.pattern)}`;
    case 'tags':
      return `${trigger.tags.length === 1 ? 'Tag' : 'Tags'} ${trigger.tags.join(', ')}`;
  }
}

type Untriggered = RepositoryEventDto['untriggered'][number];

/**
 * Why a webhook did not fire for an event, in words. With the webhook at hand (its current settings), a tag that did
 * not match names the pattern or list it missed.
 */
export function describeSkip(skip: Untriggered, event: Pick<RepositoryEventDto, 'type' | 'tag'>, webhook?: Pick<WebhookDto, 'trigger'>): string {
  switch (skip.reason) {
    case 'disabled':
      return 'webhook disabled';
    case 'event-not-selected':
      return `event not selected (it does not subscribe to “${eventLabel(event.type).toLowerCase()}”)`;
    case 'tag-not-matched': {
      const trigger = webhook?.trigger;
      if (trigger?.kind === 'regex') return `tag ${event.tag} did not match ${anchoredPattern(trigger.pattern)}`;
      if (trigger?.kind === 'tags') return `tag ${event.tag} is not in its list (${trigger.tags.join(', ')})`;
      return `tag ${event.tag} did not match its trigger`;
    }
  }
}

export type DeliveryStatus = DeliveryDto['status'];

export const STATUS_TONE: Record<DeliveryStatus, 'green' | 'amber' | 'red' | 'neutral' | 'blue'> = {
  pending: 'blue',
  succeeded: 'green',
  failed: 'red',
  refused: 'amber',
  cancelled: 'neutral',
};

export const STATUS_HINT: Record<DeliveryStatus, string> = {
  pending: 'Being sent, or waiting to be retried',
  succeeded: 'The receiver answered 2xx',
  failed: 'Every attempt failed',
  refused: 'The target address is not allowed (loopback, private or metadata address)',
  cancelled: 'Cancelled before it was sent',
};

/** "v1, v2 , latest" → ["v1", "v2", "latest"]. */
export function parseTagList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
