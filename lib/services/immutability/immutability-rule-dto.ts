import type { ImmutabilityRule } from '@/lib/db/generated/client';
import type { ImmutabilityRuleDto } from '@/lib/schemas/immutability';

export function toImmutabilityRuleDto(row: ImmutabilityRule): ImmutabilityRuleDto {
  return { id: row.id, name: row.name, pattern: row.pattern, scope: row.repositoryId ? 'repository' : 'namespace', createdAt: row.createdAt.toISOString() };
}
