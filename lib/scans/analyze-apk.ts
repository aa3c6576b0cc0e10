import { createBufferedAnalyzer } from './create-buffered-analyzer';
import type { FileAnalyzer, FoundPackage } from './file-analyzer';

/** Alpine (and Wolfi) packages from the apk database. */
export const apkAnalyzer: FileAnalyzer = createBufferedAnalyzer({
  name: 'apk',
  maxBytes: 64 * 1024 * 1024,
  matches: (path) => path === 'lib/apk/db/installed',
  parse: (content) => ({ packages: parseApkInstalled(content.toString('utf8')) }),
});

/**
 * Parses `lib/apk/db/installed`: blank-line separated records of `X:value` lines, where `P` is
 * the package, `V` its version and `o` its origin (the aports source package that advisories name).
 */
export function parseApkInstalled(text: string): FoundPackage[] {
  const packages: FoundPackage[] = [];
  for (const record of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of record.split('\n')) {
      if (line.length > 2 && line[1] === ':' && !fields.has(line[0])) fields.set(line[0], line.slice(2).trim());
    }
    const name = fields.get('P');
    const version = fields.get('V');
    if (!name || !version) continue;
    packages.push({ kind: 'apk', name, version, sourceName: fields.get('o') || name, sourceVersion: version });
  }
  return packages;
}
