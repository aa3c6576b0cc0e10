import { createBufferedAnalyzer } from './create-buffered-analyzer';
import type { FileAnalyzer, OsRelease } from './file-analyzer';

// /etc/os-release is usually a symlink to ../usr/lib/os-release; both are captured and the
// scan resolves which one the final image really has.
export const OS_RELEASE_PATHS = ['etc/os-release', 'usr/lib/os-release'];

export const osReleaseAnalyzer: FileAnalyzer = createBufferedAnalyzer({
  name: 'os-release',
  maxBytes: 64 * 1024,
  matches: (path) => OS_RELEASE_PATHS.includes(path),
  parse: (content) => {
    const os = parseOsRelease(content.toString('utf8'));
    return os ? { packages: [], os } : undefined;
  },
});

/** Parses os-release(5): shell-style `KEY=value` lines with optional quoting. */
export function parseOsRelease(text: string): OsRelease | undefined {
  const values = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    values.set(line.slice(0, eq), unquote(line.slice(eq + 1).trim()));
  }
  const id = values.get('ID');
  if (!id) return undefined;
  return {
    id: id.toLowerCase(),
    versionId: values.get('VERSION_ID'),
    version: values.get('VERSION'),
    prettyName: values.get('PRETTY_NAME'),
    versionCodename: values.get('VERSION_CODENAME'),
  };
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    const inner = value.slice(1, -1);
    return quote === '"' ? inner.replace(/\\(["$`\\])/g, '$1') : inner;
  }
  return value;
}
