/** CVSS v3.x and v2 base scores (FIRST specifications), computed from the vector string. */

type Weights = Record<string, Record<string, number>>;

const V3_WEIGHTS: Weights = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
};
// Privileges Required weighs more when the scope changes (CVSS v3.1 spec, section 7.4).
const V3_PR: Record<'U' | 'C', Record<string, number>> = {
  U: { N: 0.85, L: 0.62, H: 0.27 },
  C: { N: 0.85, L: 0.68, H: 0.5 },
};

/** Base score of a `CVSS:3.0/...` or `CVSS:3.1/...` vector; undefined if it is not one. */
export function cvss3BaseScore(vector: string): number | undefined {
  if (!/^CVSS:3\.[01]\//.test(vector.trim())) return undefined;
  const m = parseMetrics(vector.trim().split('/').slice(1));
  const scope = m.S;
  if (scope !== 'U' && scope !== 'C') return undefined;
  const w = (metric: string) => V3_WEIGHTS[metric]?.[m[metric] ?? ''];
  const [av, ac, ui, c, i, a] = ['AV', 'AC', 'UI', 'C', 'I', 'A'].map(w);
  const pr = V3_PR[scope][m.PR ?? ''];
  if ([av, ac, ui, c, i, a, pr].some((x) => x === undefined)) return undefined;
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * pr * ui;
  const raw = scope === 'U' ? impact + exploitability : 1.08 * (impact + exploitability);
  return roundUp(Math.min(raw, 10));
}

/**
 * CVSS v3.1 Roundup (Appendix A): the smallest one-decimal number >= x, computed on integers so
 * that floating-point noise (4.000000001) does not bump the score. Used for v3.0 too.
 */
function roundUp(x: number): number {
  const scaled = Math.round(x * 100000);
  if (scaled % 10000 === 0) return scaled / 100000;
  return (Math.floor(scaled / 10000) + 1) / 10;
}

const V2_WEIGHTS: Weights = {
  AV: { L: 0.395, A: 0.646, N: 1 },
  AC: { H: 0.35, M: 0.61, L: 0.71 },
  Au: { M: 0.45, S: 0.56, N: 0.704 },
  C: { N: 0, P: 0.275, C: 0.66 },
  I: { N: 0, P: 0.275, C: 0.66 },
  A: { N: 0, P: 0.275, C: 0.66 },
};

/** Base score of a CVSS v2 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`, optionally parenthesized). */
export function cvss2BaseScore(vector: string): number | undefined {
  const body = vector.trim().replace(/^\(|\)$/g, '').replace(/^CVSS:2\.0\//, '');
  const m = parseMetrics(body.split('/'));
  const w = (metric: string) => V2_WEIGHTS[metric][m[metric] ?? ''];
  const [av, ac, au, c, i, a] = ['AV', 'AC', 'Au', 'C', 'I', 'A'].map(w);
  if ([av, ac, au, c, i, a].some((x) => x === undefined)) return undefined;
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  const exploitability = 20 * av * ac * au;
  const f = impact === 0 ? 0 : 1.176;
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10) / 10;
}

export function parseMetrics(parts: string[]): Record<string, string> {
  const metrics: Record<string, string> = {};
  for (const part of parts) {
    const [key, value] = part.split(':');
    if (key && value !== undefined) metrics[key] = value;
  }
  return metrics;
}
