// A small Markdown subset for repository descriptions: ATX headings, paragraphs, bullet and numbered lists,
// fenced and indented code, block quotes, rules; inline code, emphasis, strong and links. It produces a tree,
// never HTML: the renderer builds React elements from it, so raw HTML in a description shows as text and no
// markup can be injected.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'code'; lang: string; text: string }
  | { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { type: 'quote'; children: Block[] }
  | { type: 'rule' };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+#.-]*)\s*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const QUOTE = /^ {0,3}>\s?(.*)$/;
const INDENTED = /^( {4}|\t)(.*)$/;

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'), 0);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
      i++; // the closing fence (or the end)
      blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ type: 'heading', level: heading[1]!.length as 1, children: parseInline(heading[2]!) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: 'rule' });
      i++;
      continue;
    }
    if (QUOTE.test(line) && depth < 4) {
      const body: string[] = [];
      while (i < lines.length && lines[i]!.trim() && QUOTE.test(lines[i]!)) body.push(QUOTE.exec(lines[i++]!)![1]!);
      blocks.push({ type: 'quote', children: parseBlocks(body, depth + 1) });
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = ORDERED.exec(line);
    if (bullet || ordered) {
      const isOrdered = !bullet;
      const items: string[][] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const m = isOrdered ? ORDERED.exec(l) : BULLET.exec(l);
        if (m) {
          items.push([isOrdered ? m[2]! : m[1]!]);
        } else if (l.trim() && /^\s+/.test(l) && items.length) {
          items[items.length - 1]!.push(l.trim()); // a continuation line of the item
        } else {
          break;
        }
        i++;
      }
      blocks.push({
        type: 'list',
        ordered: isOrdered,
        start: ordered ? Number(ordered[1]) : 1,
        items: items.map((parts) => parseInline(parts.join('\n'))),
      });
      continue;
    }
    if (INDENTED.test(line)) {
      const body: string[] = [];
      while (i < lines.length && (INDENTED.test(lines[i]!) || (!lines[i]!.trim() && INDENTED.test(lines[i + 1] ?? '')))) {
        body.push(INDENTED.exec(lines[i]!)?.[2] ?? '');
        i++;
      }
      blocks.push({ type: 'code', lang: '', text: body.join('\n') });
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() &&
      !FENCE.test(lines[i]!) &&
      !HEADING.test(lines[i]!) &&
      !RULE.test(lines[i]!) &&
      !QUOTE.test(lines[i]!) &&
      !BULLET.test(lines[i]!) &&
      !ORDERED.test(lines[i]!)
    ) {
      para.push(lines[i++]!);
    }
    blocks.push({ type: 'paragraph', children: parseInline(para.join('\n')) });
  }
  return blocks;
}

/** Only web and mail links, and links within this site; `javascript:`, `data:` and the like are dropped. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  if (/^(https?:|mailto:)/i.test(href)) return href;
  if (/^[/#?]/.test(href) && !href.startsWith('//')) return href;
  if (/^[\w.-]+(\/|$)/.test(href) && !/^[\w+.-]+:/.test(href)) return href; // relative, no scheme
  return null;
}

export function parseInline(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let buf = '';
  const flush = () => {
    if (buf) out.push({ type: 'text', text: buf });
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!<>~]/.test(text[i + 1]!)) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      // Two trailing spaces make a hard break; otherwise a newline is a space.
      if (buf.endsWith('  ')) {
        buf = buf.trimEnd();
        flush();
        out.push({ type: 'break' });
      } else {
        buf += ' ';
      }
      i++;
      continue;
    }
    if (c === '`') {
      const ticks = /^`+/.exec(rest)![0];
      const end = text.indexOf(ticks, i + ticks.length);
      if (end > 0) {
        flush();
        out.push({ type: 'code', text: text.slice(i + ticks.length, end).replace(/\n/g, ' ').trim() });
        i = end + ticks.length;
        continue;
      }
    }
    if (depth < 4 && (rest.startsWith('**') || rest.startsWith('__'))) {
      const marker = rest.slice(0, 2);
      const end = text.indexOf(marker, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end), depth + 1) });
        i = end + 2;
        continue;
      }
    }
    if (depth < 4 && (c === '*' || c === '_') && text[i + 1] && text[i + 1] !== ' ') {
      // `_` inside a word (snake_case) is not emphasis.
      const inWord = c === '_' && /\w/.test(text[i - 1] ?? '');
      const end = text.indexOf(c, i + 1);
      if (!inWord && end > i + 1 && text[end - 1] !== ' ' && !(c === '_' && /\w/.test(text[end + 1] ?? ''))) {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end), depth + 1) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[' || (c === '!' && text[i + 1] === '[')) {
      const image = c === '!';
      const m = /^!?\[([^\]]*)\]\(\s*<?([^\s)>]*)>?(?:\s+"[^"]*")?\s*\)/.exec(rest);
      if (m) {
        flush();
        const href = safeHref(m[2]!);
        // Images are shown as links: a description should not make every visitor's browser fetch third-party content.
        const label = m[1] || (image ? 'image' : m[2]!);
        const children = depth < 4 ? parseInline(label, depth + 1) : [{ type: 'text' as const, text: label }];
        out.push(href ? { type: 'link', href, children } : { type: 'text', text: label });
        i += m[0].length;
        continue;
      }
    }
    if (c === '<') {
      const m = /^<((?:https?:\/\/|mailto:)[^\s<>]+)>/i.exec(rest);
      if (m) {
        flush();
        out.push({ type: 'link', href: m[1]!, children: [{ type: 'text', text: m[1]!.replace(/^mailto:/i, '') }] });
        i += m[0].length;
        continue;
      }
    }
    if (c === 'h' && /^https?:\/\//.test(rest) && !/\w/.test(text[i - 1] ?? '')) {
      const m = /^https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"]/.exec(rest);
      if (m) {
        flush();
        out.push({ type: 'link', href: m[0], children: [{ type: 'text', text: m[0] }] });
        i += m[0].length;
        continue;
      }
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}
