import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature scheme, for receivers: `X-Berth-Signature: sha256=<hex>` is HMAC-SHA256, keyed with the webhook's
 * secret, over the raw request body exactly as received (verify before parsing the JSON). Compare in constant time.
 * `X-Berth-Delivery` identifies the delivery (the same on every retry of it, so receivers can drop duplicates) and
 * `X-Berth-Timestamp` is when this attempt was sent, in Unix seconds; the body's `occurredAt` dates the event.
 */
export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Checks a signature header value against the body, in constant time. */
export function verifySignature(secret: string, body: string, header: string | null | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signPayload(secret, body));
  const actual = Buffer.from(header);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
