// The one error the service layer speaks: what went wrong in the domain's terms, never a protocol's. Each edge
// maps it once — lib/api/with-api.ts to the REST API's codes, lib/registry/http.ts to OCI codes — so a service
// shared by the console, the API and the registry cannot answer one of them in another's vocabulary.
//
// AppError (REST) and RegistryError (OCI) remain for code written against them; both edges map all three.

export type DomainErrorKind =
  /** Missing, or hidden from this caller: the two must be indistinguishable (hidden means absent). */
  | 'absent'
  /** The caller may see the resource but not do this to it. */
  | 'forbidden'
  /** Nobody is signed in, and someone must be. */
  | 'unauthenticated'
  /** The input is wrong; `fields` says where. */
  | 'invalid'
  | 'conflict'
  | 'rate-limited'
  | 'too-large';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: { fields?: Array<{ path: string; message: string }>; retryAfterSeconds?: number; resource?: string } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
