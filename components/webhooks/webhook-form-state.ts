import { createWebhookSchema, updateWebhookSchema, type CreateWebhookInput, type UpdateWebhookInput, type WebhookDto } from '@/lib/schemas/webhooks';
import { WEBHOOK_EVENTS, type PayloadFormat } from '@/lib/webhooks/event-types';
import { parseTagList } from './describe-webhook';

// The webhook form's state, and its check with the API's own schemas. Errors are keyed by the path the API uses
// (`trigger.pattern`, `headers.0.name`), so a server answer lands beside the same field as a local one.

export type TriggerKind = 'all' | 'regex' | 'tags';
export type SecretMode = 'keep' | 'set' | 'remove';

export interface HeaderRow {
  /** Stable React key: rows are added and removed in the middle. */
  key: number;
  name: string;
  value: string;
}

export interface WebhookFormState {
  name: string;
  url: string;
  triggerKind: TriggerKind;
  pattern: string;
  tagsText: string;
  events: string[];
  /** Creating: `set` when a secret is typed. Editing: `keep` the stored one, `set` a new one, or `remove` it. */
  secretMode: SecretMode;
  secret: string;
  headers: HeaderRow[];
  format: PayloadFormat;
}

let nextKey = 1;
export const newHeaderRow = (name = '', value = ''): HeaderRow => ({ key: nextKey++, name, value });

export function initialFormState(webhook?: WebhookDto): WebhookFormState {
  const t = webhook?.trigger;
  return {
    name: webhook?.name ?? '',
    url: webhook?.url ?? '',
    triggerKind: t?.kind ?? 'all',
    pattern: t?.kind === 'regex' ? t.pattern : '',
    tagsText: t?.kind === 'tags' ? t.tags.join(', ') : '',
    events: webhook?.events ?? ['image.pushed'],
    secretMode: webhook ? 'keep' : 'set',
    secret: '',
    // A masked value (********) sent back unchanged keeps the stored one.
    headers: (webhook?.headers ?? []).map((h) => newHeaderRow(h.name, h.value)),
    format: webhook?.format ?? 'default',
  };
}

function trigger(state: WebhookFormState) {
  if (state.triggerKind === 'regex') return { kind: 'regex' as const, pattern: state.pattern };
  if (state.triggerKind === 'tags') return { kind: 'tags' as const, tags: parseTagList(state.tagsText) };
  return { kind: 'all' as const };
}

function body(state: WebhookFormState, editing: boolean) {
  const secret = state.secretMode === 'remove' ? null : state.secretMode === 'set' && (editing || state.secret !== '') ? state.secret : undefined;
  return {
    name: state.name,
    url: state.url.trim(),
    trigger: trigger(state),
    // In the order the console lists them, whatever order they were ticked in.
    events: [...WEBHOOK_EVENTS.filter((e) => state.events.includes(e)), ...state.events.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e))],
    ...(secret !== undefined ? { secret } : {}),
    headers: state.headers.map((h) => ({ name: h.name.trim(), value: h.value })),
    format: state.format,
  };
}

export type FormErrors = Partial<Record<string, string>>;

export type Checked =
  | { ok: true; mode: 'create'; data: CreateWebhookInput }
  | { ok: true; mode: 'update'; data: UpdateWebhookInput }
  | { ok: false; errors: FormErrors };

/** Checks the form with the schema the API parses the request with. */
export function checkForm(state: WebhookFormState, editing: boolean): Checked {
  const input = body(state, editing);
  if (editing) {
    const parsed = updateWebhookSchema.safeParse(input);
    return parsed.success ? { ok: true, mode: 'update', data: parsed.data } : { ok: false, errors: issueErrors(parsed.error.issues, state) };
  }
  const parsed = createWebhookSchema.safeParse(input);
  return parsed.success ? { ok: true, mode: 'create', data: parsed.data } : { ok: false, errors: issueErrors(parsed.error.issues, state) };
}

/** The first message per field, keyed as the form shows them. */
export function issueErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, state: WebhookFormState): FormErrors {
  const out: FormErrors = {};
  for (const issue of issues) {
    const [key, message] = fieldOf(issue.path.map(String).join('.'), issue.message, state);
    out[key] ??= message;
  }
  return out;
}

/** Server field errors (`details.fields`), placed like local ones. */
export function serverErrors(fields: ReadonlyArray<{ path: string; message: string }>, state: WebhookFormState): FormErrors {
  const out: FormErrors = {};
  for (const f of fields) {
    const [key, message] = fieldOf(f.path, f.message, state);
    out[key] ??= message;
  }
  return out;
}

function fieldOf(path: string, message: string, state: WebhookFormState): [string, string] {
  // One tag of the list: say which.
  const tag = /^trigger\.tags\.(\d+)$/.exec(path);
  if (tag) {
    const value = parseTagList(state.tagsText)[Number(tag[1])];
    return ['trigger.tags', value === undefined ? message : `“${value}”: ${message}`];
  }
  if (path === 'trigger' || path === 'trigger.kind') return [`trigger.${state.triggerKind === 'all' ? 'kind' : state.triggerKind === 'regex' ? 'pattern' : 'tags'}`, message];
  if (/^events\.\d+$/.test(path)) return ['events', message];
  return [path || '(body)', message];
}

/** Which touched-key an error key belongs to: errors show once their field was edited, or after a submit. */
export function touchKey(errorKey: string): string {
  if (errorKey.startsWith('headers')) return 'headers';
  return errorKey;
}
