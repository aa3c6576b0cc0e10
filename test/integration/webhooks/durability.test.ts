// Deliveries survive the worker going away: events committed while no worker (or no queue) runs are delivered
// exactly once by the next worker on the same database, through the outbox sweeper or the queued job.
import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_HANDLERS } from '@/lib/jobs/all-jobs';
import { PgBossQueue } from '@/lib/jobs/pg-boss-queue';
import { randomName } from '../../support/database';
import { OciClient } from '../../support/oci-client';
import { createRepoWebhook, listDeliveries, sleep, useReceiver, useWebhookHarness, waitFor } from './support';

const h = useWebhookHarness();
const r = useReceiver();
let oci: OciClient;
beforeAll(() => {
  oci = new OciClient(h.reg, h.reg.admin);
});

async function repoWithHook() {
  const repo = `${randomName('ns')}/${randomName('app')}`;
  await oci.pushImage(repo, 'seed');
  const res = await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'durable', url: `${r.url}/${repo}` });
  expect(res.status).toBe(201);
  return { repo, webhookId: res.body.id as string };
}

const receivedFor = (repo: string) => r.received.filter((x) => x.path === `/${repo}`);

describe('durable delivery', () => {
  it('an event committed while no queue runs is delivered once by the next worker (outbox sweeper)', async () => {
    const { repo, webhookId } = await repoWithHook();
    await h.stopJobs();
    await oci.pushImage(repo, 'while-down');
    const event = await h.reg.app.db.webhookEvent.findFirstOrThrow({ where: { repositoryName: repo, tag: 'while-down' } });
    // Committed with the push, but nothing could queue it.
    expect(event.enqueuedAt).toBeNull();
    await sleep(1000);
    expect(receivedFor(repo)).toHaveLength(0);

    await h.startJobs();
    await waitFor(() => receivedFor(repo).length >= 1, 15_000, 'the delivery after restart');
    await sleep(2000);
    expect(receivedFor(repo)).toHaveLength(1);
    expect(JSON.parse(receivedFor(repo)[0]!.body).pushData.tag).toBe('while-down');
    const [d] = (await listDeliveries(h.reg, h.reg.admin, repo, webhookId)).body.items;
    expect(d).toMatchObject({ status: 'succeeded' });
    expect(d.attempts).toHaveLength(1);
  });

  it('a job queued while no worker runs is delivered once when a new worker starts', async () => {
    const { repo, webhookId } = await repoWithHook();
    // A process that only enqueues (a server with BERTH_WORKER=off).
    await h.startJobs({ work: false });
    await oci.pushImage(repo, 'queued');
    const event = await h.reg.app.db.webhookEvent.findFirstOrThrow({ where: { repositoryName: repo, tag: 'queued' } });
    expect(event.enqueuedAt).not.toBeNull();
    await sleep(1500);
    expect(receivedFor(repo)).toHaveLength(0);
    await h.stopJobs();

    await h.startJobs();
    await waitFor(() => receivedFor(repo).length >= 1, 15_000, 'the delivery by the new worker');
    await sleep(2000);
    expect(receivedFor(repo)).toHaveLength(1);
    const [d] = (await listDeliveries(h.reg, h.reg.admin, repo, webhookId)).body.items;
    expect(d.attempts).toHaveLength(1);
  });

  it('a worker in another process hears of a queued job through Postgres, without waiting for its next poll', async () => {
    const { repo } = await repoWithHook();
    // This process only enqueues (a server with BERTH_WORKER=off); the worker is a separate queue, as
    // `npm run worker` would be, polling only every 60 s: a delivery within seconds means it was woken.
    await h.startJobs({ work: false });
    const config = { ...h.reg.app.config, jobPollSeconds: 60 };
    const worker = await PgBossQueue.start({ url: config.databaseUrl!, config, definitions: JOB_HANDLERS.map((j) => j.definition), supervise: true, log: () => {} });
    try {
      for (const handler of JOB_HANDLERS) await worker.work(h.reg.app, handler);
      await sleep(1000); // the workers' first poll, which finds nothing, is behind them
      await oci.pushImage(repo, 'woken');
      await waitFor(() => receivedFor(repo).length >= 1, 20_000, 'the delivery by the woken worker');
      expect(JSON.parse(receivedFor(repo)[0]!.body).pushData.tag).toBe('woken');
    } finally {
      await worker.stop();
      await h.startJobs();
    }
  });

  it('a delivery waiting for its retry when the worker stops is completed, once, by the next worker', async () => {
    const { repo, webhookId } = await repoWithHook();
    r.respond = (n) => (r.received[n]!.path === `/${repo}` && receivedFor(repo).length === 1 ? 500 : 200);
    await oci.pushImage(repo, 'retry-across-restart');
    await waitFor(() => receivedFor(repo).length >= 1, 15_000, 'the first attempt');
    await h.stopJobs();
    await sleep(2500); // past the retry's start time: nobody is there to run it
    expect(receivedFor(repo)).toHaveLength(1);

    await h.startJobs();
    await waitFor(() => receivedFor(repo).length >= 2, 15_000, 'the retry by the new worker');
    await sleep(2000);
    expect(receivedFor(repo)).toHaveLength(2);
    const [d] = (await listDeliveries(h.reg, h.reg.admin, repo, webhookId)).body.items;
    expect(d.status).toBe('succeeded');
    expect(d.attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    r.respond = () => 200;
  });

  it('an event still waiting in the queue when a webhook is created does not fire it, nor list it as untriggered', async () => {
    const repo = `${randomName('ns')}/${randomName('app')}`;
    await h.stopJobs();
    await oci.pushImage(repo, 'before-the-hook');
    const res = await createRepoWebhook(h.reg, h.reg.admin, repo, { name: 'late', url: `${r.url}/${repo}` });
    expect(res.status).toBe(201);
    await h.startJobs();
    const event = await h.reg.app.db.webhookEvent.findFirstOrThrow({ where: { repositoryName: repo, tag: 'before-the-hook' } });
    await waitFor(async () => (await h.reg.app.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).dispatchedAt !== null, 15_000, 'the dispatch');
    await oci.pushImage(repo, 'after-the-hook');
    await waitFor(() => receivedFor(repo).length >= 1, 15_000, 'the delivery of the later push');
    await sleep(1000);
    expect(receivedFor(repo).map((x) => JSON.parse(x.body).pushData.tag)).toEqual(['after-the-hook']);
    const dispatched = await h.reg.app.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(dispatched.untriggered).toEqual([]);
  });
});
