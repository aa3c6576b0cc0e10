import { createBufferedAnalyzer } from './create-buffered-analyzer';
import type { FileAnalyzer, FoundPackage } from './file-analyzer';

const STATUS = 'var/lib/dpkg/status';
// Distroless images ship one control paragraph per package here instead of a status file.
const STATUS_D = /^var\/lib\/dpkg\/status\.d\/[^/]+$/;

/** Debian/Ubuntu packages from the dpkg database. */
export const dpkgAnalyzer: FileAnalyzer = createBufferedAnalyzer({
  name: 'dpkg',
  maxBytes: 64 * 1024 * 1024,
  matches: (path) => path === STATUS || (STATUS_D.test(path) && !path.endsWith('.md5sums')),
  parse: (content, file) => ({ packages: parseDpkgStatus(content.toString('utf8'), file.path !== STATUS) }),
});

/**
 * Parses deb822 paragraphs. Only packages whose status is `installed` count; status.d entries
 * (distroless) carry no Status field and are installed by construction.
 */
export function parseDpkgStatus(text: string, statusOptional = false): FoundPackage[] {
  const packages: FoundPackage[] = [];
  for (const fields of parseParagraphs(text)) {
    const name = fields.get('package');
    const version = fields.get('version');
    if (!name || !version) continue;
    const status = fields.get('status');
    if (status === undefined ? !statusOptional : status.split(/\s+/)[2] !== 'installed') continue;
    const source = parseSource(fields.get('source'));
    packages.push({
      kind: 'dpkg',
      name,
      version,
      sourceName: source?.name ?? name,
      sourceVersion: source?.version ?? version,
    });
  }
  return packages;
}

/** `Source: openssl (3.0.11-1)`: the source name, and its version when it differs from the binary's. */
function parseSource(value: string | undefined): { name: string; version?: string } | undefined {
  if (!value) return undefined;
  const match = /^(\S+)(?:\s+\(([^)]+)\))?/.exec(value.trim());
  return match ? { name: match[1], version: match[2] } : undefined;
}

function parseParagraphs(text: string): Array<Map<string, string>> {
  const paragraphs: Array<Map<string, string>> = [];
  let current = new Map<string, string>();
  let lastKey: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (current.size > 0) paragraphs.push(current);
      current = new Map();
      lastKey = undefined;
      continue;
    }
    if (/^\s/.test(line)) {
      // Continuation lines (descriptions, conffiles) never hold a field we read.
      if (lastKey) current.set(lastKey, `${current.get(lastKey)}\n${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    lastKey = line.slice(0, colon).toLowerCase();
    current.set(lastKey, line.slice(colon + 1).trim());
  }
  if (current.size > 0) paragraphs.push(current);
  return paragraphs;
}
