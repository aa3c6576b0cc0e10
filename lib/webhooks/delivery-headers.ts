import { contentTypeFor } from './build-payload';
import type { PayloadFormat } from './event-types';
import { signPayload } from './sign-payload';

export const DELIVERY_HEADER = 'X-Berth-Delivery';
export const EVENT_HEADER = 'X-Berth-Event';
export const TIMESTAMP_HEADER = 'X-Berth-Timestamp';
export const SIGNATURE_HEADER = 'X-Berth-Signature';

// A type alias (not an interface), so a list of them is a JSON value to Prisma.
export type ExtraHeader = { name: string; value: string };

/** The headers of one delivery attempt. The signature is over `body` exactly as sent. */
export function buildDeliveryHeaders(input: {
  deliveryId: string;
  eventType: string;
  sentAt: Date;
  body: string;
  format: PayloadFormat;
  secret: string | null;
  extra: readonly ExtraHeader[];
}): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of input.extra) headers[h.name] = h.value;
  headers['Content-Type'] = contentTypeFor(input.format);
  headers['User-Agent'] = 'Berth-Webhook/1';
  headers[DELIVERY_HEADER] = input.deliveryId;
  headers[EVENT_HEADER] = input.eventType;
  headers[TIMESTAMP_HEADER] = String(Math.floor(input.sentAt.getTime() / 1000));
  if (input.secret) headers[SIGNATURE_HEADER] = signPayload(input.secret, input.body);
  return headers;
}

// Names that usually carry credentials. Their values are masked wherever headers are stored or shown.
const SENSITIVE = /authorization|cookie|token|secret|password|passwd|api-?key|auth|session|credential/i;

export const MASK = '********';

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE.test(name);
}

/** A copy with the values of credential-bearing headers replaced by a mask (the signature stays: it reveals no key). */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, isSensitiveHeader(k) ? MASK : v]));
}
