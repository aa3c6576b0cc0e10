// Errors of the REST API and the console, registered once: code → HTTP status.
const STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  // A cookie-authenticated change that did not come from Berth's own pages (cross-site request forgery).
  CSRF_REJECTED: 403,
  NOT_FOUND: 404,
  // The image a tag points at has never been scanned (the tag itself exists).
  SCAN_UNKNOWN: 404,
  CONFLICT: 409,
  LIMIT_EXCEEDED: 409,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  // The server's storage is full (disk or quota): nothing of the request was kept.
  INSUFFICIENT_STORAGE: 507,
} as const;

export type AppErrorCode = keyof typeof STATUS;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  headers: Record<string, string> = {};

  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: { fields?: FieldError[] } & Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }

  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}
