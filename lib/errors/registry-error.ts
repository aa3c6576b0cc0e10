// OCI Distribution error codes (spec §"Error Codes"), registered once: code → HTTP status and default message.
const ERRORS = {
  BLOB_UNKNOWN: [404, 'blob unknown to registry'],
  BLOB_UPLOAD_INVALID: [400, 'blob upload invalid'],
  BLOB_UPLOAD_UNKNOWN: [404, 'blob upload unknown to registry'],
  DIGEST_INVALID: [400, 'provided digest did not match uploaded content'],
  MANIFEST_BLOB_UNKNOWN: [400, 'manifest references a manifest or blob unknown to registry'],
  MANIFEST_INVALID: [400, 'manifest invalid'],
  MANIFEST_UNKNOWN: [404, 'manifest unknown to registry'],
  NAME_INVALID: [400, 'invalid repository name'],
  NAME_UNKNOWN: [404, 'repository name not known to registry'],
  SIZE_INVALID: [400, 'provided length did not match content length'],
  // Not in the OCI list, but distribution's answer to a manifest PUT whose tag is malformed; clients know it.
  TAG_INVALID: [400, 'manifest tag did not match URI'],
  UNAUTHORIZED: [401, 'authentication required'],
  DENIED: [403, 'requested access to the resource is denied'],
  UNSUPPORTED: [405, 'the operation is unsupported'],
  TOOMANYREQUESTS: [429, 'too many requests'],
  RANGE_INVALID: [416, 'requested range not satisfiable'],
  UNKNOWN: [500, 'unknown error'],
} as const satisfies Record<string, readonly [number, string]>;

export type RegistryErrorCode = keyof typeof ERRORS;

export class RegistryError extends Error {
  readonly status: number;
  /** Extra response headers, e.g. `Range` on a 416 or `WWW-Authenticate` on a 401. */
  headers: Record<string, string> = {};

  constructor(
    readonly code: RegistryErrorCode,
    message?: string,
    readonly detail?: unknown,
    status?: number,
  ) {
    super(message ?? ERRORS[code][1]);
    this.name = 'RegistryError';
    this.status = status ?? ERRORS[code][0];
  }

  /** The scope a bearer token lacked: the 401 challenge then says `error="insufficient_scope"` with it. */
  scope?: string;

  withScope(scope: string): this {
    this.scope = scope;
    return this;
  }

  withHeaders(headers: Record<string, string>): this {
    Object.assign(this.headers, headers);
    return this;
  }

  toBody() {
    // The spec's code list has no RANGE_INVALID; a 416 carries BLOB_UPLOAD_INVALID as its code.
    const code = this.code === 'RANGE_INVALID' ? 'BLOB_UPLOAD_INVALID' : this.code;
    return { errors: [{ code, message: this.message, ...(this.detail === undefined ? {} : { detail: this.detail }) }] };
  }
}
