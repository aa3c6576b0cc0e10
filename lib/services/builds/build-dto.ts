import type { Prisma } from '@/lib/db/client';
import type { BuildDto } from '@/lib/schemas/builds';
import { BUILD_STATUSES } from '@/lib/schemas/builds';

export const BUILD_SELECT = {
  id: true,
  repositoryId: true,
  ruleId: true,
  ruleName: true,
  triggeredBy: true,
  requestedBy: true,
  ref: true,
  commit: true,
  status: true,
  tags: true,
  digest: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  logBytes: true,
  repository: { select: { name: true } },
} as const satisfies Prisma.BuildSelect;

export type BuildRow = Prisma.BuildGetPayload<{ select: typeof BUILD_SELECT }>;

export function statusOf(value: string): BuildDto['status'] {
  return (BUILD_STATUSES as readonly string[]).includes(value) ? (value as BuildDto['status']) : 'failed';
}

const seconds = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 100) / 10);

export function toBuildDto(row: BuildRow, now = new Date()): BuildDto {
  return {
    id: row.id,
    repository: row.repository.name,
    ruleId: row.ruleId,
    ruleName: row.ruleName,
    trigger: row.triggeredBy === 'webhook' ? 'webhook' : 'manual',
    requestedBy: row.requestedBy,
    ref: row.ref,
    commit: row.commit,
    status: statusOf(row.status),
    tags: row.tags,
    digest: row.digest,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    queuedSeconds: row.startedAt ? seconds(row.createdAt, row.startedAt) : null,
    durationSeconds: row.startedAt ? seconds(row.startedAt, row.finishedAt ?? now) : null,
    logBytes: row.logBytes,
  };
}
