import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Queue, Worker } from 'bullmq';
import { pino } from 'pino';
import { QUEUE, StageDeferral, StageFailure, StageSkip, identifyUrl, jobIdFor, type CleanJob, type FetchJob } from '@newsflow/contracts';
import { StatusLedger, Submitter, createQueues, createStageWorker, type StageHandler } from '@newsflow/runtime';
import { cleanupNamespace, uniqueName } from '../support/pipeline';

const logger = pino({ level: 'silent' });

function cleanJobFrom(input: FetchJob): CleanJob {
  return {
    ...input,
    fetch: {
      finalUrl: input.url,
      status: 200,
      fetchedAt: new Date().toISOString(),
      contentType: 'text/html',
      redirects: 0,
      bytes: 10,
      htmlRef: 'none',
      charset: 'utf-8',
    },
  };
}

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('stage adapter (real Redis)', () => {
  const redisUrl = inject('redisUrl');
  const prefix = uniqueName('adapter');
  let redis: Redis;
  let queues: Record<'fetch' | 'clean' | 'langdetect' | 'enrich' | 'index', Queue>;
  let ledger: StatusLedger;
  let submitter: Submitter;
  let worker: Worker;
  const behaviour = new Map<string, (input: FetchJob, attempt: number) => Promise<CleanJob>>();

  beforeAll(async () => {
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    queues = createQueues(redis, prefix);
    ledger = new StatusLedger(redis, prefix);
    submitter = new Submitter(ledger, queues.fetch);
    const handler: StageHandler<'fetch'> = async (input, { attempt }) => {
      const act = behaviour.get(new URL(input.url).pathname) ?? (async (i: FetchJob) => cleanJobFrom(i));
      return act(input, attempt);
    };
    worker = createStageWorker({ stage: 'fetch', handler, connection: redis.duplicate(), prefix, queues, ledger, logger, concurrency: 4 });
    await worker.waitUntilReady();
  });

  afterAll(async () => {
    await worker?.close();
    await Promise.all(Object.values(queues ?? {}).map((q) => q.close()));
    redis?.disconnect();
    await cleanupNamespace(redisUrl, inject('elasticsearchUrl'), prefix, prefix);
  });

  it('passes the output to the next queue and records progress', async () => {
    const outcome = await submitter.submit('http://127.0.0.1:9/ok');
    if (!('id' in outcome)) throw new Error('rejected');
    const status = await until(() => ledger.get(outcome.id), (s) => s?.stage === 'clean');
    expect(status).toMatchObject({ state: 'queued', stage: 'clean', attempts: 0 });
    expect(status?.stages.fetch?.durationMs).toBeGreaterThanOrEqual(0);
    const next = await queues.clean.getJob(jobIdFor(outcome.id, outcome.run));
    expect(next?.data).toMatchObject({ docId: outcome.id, run: outcome.run, fetch: { status: 200 } });
  });

  it('fails permanent errors at once with their code', async () => {
    behaviour.set('/gone', async () => {
      throw new StageFailure('http_4xx', 'HTTP 404');
    });
    const outcome = await submitter.submit('http://127.0.0.1:9/gone');
    if (!('id' in outcome)) throw new Error('rejected');
    const status = await until(() => ledger.get(outcome.id), (s) => s?.state === 'failed');
    expect(status).toMatchObject({ stage: 'fetch', attempts: 1, error: { code: 'http_4xx', message: 'HTTP 404' } });
    const job = await queues.fetch.getJob(jobIdFor(outcome.id, outcome.run));
    expect(await job?.getState()).toBe('failed');
    expect(job?.failedReason).toBe('http_4xx: HTTP 404');
  });

  it('retries transient errors with backoff, then succeeds', async () => {
    behaviour.set('/flaky', async (input, attempt) => {
      if (attempt < 3) throw new StageFailure('http_5xx', `HTTP 503 on attempt ${attempt}`);
      return cleanJobFrom(input);
    });
    const outcome = await submitter.submit('http://127.0.0.1:9/flaky');
    if (!('id' in outcome)) throw new Error('rejected');
    const status = await until(() => ledger.get(outcome.id), (s) => s?.stage === 'clean', 30_000);
    expect(status?.state).toBe('queued');
    const job = await queues.fetch.getJob(jobIdFor(outcome.id, outcome.run));
    // BullMQ counts every finished attempt, the successful one included.
    expect(job?.attemptsMade).toBe(3);
  });

  it('defers without spending an attempt, and can end a run early as done', async () => {
    let calls = 0;
    behaviour.set('/polite', async (input) => {
      calls++;
      if (calls === 1) throw new StageDeferral(300, 'host busy');
      return cleanJobFrom(input);
    });
    behaviour.set('/unchanged', async () => {
      throw new StageSkip('not_modified');
    });
    const polite = await submitter.submit('http://127.0.0.1:9/polite');
    const unchanged = await submitter.submit('http://127.0.0.1:9/unchanged');
    if (!('id' in polite) || !('id' in unchanged)) throw new Error('rejected');
    await until(() => ledger.get(polite.id), (s) => s?.stage === 'clean');
    expect(calls).toBe(2);
    const job = await queues.fetch.getJob(jobIdFor(polite.id, polite.run));
    // Two calls, one counted attempt: the deferral spent none.
    expect(job?.attemptsMade).toBe(1);
    const skipped = await until(() => ledger.get(unchanged.id), (s) => s?.state === 'done');
    expect(skipped?.stages.fetch?.note).toBe('not_modified');
  });

  it('fails a payload that breaks the contract as invalid_payload', async () => {
    const { id } = identifyUrl('http://127.0.0.1:9/bad-payload');
    const run = (await ledger.beginRun(id, 'http://127.0.0.1:9/bad-payload', new Date())).run;
    await queues.fetch.add(QUEUE.fetch, { docId: id, run, url: 'not a url', submittedAt: 'yesterday' }, { jobId: jobIdFor(id, run) });
    const status = await until(() => ledger.get(id), (s) => s?.state === 'failed');
    expect(status?.error?.code).toBe('invalid_payload');
  });

  it('collapses 50 concurrent submissions of one URL and its variants onto one job', async () => {
    behaviour.set('/once', async (input) => {
      await new Promise((r) => setTimeout(r, 500));
      return cleanJobFrom(input);
    });
    const variants = ['http://127.0.0.1:9/once', 'http://127.0.0.1:9/once#x', 'HTTP://127.0.0.1:9/once?utm_source=a', 'http://127.0.0.1:80/once'.replace(':80', ':9')];
    const submitters = Array.from({ length: 5 }, () => new Submitter(new StatusLedger(redis, prefix), queues.fetch));
    const outcomes = await Promise.all(Array.from({ length: 50 }, (_, i) => submitters[i % 5]!.submit(variants[i % variants.length]!)));
    const ids = new Set(outcomes.map((o) => ('id' in o ? o.id : 'rejected')));
    expect(ids.size).toBe(1);
    expect(outcomes.filter((o) => 'status' in o && o.status === 'accepted')).toHaveLength(1);
    const [id] = [...ids];
    const jobs = await queues.fetch.getJobs(['waiting', 'active', 'completed', 'delayed', 'failed']);
    expect(jobs.filter((j) => (j.data as FetchJob).docId === id)).toHaveLength(1);
  });

  it('ignores a stale job of an older run of the same URL', async () => {
    const url = 'http://127.0.0.1:9/rerun';
    const { id } = identifyUrl(url);
    const first = await ledger.beginRun(id, url, new Date());
    await ledger.markFailed(id, first.run, 'fetch', 1, { code: 'http_5xx', message: 'x' }, new Date());
    const second = await ledger.beginRun(id, url, new Date());
    expect(second.run).toBe(first.run + 1);
    expect(await ledger.markActive(id, first.run, 'fetch', 1, new Date())).toBe(false);
    expect(await ledger.markActive(id, second.run, 'fetch', 1, new Date())).toBe(true);
  });
});
