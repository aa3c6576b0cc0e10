/**
 * Events a webhook can subscribe to. Subscriptions, payloads and deliveries are keyed by this name; `scan.completed`
 * fires when a scan of a tag's image succeeds or fails.
 */
export const WEBHOOK_EVENTS = ['image.pushed', 'tag.deleted', 'scan.completed'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The event a "send test event" delivery carries; it is never subscribed to and always sent. */
export const TEST_EVENT = 'webhook.test';
export type DeliveredEventType = WebhookEventType | typeof TEST_EVENT;

export const PAYLOAD_FORMATS = ['default', 'cloudevents'] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];
