import { normalizePackageName } from '@/lib/scan/osv/normalize-package-name';
import { type OsvRecord, parseOsvRecord } from '@/lib/scan/osv/osv-schema';
import type { VulnIndex } from '@/lib/scan/osv/vuln-index';
import type { AppContext } from '@/lib/services/context';

/**
 * The scanner's VulnIndex over the imported OSV records (vuln_packages → vuln_records), with the semantics of
 * createMemoryVulnIndex: the ecosystem exactly as records name it, the package name normalized. Withdrawn records
 * are left out. Answers are memoized for the life of the instance, so create one per scan: a scan then sees one
 * consistent view and asks the database at most once per (ecosystem, package).
 */
export function createDbVulnIndex(app: AppContext): VulnIndex {
  const lookups = new Map<string, Promise<readonly OsvRecord[]>>();
  const ecosystems = new Map<string, Promise<boolean>>();
  return {
    lookup(ecosystem, packageName) {
      const name = normalizePackageName(ecosystem, packageName);
      const key = `${ecosystem}\u0000${name}`;
      let found = lookups.get(key);
      if (!found) {
        found = queryRecords(app, ecosystem, name);
        // A failed query is not remembered: the next caller asks again.
        found.catch(() => lookups.delete(key));
        lookups.set(key, found);
      }
      return found;
    },
    hasEcosystem(ecosystem) {
      let known = ecosystems.get(ecosystem);
      if (!known) {
        known = app.db
          .$queryRaw<Array<{ found: boolean }>>`
            SELECT EXISTS (
              SELECT 1 FROM vuln_packages p JOIN vuln_records r ON r.id = p.record_id
              WHERE p.ecosystem = ${ecosystem} AND r.withdrawn IS NULL
            ) AS found`
          .then((rows) => rows[0]?.found === true);
        known.catch(() => ecosystems.delete(ecosystem));
        ecosystems.set(ecosystem, known);
      }
      return known;
    },
  };
}

async function queryRecords(app: AppContext, ecosystem: string, name: string): Promise<readonly OsvRecord[]> {
  const rows = await app.db.$queryRaw<Array<{ data: unknown }>>`
    SELECT r.data FROM vuln_packages p JOIN vuln_records r ON r.id = p.record_id
    WHERE p.ecosystem = ${ecosystem} AND p.name = ${name} AND r.withdrawn IS NULL
    ORDER BY r.id`;
  // Stored records were validated on import; parsing again gives the matcher the same shape the memory index does.
  return rows.map((row) => parseOsvRecord(row.data));
}
