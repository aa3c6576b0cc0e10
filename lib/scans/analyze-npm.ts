import { createBufferedAnalyzer } from './create-buffered-analyzer';
import type { FileAnalyzer, FileFindings, FoundPackage } from './file-analyzer';

// The manifest of an installed package: node_modules/<name>/package.json or node_modules/@scope/<name>/package.json.
// Deeper package.json files inside a package (`lib/package.json` with `{"type":"module"}`) are not packages.
const INSTALLED_MANIFEST = /(^|\/)node_modules\/(@[^/]+\/)?[^/@.][^/]*\/package\.json$/;
const LOCKFILE = /(^|\/)package-lock\.json$/;

/** npm packages: installed manifests under node_modules, and lockfiles shipped with an app. */
export const npmAnalyzer: FileAnalyzer = createBufferedAnalyzer({
  name: 'npm',
  maxBytes: 32 * 1024 * 1024,
  matches: (path) =>
    INSTALLED_MANIFEST.test(path) || (LOCKFILE.test(path) && !path.includes('node_modules/')),
  parse: (content, file) => {
    const json: unknown = JSON.parse(content.toString('utf8'));
    return LOCKFILE.test(file.path) ? { packages: parsePackageLock(json) } : parseInstalledManifest(json);
  },
});

function parseInstalledManifest(json: unknown): FileFindings | undefined {
  if (!isObject(json)) return undefined;
  const { name, version } = json;
  if (typeof name !== 'string' || typeof version !== 'string' || !name || !version) return undefined;
  return { packages: [{ kind: 'npm', name, version }] };
}

/**
 * Lockfile v2/v3 list every installed path under `packages`; v1 nests `dependencies`. Linked
 * workspaces and the root project itself are not registry packages and are skipped.
 */
export function parsePackageLock(json: unknown): FoundPackage[] {
  if (!isObject(json)) return [];
  const packages: FoundPackage[] = [];
  if (isObject(json.packages)) {
    for (const [key, value] of Object.entries(json.packages)) {
      if (key === '' || !isObject(value) || value.link === true) continue;
      const marker = key.lastIndexOf('node_modules/');
      if (marker < 0) continue;
      const name = typeof value.name === 'string' ? value.name : key.slice(marker + 'node_modules/'.length);
      if (typeof value.version === 'string') packages.push({ kind: 'npm', name, version: value.version });
    }
    return packages;
  }
  const walk = (deps: unknown) => {
    if (!isObject(deps)) return;
    for (const [name, value] of Object.entries(deps)) {
      if (!isObject(value)) continue;
      if (typeof value.version === 'string' && /^\d/.test(value.version)) {
        packages.push({ kind: 'npm', name, version: value.version });
      }
      walk(value.dependencies);
    }
  };
  walk(json.dependencies);
  return packages;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
