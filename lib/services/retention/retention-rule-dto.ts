import type { RetentionRule } from '@/lib/db/generated/client';
import type { RetentionRuleDto } from '@/lib/schemas/retention';

export function toRetentionRuleDto(row: RetentionRule): RetentionRuleDto {
  return {
    id: row.id,
    name: row.name,
    scope: row.repositoryId ? 'repository' : 'namespace',
    ...(row.keepNewest === null ? {} : { keepNewest: row.keepNewest }),
    ...(row.keepMatching === null ? {} : { keepMatching: row.keepMatching }),
    ...(row.removeOlderThanDays === null ? {} : { removeOlderThanDays: row.removeOlderThanDays }),
    ...(row.removeNotPulledForDays === null ? {} : { removeNotPulledForDays: row.removeNotPulledForDays }),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The criterion columns of a rule: the one given, the others cleared. */
export function criterionColumns(input: { keepNewest?: number; keepMatching?: string; removeOlderThanDays?: number; removeNotPulledForDays?: number }) {
  return {
    keepNewest: input.keepNewest ?? null,
    keepMatching: input.keepMatching ?? null,
    removeOlderThanDays: input.removeOlderThanDays ?? null,
    removeNotPulledForDays: input.removeNotPulledForDays ?? null,
  };
}
