import type { z } from 'zod';
import { ApiError } from './api-fetch';

/** Field name → first message. */
export type FieldErrors = Partial<Record<string, string>>;

/** The first issue per top-level field of a failed zod parse; the same schema the API parses with. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '(body)';
    out[key] ??= issue.message;
  }
  return out;
}

/** Field errors an API response carried (`details.fields`), keyed by path. */
export function apiFieldErrors(err: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (err instanceof ApiError) for (const f of err.fields) out[f.path] ??= f.message;
  return out;
}

/** A message for an error no field claims. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 403) return `Not allowed: ${err.message}`;
    if (err.status >= 500) return 'The server failed to handle this request. Try again, or check the server log.';
    return capitalize(err.message);
  }
  if (err instanceof TypeError) return 'Could not reach the server. Check your connection and try again.';
  return err instanceof Error ? err.message : String(err);
}

function capitalize(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/**
 * A form's input parsed by the schema the API parses it with: the data, with `setErrors` cleared; or null, with
 * each field's first message given to `setErrors`.
 */
export function parseFormFields<T>(schema: z.ZodType<T>, input: unknown, setErrors: (errors: FieldErrors) => void): T | null {
  const parsed = schema.safeParse(input);
  setErrors(parsed.success ? {} : zodFieldErrors(parsed.error));
  return parsed.success ? parsed.data : null;
}

/**
 * Change handlers for the fields of a form whose errors go out of date once a field is edited:
 * `edit(field, set)` sets the field's value and drops its error.
 */
export function clearsFieldError(setErrors: (update: (errors: FieldErrors) => FieldErrors) => void) {
  return (field: string, set: (value: string) => void) => (e: { target: { value: string } }) => {
    set(e.target.value);
    setErrors((errors) => (errors[field] ? { ...errors, [field]: undefined } : errors));
  };
}
