import { createBufferedAnalyzer } from './create-buffered-analyzer';
import type { FileAnalyzer, FileFindings, FoundPackage } from './file-analyzer';
import { readZipEntries } from './read-zip-entries';

const ARCHIVE = /\.(jar|war|ear)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;
const MAX_NESTED_BYTES = 32 * 1024 * 1024;
const MAX_NESTING = 3;

/**
 * Maven artifacts inside Java archives, from the `pom.properties` the Maven archiver embeds,
 * including jars nested in wars, ears and Spring Boot fat jars. Archives are read from a bounded
 * in-memory buffer because the zip central directory sits at the end of the file.
 */
export const javaAnalyzer: FileAnalyzer = createBufferedAnalyzer({
  name: 'java',
  maxBytes: MAX_ARCHIVE_BYTES,
  matches: (path) => ARCHIVE.test(path),
  parse: (content, file) => readJavaArchive(content, file.path),
});

export async function readJavaArchive(archive: Buffer, path: string): Promise<FileFindings> {
  const packages: FoundPackage[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const walk = async (zip: Buffer, where: string, depth: number): Promise<void> => {
    try {
      await readZipEntries(zip, {
        wants: (name, size) => {
          if (POM_PROPERTIES.test(name)) return 64 * 1024;
          if (ARCHIVE.test(name) && depth < MAX_NESTING && size <= MAX_NESTED_BYTES) return MAX_NESTED_BYTES;
          return undefined;
        },
        visit: async (name, content) => {
          if (ARCHIVE.test(name)) return walk(content, `${where}!/${name}`, depth + 1);
          const pkg = parsePomProperties(content.toString('utf8'));
          const key = pkg && `${pkg.name}@${pkg.version}`;
          if (pkg && key && !seen.has(key)) {
            seen.add(key);
            packages.push(pkg);
          }
        },
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      warnings.push(`java: could not read archive /${where}: ${reason}`);
    }
  };
  await walk(archive, path, 0);
  return { packages, warnings };
}

/** `groupId`, `artifactId` and `version` from a Java properties file; the Maven name is `group:artifact`. */
export function parsePomProperties(text: string): FoundPackage | undefined {
  const props = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (match) props.set(match[1], match[2].trim());
  }
  const group = props.get('groupId');
  const artifact = props.get('artifactId');
  const version = props.get('version');
  if (!group || !artifact || !version) return undefined;
  return { kind: 'maven', name: `${group}:${artifact}`, version };
}
