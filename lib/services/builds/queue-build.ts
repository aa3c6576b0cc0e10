import type { BuildDto } from '@/lib/schemas/builds';
import type { AppContext } from '@/lib/services/context';
import { BUILD_SELECT, toBuildDto } from './build-dto';
import { enqueueBuilds } from './enqueue-builds';

/** Commits a queued build of a rule, then queues its job. Authorization is the caller's (a route or a verified hook). */
export async function queueBuild(
  app: AppContext,
  input: { rule: { id: string; name: string; repositoryId: string }; ref: string; commit?: string; triggeredBy: 'manual' | 'webhook'; requestedBy: string },
): Promise<BuildDto> {
  const row = await app.db.build.create({
    data: {
      repositoryId: input.rule.repositoryId,
      ruleId: input.rule.id,
      ruleName: input.rule.name,
      triggeredBy: input.triggeredBy,
      requestedBy: input.requestedBy,
      ref: input.ref,
      commit: input.commit ?? null,
    },
    select: BUILD_SELECT,
  });
  await enqueueBuilds(app, [row.id]);
  return toBuildDto(row);
}
