import { createBufferedAnalyzer } from './create-buffered-analyzer';
import type { FileAnalyzer, FoundPackage } from './file-analyzer';

// Installed distributions: wheels leave *.dist-info/METADATA, setuptools *.egg-info/PKG-INFO,
// and old distutils installs a single `name-version.egg-info` file.
const METADATA = /\.dist-info\/METADATA$|\.egg-info\/PKG-INFO$|\.egg-info$/;

export const pythonAnalyzer: FileAnalyzer = createBufferedAnalyzer({
  name: 'python',
  maxBytes: 4 * 1024 * 1024,
  matches: (path) => METADATA.test(path),
  parse: (content) => {
    const pkg = parsePythonMetadata(content.toString('utf8'));
    return pkg ? { packages: [pkg] } : undefined;
  },
});

/** Core metadata is an RFC 822 header block; the description body after the first blank line is ignored. */
export function parsePythonMetadata(text: string): FoundPackage | undefined {
  let name: string | undefined;
  let version: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') break;
    const match = /^(Name|Version):\s*(.+?)\s*$/i.exec(line);
    if (!match) continue;
    if (match[1].toLowerCase() === 'name') name ??= match[2];
    else version ??= match[2];
  }
  return name && version ? { kind: 'pypi', name, version } : undefined;
}
