import { normalizePackageName } from './normalize-package-name';
import { type OsvRecord, parseOsvRecord } from './osv-schema';
import type { VulnIndex } from './vuln-index';

/** A VulnIndex over records held in memory; each input is validated against the OSV schema. */
export function createMemoryVulnIndex(records: Iterable<unknown>): VulnIndex {
  const byEcosystem = new Map<string, Map<string, OsvRecord[]>>();
  for (const json of records) {
    const record = parseOsvRecord(json);
    for (const affected of record.affected ?? []) {
      if (!affected.package) continue;
      const { ecosystem, name } = affected.package;
      const byName = byEcosystem.get(ecosystem) ?? new Map<string, OsvRecord[]>();
      byEcosystem.set(ecosystem, byName);
      const key = normalizePackageName(ecosystem, name);
      const list = byName.get(key) ?? [];
      if (!list.includes(record)) list.push(record);
      byName.set(key, list);
    }
  }
  return {
    async lookup(ecosystem, packageName) {
      return byEcosystem.get(ecosystem)?.get(normalizePackageName(ecosystem, packageName)) ?? [];
    },
    async hasEcosystem(ecosystem) {
      return byEcosystem.has(ecosystem);
    },
  };
}
