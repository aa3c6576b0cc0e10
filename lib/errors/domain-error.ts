// The one error the service layer speaks: what went wrong in the domain's terms, never a protocol's. Each edge
// maps it once — lib/api/with-api.ts to the REST API's codes, lib/registry/http.ts to OCI codes — so a service
// shared by the console, the API and the registry cannot answer one of them in another's vocabulary.
//
// Services throw DomainError. RegistryError (OCI) remains where a service speaks the registry protocol's own
// vocabulary (uploads, manifests, blobs: BLOB_UPLOAD_UNKNOWN, DIGEST_INVALID…), and AppError at the REST edge itself
// (with-api.ts); both edges map all three.

export type DomainErrorKind =
  /** Missing, or hidden from this caller: the two must be indistinguishable (hidden means absent). */
  | 'absent'
  /** The caller may see the resource but not do this to it. */
  | 'forbidden'
  /** Nobody is signed in, and someone must be. */
  | 'unauthenticated'
  /** The input is wrong; `fields` says where. */
  | 'invalid'
  /** The request as a whole cannot be taken (wrong body type, an empty body, a failed import of it). */
  | 'bad-request'
  | 'conflict'
  /** A configured or built-in bound would be passed (namespaces per user, rules per scope, active tokens). */
  | 'limit-exceeded'
  | 'rate-limited'
  | 'too-large'
  /** The image a tag points at has never been scanned (the tag itself exists). */
  | 'not-scanned';

export interface DomainErrorDetails {
  fields?: Array<{ path: string; message: string }>;
  /** Sent as Retry-After, not in the body. */
  retryAfterSeconds?: number;
  /** Anything else a caller can act on (a limit, an import's id): the REST API returns it in `details`. */
  [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A missing or hidden `what`: the same words for both, so the answer tells nothing about which it was. */
export function absent(what: string): DomainError {
  return new DomainError('absent', `${what} not found`);
}
