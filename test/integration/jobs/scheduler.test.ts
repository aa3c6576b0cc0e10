// The one scheduler of periodic work: each period of a task is one job on the queue however many instances ask,
// and cron tasks (garbage collection) are schedules in the queue, or none when turned off.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { expect, it } from 'vitest';
import { PERIODIC_TASKS } from '@/lib/jobs/all-jobs';
import { defineJob } from '@/lib/jobs/define-job';
import { periodicJob } from '@/lib/jobs/periodic-jobs';
import { PgBossQueue } from '@/lib/jobs/pg-boss-queue';
import { startJobs } from '@/lib/jobs/start-jobs';
import { useTestRegistry } from '../../support/registry';

const reg = useTestRegistry();

const quiet = () => {};

async function schedules(): Promise<Array<{ name: string; cron: string; timezone: string }>> {
  const client = new pg.Client({ connectionString: reg.app.config.databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT name, cron, timezone FROM pgboss.schedule ORDER BY name')).rows;
  } finally {
    await client.end();
  }
}

it('queues one job per period of a task, however many instances ask at once', async () => {
  const task = PERIODIC_TASKS.find((t) => t.name === 'upload-purge')!;
  const { definition } = periodicJob(task);
  const queues = await Promise.all(
    [1, 2, 3].map(() => PgBossQueue.start({ url: reg.app.config.databaseUrl!, config: reg.app.config, definitions: [definition], supervise: false, log: quiet })),
  );
  try {
    const ids = await Promise.all(queues.map((q) => q.sendPeriodic(definition, {}, 3600)));
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    // Later in the same period, still none.
    expect(await queues[0]!.sendPeriodic(definition, {}, 3600)).toBeNull();
  } finally {
    await Promise.all(queues.map((q) => q.stop()));
  }
});

it('starts several instances at once whose queues do not exist yet (Postgres would deadlock creating them together)', async () => {
  const suffix = randomBytes(4).toString('hex');
  const definitions = Array.from({ length: 6 }, (_, i) =>
    defineJob({ name: `start-race-${suffix}-${i}`, payload: z.object({}), policy: () => ({ retryLimit: 0, retryDelaySeconds: 1, backoff: false, expireInSeconds: 60 }) }),
  );
  const queues = await Promise.all(
    Array.from({ length: 5 }, () => PgBossQueue.start({ url: reg.app.config.databaseUrl!, config: reg.app.config, definitions, supervise: false, log: quiet })),
  );
  try {
    // Every instance can use every queue.
    for (const [i, q] of queues.entries()) expect(await q.send(definitions[i]!, {})).toEqual(expect.any(String));
  } finally {
    await Promise.all(queues.map((q) => q.stop()));
  }
});

it('schedules garbage collection per BERTH_GC_SCHEDULE (UTC), and removes the schedule when it is off', async () => {
  const jobs = await startJobs(reg.app, { url: reg.app.config.databaseUrl!, work: true, log: quiet });
  await jobs.stop();
  expect(await schedules()).toContainEqual({ name: 'periodic-gc-schedule', cron: '0 3 * * *', timezone: 'UTC' });
  const off = { ...reg.app, config: { ...reg.app.config, gcSchedule: null } };
  const again = await startJobs(off, { url: reg.app.config.databaseUrl!, work: true, log: quiet });
  await again.stop();
  expect((await schedules()).map((s) => s.name)).not.toContain('periodic-gc-schedule');
});
