import { parseMetrics } from './cvss';
import { MACRO_SCORES } from './cvss4-macro-scores';

/**
 * CVSS v4.0 score (FIRST specification, section 8): the vector falls into a MacroVector of six
 * equivalence classes whose score is looked up, then lowered by how far the vector sits below the
 * class's highest-severity vectors, interpolated towards the next lower MacroVectors.
 * Threat and environmental metrics are honoured when present; OSV vectors usually carry base only.
 */
export function cvss4Score(vector: string): number | undefined {
  const trimmed = vector.trim();
  if (!trimmed.startsWith('CVSS:4.0/')) return undefined;
  const metrics = parseMetrics(trimmed.split('/').slice(1));
  if (!BASE_METRICS.every((m) => isValidBase(m, metrics[m]))) return undefined;
  const effective = (metric: string) => effectiveValue(metrics, metric);
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((m) => effective(m) === 'N')) return 0;

  const eq = equivalenceClasses(effective);
  const value = MACRO_SCORES.get(eq.join(''));
  if (value === undefined) return undefined;

  const distances = distancesToMaxVector(eq, effective);
  if (!distances) return undefined;
  const [eq1, eq2, eq3, eq4, eq5, eq6] = eq;
  const lower = (changes: Partial<Record<number, number>>) =>
    MACRO_SCORES.get(eq.map((v, i) => v + (changes[i] ?? 0)).join(''));

  const parts: Array<{ lowerScore: number | undefined; distance: number; depth: number }> = [
    { lowerScore: lower({ 0: 1 }), distance: distances.eq1, depth: MAX_DEPTH.eq1[eq1] },
    { lowerScore: lower({ 1: 1 }), distance: distances.eq2, depth: MAX_DEPTH.eq2[eq2] },
    { lowerScore: eq3eq6Lower(eq3, eq6, lower), distance: distances.eq3eq6, depth: MAX_DEPTH.eq3eq6[`${eq3}${eq6}`] },
    { lowerScore: lower({ 3: 1 }), distance: distances.eq4, depth: MAX_DEPTH.eq4[eq4] },
    // EQ5 (exploit maturity) has a single vector per class, so its distance is always 0.
    { lowerScore: lower({ 4: 1 }), distance: 0, depth: MAX_DEPTH.eq5[eq5] },
  ];
  const existing = parts.filter((p) => p.lowerScore !== undefined);
  const mean =
    existing.length === 0
      ? 0
      : existing.reduce((sum, p) => sum + (value - (p.lowerScore as number)) * (p.distance / p.depth), 0) /
        existing.length;
  return Math.round(Math.min(10, Math.max(0, value - mean)) * 10) / 10;
}

const BASE_METRICS = ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'];

// Severity distance of each value in steps of 0.1 (kept as integers to avoid float noise).
const LEVELS: Record<string, Record<string, number>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
  E: { A: 0, P: 1, U: 2 },
};

function isValidBase(metric: string, value: string | undefined): boolean {
  return value !== undefined && LEVELS[metric]?.[value] !== undefined;
}

// "Not defined" threat and requirement metrics assume the worst case (spec section 2.3, 4.1).
const WORST_CASE_DEFAULTS: Record<string, string> = { E: 'A', CR: 'H', IR: 'H', AR: 'H' };

function effectiveValue(metrics: Record<string, string>, metric: string): string {
  const modified = metrics[`M${metric}`];
  if (modified !== undefined && modified !== 'X') return modified;
  const value = metrics[metric];
  if ((value === undefined || value === 'X') && WORST_CASE_DEFAULTS[metric]) return WORST_CASE_DEFAULTS[metric];
  return value ?? 'X';
}

function equivalenceClasses(v: (metric: string) => string): number[] {
  const [av, pr, ui] = [v('AV'), v('PR'), v('UI')];
  const eq1 = av === 'N' && pr === 'N' && ui === 'N' ? 0 : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P' ? 1 : 2;
  const eq2 = v('AC') === 'L' && v('AT') === 'N' ? 0 : 1;
  const [vc, vi, va] = [v('VC'), v('VI'), v('VA')];
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const [si, sa] = [v('SI'), v('SA')];
  const eq4 = si === 'S' || sa === 'S' ? 0 : v('SC') === 'H' || si === 'H' || sa === 'H' ? 1 : 2;
  const eq5 = { A: 0, P: 1, U: 2 }[v('E')] ?? 0;
  const highRequirement =
    (v('CR') === 'H' && vc === 'H') || (v('IR') === 'H' && vi === 'H') || (v('AR') === 'H' && va === 'H');
  const eq6 = highRequirement ? 0 : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

function eq3eq6Lower(
  eq3: number,
  eq6: number,
  lower: (changes: Partial<Record<number, number>>) => number | undefined,
): number | undefined {
  if (eq3 === 0 && eq6 === 0) {
    // Two neighbours are one step down; the higher of them bounds the interpolation.
    const scores = [lower({ 5: 1 }), lower({ 2: 1 })].filter((s): s is number => s !== undefined);
    return scores.length > 0 ? Math.max(...scores) : undefined;
  }
  if (eq3 === 1 && eq6 === 0) return lower({ 5: 1 });
  if (eq3 === 2) return undefined;
  return lower({ 2: 1 });
}

// Highest-severity vectors of each class (spec section 8.2, "max composed").
const MAX_VECTORS = {
  eq1: [['AV:N/PR:N/UI:N'], ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'], ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P']],
  eq2: [['AC:L/AT:N'], ['AC:H/AT:N', 'AC:L/AT:P']],
  eq3eq6: {
    '00': ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'],
    '01': ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M'],
    '10': ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
    '11': [
      'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H',
      'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M',
      'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M',
      'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H',
      'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M',
    ],
    '21': ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H'],
  } as Record<string, string[]>,
  eq4: [['SC:H/SI:S/SA:S'], ['SC:H/SI:H/SA:H'], ['SC:L/SI:L/SA:L']],
  eq5: [['E:A'], ['E:P'], ['E:U']],
};

// Depth of each class in severity steps (spec section 8.2, "max severity", already +1).
const MAX_DEPTH = {
  eq1: [1, 4, 5],
  eq2: [1, 2],
  eq3eq6: { '00': 7, '01': 6, '10': 8, '11': 8, '21': 10 } as Record<string, number>,
  eq4: [6, 5, 4],
  eq5: [1, 1, 1],
};

function distancesToMaxVector(eq: number[], v: (metric: string) => string) {
  const [eq1, eq2, eq3, eq4, eq5, eq6] = eq;
  const groups = [
    MAX_VECTORS.eq1[eq1],
    MAX_VECTORS.eq2[eq2],
    MAX_VECTORS.eq3eq6[`${eq3}${eq6}`],
    MAX_VECTORS.eq4[eq4],
    MAX_VECTORS.eq5[eq5],
  ];
  for (const candidate of cartesian(groups)) {
    const max = parseMetrics(candidate.join('/').split('/'));
    const d: Record<string, number> = {};
    let ok = true;
    for (const metric of Object.keys(LEVELS)) {
      d[metric] = LEVELS[metric][v(metric)] - LEVELS[metric][max[metric]];
      if (!(d[metric] >= 0)) ok = false;
    }
    if (!ok) continue;
    return {
      eq1: d.AV + d.PR + d.UI,
      eq2: d.AC + d.AT,
      eq3eq6: d.VC + d.VI + d.VA + d.CR + d.IR + d.AR,
      eq4: d.SC + d.SI + d.SA,
    };
  }
  return undefined;
}

function cartesian(groups: string[][]): string[][] {
  return groups.reduce<string[][]>((acc, group) => acc.flatMap((prefix) => group.map((item) => [...prefix, item])), [[]]);
}
