import type { InventoryPackage } from './collect-inventory';
import { groupMatches } from './osv/group-matches';
import { matchPackage } from './osv/match-package';
import type { VulnIndex } from './osv/vuln-index';
import type { ReportedVulnerability } from './scan-report';

export interface MatchResult {
  vulnerabilities: ReportedVulnerability[];
  ecosystemsWithoutData: string[];
}

/**
 * Looks every package up in the index. OS packages are matched under their source package and
 * source version, because Debian, Ubuntu and Alpine publish advisories per source package
 * (`glibc`, not `libc6`). One finding is reported per advisory and source package version, listing
 * the installed binaries and the first place it was found.
 */
export async function matchInventory(packages: readonly InventoryPackage[], index: VulnIndex): Promise<MatchResult> {
  const ecosystems = [...new Set(packages.map((p) => p.ecosystem))].sort();
  const withoutData: string[] = [];
  for (const ecosystem of ecosystems) if (!(await index.hasEcosystem(ecosystem))) withoutData.push(ecosystem);

  const queries = new Map<string, { ecosystem: string; name: string; version: string; packages: InventoryPackage[] }>();
  for (const pkg of packages) {
    if (withoutData.includes(pkg.ecosystem)) continue;
    const bySource = pkg.kind === 'dpkg' || pkg.kind === 'apk';
    const name = bySource ? (pkg.sourceName ?? pkg.name) : pkg.name;
    const version = bySource ? (pkg.sourceVersion ?? pkg.version) : pkg.version;
    const key = `${pkg.ecosystem}\u0000${name}\u0000${version}`;
    const query = queries.get(key) ?? { ecosystem: pkg.ecosystem, name, version, packages: [] };
    query.packages.push(pkg);
    queries.set(key, query);
  }

  const list = [...queries.values()];
  const prefetched = index.lookupMany ? await index.lookupMany(list) : undefined;
  const vulnerabilities: ReportedVulnerability[] = [];
  for (const [i, query] of list.entries()) {
    const records = prefetched?.[i] ?? (await index.lookup(query.ecosystem, query.name));
    if (records.length === 0) continue;
    const first = query.packages.reduce((a, b) => (b.layerIndex < a.layerIndex ? b : a));
    const binaries = [...new Set(query.packages.map((p) => p.name))].sort();
    for (const group of groupMatches(matchPackage(query, records))) {
      vulnerabilities.push({
        id: group.id,
        aliases: group.aliases,
        summary: group.summary,
        severity: group.severity,
        ...(group.score !== undefined ? { score: group.score } : {}),
        packageName: query.name,
        ...(binaries.length > 1 || binaries[0] !== query.name ? { binaryPackages: binaries } : {}),
        ecosystem: query.ecosystem,
        installedVersion: query.version,
        ...(group.fixedVersion !== undefined ? { fixedVersion: group.fixedVersion } : {}),
        layerIndex: first.layerIndex,
        path: `/${first.path}`,
        url: `https://osv.dev/vulnerability/${encodeURIComponent(group.id)}`,
      });
    }
  }
  vulnerabilities.sort(
    (a, b) => a.ecosystem.localeCompare(b.ecosystem) || a.packageName.localeCompare(b.packageName) || a.id.localeCompare(b.id),
  );
  return { vulnerabilities, ecosystemsWithoutData: withoutData };
}
