import * as apk from './apk';
import type { CompareResult } from './compare-result';
import * as dpkg from './dpkg';
import * as maven from './maven';
import * as pep440 from './pep440';
import * as rpm from './rpm';
import * as semver from './semver';

export type Comparator = (a: string, b: string) => CompareResult;

const BY_PREFIX: Array<[RegExp, Comparator]> = [
  [/^(Debian|Ubuntu|dpkg)(:|$)/, dpkg.compare],
  [/^(Alpine|Wolfi|Chainguard|apk)(:|$)/, apk.compare],
  [/^(AlmaLinux|Rocky Linux|Red Hat|openSUSE|SUSE|Mageia|rpm)(:|$)/, rpm.compare],
  [/^(npm|Go)$/, semver.compare],
  [/^PyPI$/, pep440.compare],
  [/^Maven$/, maven.compare],
];

/** The version ordering of an OSV ecosystem (`ECOSYSTEM` ranges are compared in it). */
export function selectComparator(ecosystem: string): Comparator {
  for (const [pattern, comparator] of BY_PREFIX) if (pattern.test(ecosystem)) return comparator;
  // Unknown ecosystems: dpkg's algorithm orders most dotted version strings sensibly.
  return dpkg.compare;
}
