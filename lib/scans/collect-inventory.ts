import { OS_RELEASE_PATHS } from './analyze-os-release';
import type { FoundPackage, OsRelease } from './file-analyzer';
import type { FilesystemView } from './filesystem-view';
import { mapEcosystem } from './map-ecosystem';

export interface InventoryPackage extends FoundPackage {
  ecosystem: string;
  path: string;
  layerIndex: number;
}

export interface Inventory {
  os?: OsRelease;
  packages: InventoryPackage[];
  warnings: string[];
}

/** Turns the findings that survived every layer into the package list of the final image. */
export function collectInventory(view: FilesystemView): Inventory {
  const os = findOsRelease(view);
  const packages: InventoryPackage[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const file of view.filesWithFindings()) {
    const findings = file.findings;
    if (!findings) continue;
    warnings.push(...(findings.warnings ?? []));
    for (const pkg of findings.packages) {
      const ecosystem = mapEcosystem(pkg.kind, os);
      const key = `${ecosystem}\u0000${pkg.name}\u0000${pkg.version}\u0000${file.path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      packages.push({ ...pkg, ecosystem, path: file.path, layerIndex: pkg.layerIndex ?? file.layerIndex });
    }
  }
  packages.sort((a, b) => a.ecosystem.localeCompare(b.ecosystem) || a.name.localeCompare(b.name) || a.path.localeCompare(b.path));
  return { os, packages, warnings };
}

function findOsRelease(view: FilesystemView): OsRelease | undefined {
  for (const candidate of OS_RELEASE_PATHS) {
    const resolved = view.resolve(candidate);
    const os = resolved === undefined ? undefined : view.get(resolved)?.findings?.os;
    if (os) return os;
  }
  return undefined;
}
