/**
 * Events a webhook can subscribe to. `scan.completed` will join when scans land: adding it here (and emitting it)
 * is all a webhook needs, since subscriptions, payloads and deliveries are keyed by this name.
 */
export const WEBHOOK_EVENTS = ['image.pushed', 'tag.deleted'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The event a "send test event" delivery carries; it is never subscribed to and always sent. */
export const TEST_EVENT = 'webhook.test';
export type DeliveredEventType = WebhookEventType | typeof TEST_EVENT;

export const PAYLOAD_FORMATS = ['default', 'cloudevents'] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];
