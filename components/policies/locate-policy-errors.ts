import type { PolicyError } from '@/lib/access/policy-document';

/** A policy error placed in the text: the line (1-based) it points at, when one can be found. */
export interface LocatedPolicyError {
  path: string;
  message: string;
  line?: number;
  column?: number;
}

type Offsets = Map<string, number>;

const WS = ' \t\n\r';

/**
 * Where each value (and, for object members, each key) of well-formed JSON text starts, by the path notation of
 * the policy validator: `Statement[1].Action[0]`, '' for the document. Null when the text is not JSON; the
 * validator's syntax error carries its own line then.
 */
function pathOffsets(text: string): Offsets | null {
  const out: Offsets = new Map();
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.includes(text[i]!)) i++;
  };
  const readString = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string) => {
    skip();
    if (!out.has(path)) out.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') return void i++;
      for (;;) {
        skip();
        const keyAt = i;
        const key = readString();
        const child = path ? `${path}.${key}` : key;
        // A member points at its key: that is where an unknown or misspelt key is seen.
        out.set(child, keyAt);
        skip();
        i++; // ':'
        value(child);
        skip();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') return void i++;
      for (let index = 0; ; index++) {
        value(`${path}[${index}]`);
        skip();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') return void readString();
    while (i < text.length && !',]} \t\n\r'.includes(text[i]!)) i++;
  };
  try {
    JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
    value('');
    return out;
  } catch {
    return null;
  }
}

/** `Statement[1].Action[0]` → `Statement[1].Action` → `Statement[1]` → `Statement` → ''. */
function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut < 0 ? '' : path.slice(0, cut);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Gives each error the line it points at. A syntax error has one already; a content error is found by its path,
 * and a missing member (`Statement[0].Effect` is required) by the nearest part that is there.
 */
export function locatePolicyErrors(text: string, errors: readonly PolicyError[]): LocatedPolicyError[] {
  const needPaths = errors.some((e) => e.line === undefined);
  const offsets = needPaths ? pathOffsets(text) : null;
  return errors.map((e) => {
    if (e.line !== undefined || !offsets) return { ...e };
    let path = e.path;
    for (;;) {
      const at = offsets.get(path);
      if (at !== undefined) return { ...e, line: lineAt(text, at) };
      if (path === '') return { ...e };
      path = parentPath(path);
    }
  });
}

/**
 * The policy errors in a VALIDATION_FAILED answer to a create or update: fields under `document` (their paths
 * made relative to it, as the editor shows them), keeping any line and column the server sent.
 */
export function documentFieldErrors(fields: ReadonlyArray<{ path: string; message: string } & Record<string, unknown>>): PolicyError[] {
  return fields
    .filter((f) => f.path === 'document' || f.path.startsWith('document.') || f.path.startsWith('document['))
    .map((f) => ({
      path: f.path === 'document' ? '' : f.path.replace(/^document\.?/, ''),
      message: f.message,
      ...(typeof f.line === 'number' ? { line: f.line, column: typeof f.column === 'number' ? f.column : undefined } : {}),
    }));
}
