// Pure (no Node APIs): the console's forms validate with the same schemas as the API.

/**
 * Headers a user may not set: hop-by-hop ones (RFC 9110 §7.6.1), the ones the client computes (Host,
 * Content-Length, Content-Type) and Berth's own X-Berth-*, which a receiver must be able to trust.
 */
const RESERVED = new Set([
  'host',
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
  'expect',
]);

export const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/;

/** Why a header name cannot be configured, or null when it can. */
export function headerNameProblem(name: string): string | null {
  if (!HEADER_NAME.test(name)) return 'must be an HTTP header name (letters, digits and !#$%&\'*+.^_`|~-), at most 100 characters';
  const lower = name.toLowerCase();
  if (RESERVED.has(lower)) return `"${name}" is set by Berth or is hop-by-hop, and cannot be configured`;
  if (lower.startsWith('x-berth-')) return 'X-Berth-* headers are set by Berth';
  return null;
}
