import { type Comparator, selectComparator } from '../versions/select-comparator';
import * as semver from '../versions/semver';
import { normalizePackageName } from './normalize-package-name';
import type { OsvAffected, OsvEvent, OsvRecord } from './osv-schema';

export interface PackageQuery {
  ecosystem: string;
  name: string;
  version: string;
}

export interface PackageMatch {
  record: OsvRecord;
  affected: OsvAffected;
  /** The lowest `fixed` version above the installed one, in the range that matched. */
  fixedVersion?: string;
}

/**
 * The records (and their affected entries) that affect this exact package version. Withdrawn
 * records are ignored; `GIT` ranges cannot be evaluated against a version string and are skipped.
 */
export function matchPackage(query: PackageQuery, records: readonly OsvRecord[]): PackageMatch[] {
  const name = normalizePackageName(query.ecosystem, query.name);
  const matches: PackageMatch[] = [];
  for (const record of records) {
    if (record.withdrawn) continue;
    for (const affected of record.affected ?? []) {
      const pkg = affected.package;
      if (!pkg || pkg.ecosystem !== query.ecosystem || normalizePackageName(pkg.ecosystem, pkg.name) !== name) continue;
      const verdict = evaluateAffected(affected, query.ecosystem, query.version);
      if (verdict.affected) {
        matches.push({ record, affected, fixedVersion: verdict.fixedVersion });
        break;
      }
    }
  }
  return matches;
}

function evaluateAffected(
  affected: OsvAffected,
  ecosystem: string,
  version: string,
): { affected: boolean; fixedVersion?: string } {
  const ecosystemCompare = selectComparator(ecosystem);
  let isAffected = false;
  let fixedVersion: string | undefined;
  for (const range of affected.ranges ?? []) {
    if (range.type !== 'ECOSYSTEM' && range.type !== 'SEMVER') continue;
    const compare = range.type === 'SEMVER' ? semver.compare : ecosystemCompare;
    const verdict = evaluateRange(range.events, version, compare);
    if (!verdict.affected) continue;
    isAffected = true;
    if (verdict.fixedVersion && (!fixedVersion || compare(verdict.fixedVersion, fixedVersion) < 0)) {
      fixedVersion = verdict.fixedVersion;
    }
  }
  // An explicit version list is authoritative even when the ranges are missing or incomplete.
  if (!isAffected && (affected.versions ?? []).some((v) => v === version || ecosystemCompare(v, version) === 0)) {
    isAffected = true;
  }
  return { affected: isAffected, fixedVersion };
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

/**
 * OSV range evaluation (schema, "Evaluation"): sort the events by version, walk them, and let each
 * event the installed version has reached switch the state; `introduced: "0"` is below everything.
 */
export function evaluateRange(
  events: readonly OsvEvent[],
  version: string,
  compare: Comparator,
): { affected: boolean; fixedVersion?: string } {
  const flat: Array<{ kind: Kind; value: string }> = [];
  for (const event of events) {
    for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
      const value = event[kind];
      if (value !== undefined) flat.push({ kind, value });
    }
  }
  const sorted = flat
    .map((e, index) => ({ ...e, index }))
    .sort((a, b) => {
      if (a.kind === 'introduced' && a.value === '0') return b.kind === 'introduced' && b.value === '0' ? 0 : -1;
      if (b.kind === 'introduced' && b.value === '0') return 1;
      return compare(a.value, b.value) || a.index - b.index;
    });
  let affected = false;
  let fixedVersion: string | undefined;
  let limited = false;
  for (const event of sorted) {
    const reached =
      event.kind === 'introduced' && event.value === '0'
        ? true
        : event.kind === 'last_affected'
          ? compare(version, event.value) > 0
          : compare(version, event.value) >= 0;
    if (!reached) {
      // The first fix above an affected version is the upgrade target.
      if (affected && event.kind === 'fixed' && fixedVersion === undefined) fixedVersion = event.value;
      continue;
    }
    if (event.kind === 'introduced') {
      affected = true;
      fixedVersion = undefined;
    } else if (event.kind === 'limit') {
      limited = true;
    } else {
      affected = false;
    }
  }
  if (!affected || limited) return { affected: false };
  return { affected: true, fixedVersion };
}
