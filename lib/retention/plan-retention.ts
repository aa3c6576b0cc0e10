import { compileTagPattern } from '@/lib/webhooks/match-trigger';

/** One rule; exactly one criterion is set. Each names tags to keep (Harbor's retain rules). */
export interface RetentionRuleSpec {
  name: string;
  keepNewest?: number | null;
  keepMatching?: string | null;
  removeOlderThanDays?: number | null;
  removeNotPulledForDays?: number | null;
}

export interface TagFacts {
  name: string;
  pushedAt: Date;
  lastPulledAt: Date | null;
  /** The immutability rule protecting the tag, if any: such a tag always stays. */
  immutableBy?: string | null;
}

export interface TagVerdict {
  tag: string;
  keep: boolean;
  reason: string;
}

const DAY_MS = 86_400_000;

/**
 * Decides which tags of one repository stay, by Harbor's semantics: every rule names tags to keep, and
 *  - `keepNewest: n` keeps the n most recently pushed tags;
 *  - `keepMatching: re` keeps tags the RE2 pattern matches (whole tag);
 *  - `removeOlderThanDays: d` keeps tags pushed within the last d days (so removes older ones);
 *  - `removeNotPulledForDays: d` keeps tags pulled, or pushed, within the last d days.
 * A tag any rule keeps stays; with at least one rule, every other tag goes. Immutable tags always stay. No rule,
 * no removal. Pure: the caller loads the facts and carries out the verdicts.
 */
export function planRetention(tags: readonly TagFacts[], rules: readonly RetentionRuleSpec[], now: Date): TagVerdict[] {
  if (rules.length === 0) return tags.map((t) => ({ tag: t.name, keep: true, reason: 'no retention rule applies' }));
  const newestFirst = [...tags].sort((a, b) => b.pushedAt.getTime() - a.pushedAt.getTime() || a.name.localeCompare(b.name));
  const rank = new Map(newestFirst.map((t, i) => [t.name, i]));
  return tags.map((t) => {
    if (t.immutableBy) return { tag: t.name, keep: true, reason: `immutable (rule "${t.immutableBy}")` };
    for (const rule of rules) {
      const why = keptBy(rule, t, rank.get(t.name)!, now);
      if (why) return { tag: t.name, keep: true, reason: `kept by "${rule.name}" (${why})` };
    }
    const pushedDays = Math.floor((now.getTime() - t.pushedAt.getTime()) / DAY_MS);
    const pulled = t.lastPulledAt ? `last pulled ${Math.floor((now.getTime() - t.lastPulledAt.getTime()) / DAY_MS)} days ago` : 'never pulled';
    return { tag: t.name, keep: false, reason: `no rule keeps it (pushed ${pushedDays} days ago, ${pulled})` };
  });
}

function keptBy(rule: RetentionRuleSpec, t: TagFacts, rank: number, now: Date): string | null {
  if (rule.keepNewest != null) return rank < rule.keepNewest ? `among the newest ${rule.keepNewest}` : null;
  if (rule.keepMatching != null) {
    const compiled = compileTagPattern(rule.keepMatching);
    return compiled.ok && compiled.regex.testExact(t.name) ? `matches ${rule.keepMatching}` : null;
  }
  if (rule.removeOlderThanDays != null) {
    return now.getTime() - t.pushedAt.getTime() < rule.removeOlderThanDays * DAY_MS ? `pushed within ${rule.removeOlderThanDays} days` : null;
  }
  if (rule.removeNotPulledForDays != null) {
    const last = Math.max(t.pushedAt.getTime(), t.lastPulledAt?.getTime() ?? 0);
    return now.getTime() - last < rule.removeNotPulledForDays * DAY_MS ? `pulled or pushed within ${rule.removeNotPulledForDays} days` : null;
  }
  return null;
}
