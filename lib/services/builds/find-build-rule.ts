import { z } from 'zod';
import { absent } from '@/lib/errors/domain-error';
import type { AppContext } from '@/lib/services/context';
import { BUILD_RULE_SELECT, type BuildRuleRow } from './build-rule-dto';

/** A rule of the repository, or NOT_FOUND (also for an id that is not a UUID, or a rule of another repository). */
export async function findBuildRule(app: AppContext, repositoryId: string, id: string): Promise<BuildRuleRow> {
  const row = z.uuid().safeParse(id).success
    ? await app.db.buildRule.findFirst({ where: { id, repositoryId }, select: BUILD_RULE_SELECT })
    : null;
  if (!row) throw absent('build rule');
  return row;
}
