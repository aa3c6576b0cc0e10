import { normalizePackageName } from '@/lib/scans/osv/normalize-package-name';
import { type OsvRecord, parseOsvRecord } from '@/lib/scans/osv/osv-schema';
import type { VulnIndex } from '@/lib/scans/osv/vuln-index';
import type { AppContext } from '@/lib/services/context';

/** Packages per query of lookupMany. */
const CHUNK = 1000;

type Row = { ecosystem: string; name: string; id: string; data: unknown };

/**
 * The scanner's VulnIndex over the imported OSV records (vuln_packages → vuln_records), with the semantics of
 * createMemoryVulnIndex: the ecosystem exactly as records name it, the package name normalized. Withdrawn records
 * are left out. Answers are memoized for the life of the instance, so create one per scan: a scan then sees one
 * consistent view and asks the database at most once per (ecosystem, package). `lookupMany` answers a whole
 * inventory in one query per thousand packages: a query through the driver costs over a millisecond whatever it
 * returns, which for 1,300 packages was most of a scan's time.
 */
export function createDbVulnIndex(app: AppContext): VulnIndex {
  const lookups = new Map<string, Promise<readonly OsvRecord[]>>();
  const ecosystems = new Map<string, Promise<boolean>>();
  const keyOf = (ecosystem: string, name: string) => `${ecosystem}\u0000${normalizePackageName(ecosystem, name)}`;
  const remember = (key: string, found: Promise<readonly OsvRecord[]>) => {
    // A failed query is not remembered: the next caller asks again.
    found.catch(() => lookups.delete(key));
    lookups.set(key, found);
    return found;
  };

  return {
    lookup(ecosystem, packageName) {
      const key = keyOf(ecosystem, packageName);
      return lookups.get(key) ?? remember(key, queryRecords(app, [{ ecosystem, name: normalizePackageName(ecosystem, packageName) }]).then((r) => r[0]!));
    },
    async lookupMany(queries) {
      const missing = new Map<string, { ecosystem: string; name: string }>();
      for (const q of queries) {
        const key = keyOf(q.ecosystem, q.name);
        if (!lookups.has(key)) missing.set(key, { ecosystem: q.ecosystem, name: normalizePackageName(q.ecosystem, q.name) });
      }
      const pending = [...missing.entries()];
      for (let i = 0; i < pending.length; i += CHUNK) {
        const chunk = pending.slice(i, i + CHUNK);
        const answers = queryRecords(app, chunk.map(([, q]) => q));
        chunk.forEach(([key], j) => remember(key, answers.then((a) => a[j]!)));
      }
      return Promise.all(queries.map((q) => lookups.get(keyOf(q.ecosystem, q.name))!));
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

/** The records of each (ecosystem, normalized name), in the order asked, each sorted by id; one query. */
async function queryRecords(app: AppContext, packages: ReadonlyArray<{ ecosystem: string; name: string }>): Promise<Array<readonly OsvRecord[]>> {
  const rows = await app.db.$queryRaw<Row[]>`
    SELECT p.ecosystem, p.name, r.id, r.data
    FROM unnest(${packages.map((p) => p.ecosystem)}::text[], ${packages.map((p) => p.name)}::text[]) AS q(ecosystem, name)
    JOIN vuln_packages p ON p.ecosystem = q.ecosystem AND p.name = q.name
    JOIN vuln_records r ON r.id = p.record_id
    WHERE r.withdrawn IS NULL
    ORDER BY r.id`;
  // Stored records were validated on import; parsing again gives the matcher the same shape the memory index
  // does. A record naming several of the packages is parsed once and shared.
  const parsed = new Map<string, OsvRecord>();
  const byPackage = new Map<string, OsvRecord[]>();
  for (const row of rows) {
    let record = parsed.get(row.id);
    if (!record) {
      record = parseOsvRecord(typeof row.data === 'string' ? JSON.parse(row.data) : row.data);
      parsed.set(row.id, record);
    }
    const key = `${row.ecosystem}\u0000${row.name}`;
    const list = byPackage.get(key) ?? [];
    list.push(record);
    byPackage.set(key, list);
  }
  return packages.map((p) => byPackage.get(`${p.ecosystem}\u0000${p.name}`) ?? []);
}
