import type { OsvRecord } from './osv-schema';

/**
 * Where the scanner finds advisories. The in-memory implementation serves tests; a database-backed
 * store can implement the same two questions.
 */
export interface VulnIndex {
  /** Records with an `affected` entry for this ecosystem (with release, e.g. `Debian:12`) and package. */
  lookup(ecosystem: string, packageName: string): Promise<readonly OsvRecord[]>;
  /** Whether the index holds any record for the ecosystem: without data, "no match" means "not checked". */
  hasEcosystem(ecosystem: string): Promise<boolean>;
  /**
   * Optional: `lookup` for many packages at once, answers in the order asked. A store that pays per request (a
   * database) implements it so a scan asks once instead of once per package.
   */
  lookupMany?(queries: ReadonlyArray<{ ecosystem: string; name: string }>): Promise<ReadonlyArray<readonly OsvRecord[]>>;
}
