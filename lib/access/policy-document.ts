import { z } from 'zod';
import { ACTIONS } from './actions';
import { actionMatches, parseResource } from './resource';

export const POLICY_LIMITS = {
  statements: 100,
  entriesPerStatement: 100,
  stringLength: 2048,
  documentBytes: 64 * 1024,
} as const;

/** `path` points at the faulty part (`Statement[1].Action[0]`); '' is the document itself. */
export interface PolicyError {
  path: string;
  message: string;
  /** Set for JSON syntax errors from parsePolicyText, 1-based. */
  line?: number;
  column?: number;
}

export type PolicyValidation = { ok: true; document: PolicyDocument } | { ok: false; errors: PolicyError[] };

function entryProblem(kind: 'action' | 'resource', entry: unknown): string | null {
  if (typeof entry !== 'string') return 'must be a string';
  if (entry.length > POLICY_LIMITS.stringLength) return `must be at most ${POLICY_LIMITS.stringLength} characters`;
  const quoted = JSON.stringify(entry);
  if (kind === 'resource') return parseResource(entry) ? null : `invalid resource ${quoted}`;
  if (ACTIONS.some((action) => actionMatches(entry, action))) return null;
  // A pattern that matches nothing is almost always a typo, and would silently grant or deny nothing.
  return entry.includes('*') ? `action pattern ${quoted} matches no known action` : `unknown action ${quoted}`;
}

/** `Action` and `Resource` take one string or a list; errors in a list point at the element. */
function entryList(kind: 'action' | 'resource') {
  return z
    .custom<string | string[]>((v) => typeof v === 'string' || Array.isArray(v), {
      error: (iss) => (iss.input === undefined ? 'is required' : 'must be a string or an array of strings'),
    })
    .superRefine((value, ctx) => {
      if (typeof value === 'string') {
        const problem = entryProblem(kind, value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
        return;
      }
      if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'must not be empty' });
      if (value.length > POLICY_LIMITS.entriesPerStatement) {
        ctx.addIssue({ code: 'custom', message: `must have at most ${POLICY_LIMITS.entriesPerStatement} entries` });
        return;
      }
      // The declared type is string[], but this is where that gets checked.
      (value as readonly unknown[]).forEach((entry, index) => {
        const problem = entryProblem(kind, entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [index] });
      });
    });
}

const requiredOr = (message: string) => (iss: { input?: unknown }) =>
  iss.input === undefined ? 'is required' : message;

// Unknown keys are rejected rather than ignored: a `Condition` or `NotAction` that Berth silently dropped would
// make a statement apply more widely than its author wrote.
const statementSchema = z.strictObject(
  {
    Effect: z.enum(['Allow', 'Deny'], { error: requiredOr('must be "Allow" or "Deny"') }),
    Action: entryList('action'),
    Resource: entryList('resource'),
  },
  {
    error: (iss) => (iss.code === 'unrecognized_keys' ? 'unknown key, expected Effect, Action or Resource' : 'must be an object'),
  },
);

export const policyDocumentSchema = z.strictObject(
  {
    Version: z.literal('1', { error: requiredOr('must be "1"') }),
    Statement: z
      .array(statementSchema, { error: requiredOr('must be an array of statements') })
      .min(1, { error: 'must contain at least one statement' })
      .max(POLICY_LIMITS.statements, { error: `must have at most ${POLICY_LIMITS.statements} statements` }),
  },
  {
    error: (iss) => (iss.code === 'unrecognized_keys' ? 'unknown key, expected Version or Statement' : 'must be an object'),
  },
);

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type PolicyStatement = PolicyDocument['Statement'][number];

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

function toPolicyErrors(issues: readonly z.core.$ZodIssue[]): PolicyError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: issue.message }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function tooLarge(): PolicyValidation {
  return { ok: false, errors: [{ path: '', message: `must be at most ${POLICY_LIMITS.documentBytes} bytes` }] };
}

/** Validates a parsed JSON value (a request body, a stored document) as a policy document. */
export function validatePolicyDocument(input: unknown): PolicyValidation {
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch {
    // Cycles and BigInts: not something JSON could have produced.
  }
  if (text === undefined) return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  if (utf8Length(text) > POLICY_LIMITS.documentBytes) return tooLarge();
  const result = policyDocumentSchema.safeParse(input);
  return result.success ? { ok: true, document: result.data } : { ok: false, errors: toPolicyErrors(result.error.issues) };
}

/** Validates policy JSON text as typed in the console; syntax errors carry a line and column. */
export function parsePolicyText(text: string): PolicyValidation {
  // Characters never outnumber UTF-8 bytes, so the cheap check settles most oversized input without encoding it.
  if (text.length > POLICY_LIMITS.documentBytes || utf8Length(text) > POLICY_LIMITS.documentBytes) return tooLarge();
  // Editors on Windows like to save a byte order mark, which JSON.parse rejects.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    return { ok: false, errors: [jsonSyntaxError(source, error)] };
  }
  return validatePolicyDocument(value);
}

function jsonSyntaxError(text: string, error: unknown): PolicyError {
  // V8's messages differ between Node versions and do not always give a position, so find it ourselves.
  const found = findJsonSyntaxError(text) ?? {
    offset: text.length,
    problem: error instanceof Error ? error.message : 'invalid JSON',
  };
  const before = text.slice(0, found.offset);
  const line = before.split('\n').length;
  const column = found.offset - (before.lastIndexOf('\n') + 1) + 1;
  return { path: '', message: `invalid JSON at line ${line}, column ${column}: ${found.problem}`, line, column };
}

class JsonScanError {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {}
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
// Policies nest three levels deep; the bound keeps hostile input from exhausting the stack of this scanner.
const MAX_DEPTH = 64;

/** Where the first JSON syntax error in `text` is (RFC 8259 grammar), or null when there is none. */
function findJsonSyntaxError(text: string): { offset: number; problem: string } | null {
  let i = 0;
  const fail = (problem: string): never => {
    throw new JsonScanError(i, i >= text.length ? 'unexpected end of input' : problem);
  };
  const unexpected = () => fail(`unexpected ${JSON.stringify(text[i])}`);
  const skipSpace = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        JSON_ESCAPE.lastIndex = i;
        if (!JSON_ESCAPE.test(text)) fail('invalid escape in string');
        i = JSON_ESCAPE.lastIndex;
      } else if (text[i] < ' ') {
        fail('control character in string');
      } else {
        i++;
      }
    }
    // Pointing at the opening quote says more than pointing at the end of the document.
    if (i >= text.length) throw new JsonScanError(start, 'unterminated string');
    i++;
  };
  const list = (close: string, item: () => void, depth: number) => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
    i++;
    skipSpace();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      skipSpace();
      if (text[i] === close) return void i++;
      if (text[i] !== ',') fail(`expected "," or "${close}"`);
      i++;
    }
  };
  const value = (depth: number): void => {
    skipSpace();
    const c = text[i];
    if (c === '{') {
      return list('}', () => {
        skipSpace();
        if (text[i] !== '"') fail('expected a double-quoted property name');
        string();
        skipSpace();
        if (text[i] !== ':') fail('expected ":"');
        i++;
        value(depth + 1);
      }, depth);
    }
    if (c === '[') return list(']', () => value(depth + 1), depth);
    if (c === '"') return string();
    JSON_NUMBER.lastIndex = i;
    if (JSON_NUMBER.test(text)) return void (i = JSON_NUMBER.lastIndex);
    const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
    if (word) return void (i += word.length);
    unexpected();
  };
  try {
    value(1);
    skipSpace();
    if (i < text.length) unexpected();
    return null;
  } catch (error) {
    if (error instanceof JsonScanError) return { offset: error.offset, problem: error.problem };
    throw error;
  }
}
