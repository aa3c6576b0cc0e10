import type { OsRelease, PackageKind } from './file-analyzer';

const LANGUAGE_ECOSYSTEMS: Partial<Record<PackageKind, string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  go: 'Go',
};

/**
 * The OSV ecosystem a package is looked up in. OS packages carry the release
 * (`Debian:12`, `Ubuntu:22.04:LTS`, `Alpine:v3.19`) because advisories are per release; packages
 * of an unrecognized OS get a descriptive, non-OSV name so the report lists them as "no data".
 */
export function mapEcosystem(kind: PackageKind, os: OsRelease | undefined): string {
  const language = LANGUAGE_ECOSYSTEMS[kind];
  if (language) return language;
  if (!os) return `${kind}:unknown-os`;
  const versionId = os.versionId ?? '';
  const [major, minor] = versionId.split('.');
  switch (os.id) {
    case 'debian':
      return versionId ? `Debian:${major}` : 'Debian';
    case 'ubuntu':
      return `Ubuntu:${versionId}${/\bLTS\b/.test(os.version ?? '') ? ':LTS' : ''}`;
    case 'alpine':
      return /^\d+\.\d+/.test(versionId) && !versionId.includes('_') ? `Alpine:v${major}.${minor}` : 'Alpine:edge';
    case 'wolfi':
      return 'Wolfi';
    case 'chainguard':
      return 'Chainguard';
    case 'almalinux':
      return `AlmaLinux:${major}`;
    case 'rocky':
      return `Rocky Linux:${major}`;
    case 'mageia':
      return `Mageia:${versionId}`;
    case 'opensuse-leap':
      return `openSUSE:Leap ${versionId}`;
    default:
      return `${kind}:${os.id}${versionId ? `:${versionId}` : ''}`;
  }
}
