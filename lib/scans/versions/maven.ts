import { type CompareResult, compareDigits } from './compare-result';

/**
 * Maven's ComparableVersion ordering: items split on `.`, `-` and digit/letter transitions, where
 * a `-` (or a transition) opens a sub-list; known qualifiers sort
 * alpha < beta < milestone < rc < snapshot < (release) < sp, unknown qualifiers after them
 * lexically; trailing zeros and release qualifiers (`ga`, `final`) are dropped.
 */
export function compare(a: string, b: string): CompareResult {
  return compareList(parse(a), parse(b));
}

type Item = { kind: 'int'; value: string } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));
const ALIASES: Record<string, string> = { ga: '', final: '', cr: 'rc' };

function parse(version: string): Item & { kind: 'list' } {
  const text = version.toLowerCase();
  const root: Item & { kind: 'list' } = { kind: 'list', items: [] };
  const stack = [root];
  let list = root;
  let isDigit = false;
  let start = 0;
  const openSubList = () => {
    const next: Item & { kind: 'list' } = { kind: 'list', items: [] };
    list.items.push(next);
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '.' || c === '-') {
      list.items.push(i === start ? intItem('0') : parseItem(isDigit, text.slice(start, i)));
      start = i + 1;
      if (c === '-') openSubList();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > start) {
        // `a1`, `b2`, `m3` are shorthands only when a number follows directly.
        list.items.push(stringItem(text.slice(start, i), true));
        start = i;
        openSubList();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(true, text.slice(start, i)));
        start = i;
        openSubList();
      }
      isDigit = false;
    }
  }
  if (text.length > start) list.items.push(parseItem(isDigit, text.slice(start)));
  for (const l of stack.reverse()) normalize(l);
  return root;
}

function intItem(value: string): Item {
  return { kind: 'int', value: value.replace(/^0+(?=\d)/, '') };
}

function stringItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  return { kind: 'string', value: ALIASES[v] ?? v };
}

function parseItem(isDigit: boolean, text: string): Item {
  return isDigit ? intItem(text) : stringItem(text, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'int') return item.value === '0';
  if (item.kind === 'string') return comparableQualifier(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

/** Drops trailing null items (0, release qualifiers, empty lists), stopping at a non-list item. */
function normalize(list: Item & { kind: 'list' }): void {
  for (let i = list.items.length - 1; i >= 0; i -= 1) {
    const item = list.items[i];
    if (isNull(item)) list.items.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function compareText(a: string, b: string): CompareResult {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareItem(a: Item, b: Item | undefined): CompareResult {
  if (a.kind === 'int') {
    if (!b) return a.value === '0' ? 0 : 1;
    return b.kind === 'int' ? compareDigits(a.value, b.value) : 1;
  }
  if (a.kind === 'string') {
    if (!b) return compareText(comparableQualifier(a.value), RELEASE_INDEX);
    if (b.kind === 'string') return compareText(comparableQualifier(a.value), comparableQualifier(b.value));
    return -1;
  }
  if (!b) {
    for (const item of a.items) {
      const r = compareItem(item, undefined);
      if (r !== 0) return r;
    }
    return 0;
  }
  if (b.kind === 'int') return -1;
  if (b.kind === 'string') return 1;
  return compareList(a, b);
}

function compareList(a: Item & { kind: 'list' }, b: Item & { kind: 'list' }): CompareResult {
  for (let i = 0; i < Math.max(a.items.length, b.items.length); i += 1) {
    const l = a.items[i];
    const r = b.items[i];
    const result = l === undefined ? (r === undefined ? 0 : negate(compareItem(r, undefined))) : compareItem(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

function negate(r: CompareResult): CompareResult {
  return r === 0 ? 0 : r === 1 ? -1 : 1;
}
