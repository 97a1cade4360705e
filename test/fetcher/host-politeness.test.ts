import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import type { Queue, Worker } from 'bullmq';
import { StatusLedger, Submitter, createQueues, createStageWorker } from '@newsflow/runtime';
import type { StageName } from '@newsflow/contracts';
import { loadConfig } from '../../services/fetcher/src/config';
import { buildFetcher } from '../../services/fetcher/src/wiring';
import { uniqueName } from '../support/pipeline';
import { startOrigin, type Origin } from './support/origins';
import { deletePrefix, silentLogger } from './support/stage-kit';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const PAGE = '<!doctype html><title>Story</title><p>Text.</p>';
const PER_HOST = 8;
const MAX_IN_FLIGHT = 2;
const INSTANCES = 3;
const SLOW_MS = 500;

interface Tracked {
  origin: Origin;
  inFlight: number;
  maxInFlight: number;
  lastPageAt: number;
}

async function trackedOrigin(host: string, responseDelayMs: number): Promise<Tracked> {
  const tracked = { inFlight: 0, maxInFlight: 0, lastPageAt: 0 } as Tracked;
  tracked.origin = await startOrigin(host, (req, res) => {
    if (req.url === '/robots.txt') return res.writeHead(404).end();
    tracked.inFlight++;
    tracked.maxInFlight = Math.max(tracked.maxInFlight, tracked.inFlight);
    setTimeout(() => {
      tracked.inFlight--;
      tracked.lastPageAt = performance.now();
      res.writeHead(200, HTML).end(PAGE);
    }, responseDelayMs);
  });
  return tracked;
}

describe('per-host politeness across several fetcher instances (BullMQ workers, real Redis)', () => {
  const redisUrl = inject('redisUrl');
  const prefix = uniqueName('polite');
  let slow: Tracked;
  let fast: Tracked;
  let redis: Redis;
  let queues: Record<StageName, Queue>;
  let ledger: StatusLedger;
  const instances: { worker: Worker; close: () => Promise<void>; redis: Redis }[] = [];

  beforeAll(async () => {
    slow = await trackedOrigin('127.0.0.11', SLOW_MS);
    fast = await trackedOrigin('127.0.0.12', 5);
    redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    queues = createQueues(redis, prefix);
    ledger = new StatusLedger(redis, prefix);
    const config = loadConfig({
      NEWSFLOW_QUEUE_PREFIX: prefix,
      NEWSFLOW_FETCH_ALLOW: `${slow.origin.hostPort},${fast.origin.hostPort}`,
      NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT: String(MAX_IN_FLIGHT),
      NEWSFLOW_FETCH_HOST_MIN_SPACING_MS: '0',
      NEWSFLOW_FETCH_HOST_BUSY_RETRY_MS: '100',
      NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS: '5000',
    });
    for (let i = 0; i < INSTANCES; i++) {
      // Each instance has its own Redis connections, as separate processes would.
      const own = new Redis(redisUrl, { maxRetriesPerRequest: null });
      const fetcher = buildFetcher(config, { redis: own, prefix, storeHtml: async (docId, run) => `html:${docId}-${run}` });
      const worker = createStageWorker({
        stage: 'fetch',
        handler: fetcher.handler,
        connection: own.duplicate(),
        prefix,
        queues: createQueues(own, prefix),
        ledger: new StatusLedger(own, prefix),
        logger: silentLogger,
        concurrency: 6,
      });
      await worker.waitUntilReady();
      instances.push({ worker, redis: own, close: fetcher.close });
    }
  });

  afterAll(async () => {
    for (const instance of instances) {
      await instance.worker.close();
      await instance.close();
      instance.redis.disconnect();
    }
    await Promise.all(Object.values(queues ?? {}).map((q) => q.close()));
    redis?.disconnect();
    await slow?.origin.close();
    await fast?.origin.close();
    await deletePrefix(redisUrl, prefix);
  });

  it('never exceeds the per-host limit, and a slow host does not hold up a fast one', async () => {
    const submitter = new Submitter(ledger, queues.fetch);
    const ids: string[] = [];
    const started = performance.now();
    // Slow host first, so that its jobs are ahead of the fast host's in the queue.
    for (const origin of [slow.origin, fast.origin]) {
      for (let i = 0; i < PER_HOST; i++) {
        const outcome = await submitter.submit(origin.url(`/story-${i}.html`));
        if (!('id' in outcome)) throw new Error(`rejected: ${JSON.stringify(outcome)}`);
        ids.push(outcome.id);
      }
    }
    const deadline = Date.now() + 30_000;
    for (;;) {
      const statuses = await Promise.all(ids.map((id) => ledger.get(id)));
      if (statuses.every((s) => s?.stage === 'clean')) break;
      const failed = statuses.find((s) => s?.state === 'failed');
      if (failed) throw new Error(`a fetch failed: ${JSON.stringify(failed)}`);
      if (Date.now() > deadline) throw new Error(`not done in time: ${JSON.stringify(statuses.map((s) => `${s?.stage}/${s?.state}`))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const pages = (o: Origin) => o.hits.filter((p) => p !== '/robots.txt');
    expect(pages(slow.origin)).toHaveLength(PER_HOST);
    expect(pages(fast.origin)).toHaveLength(PER_HOST);
    // The limit holds across all instances and was actually used.
    expect(slow.maxInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(fast.maxInFlight).toBeLessThanOrEqual(MAX_IN_FLIGHT);
    expect(slow.maxInFlight).toBe(MAX_IN_FLIGHT);
    console.log(`slow host: max ${slow.maxInFlight} in flight, done after ${Math.round(slow.lastPageAt - started)} ms; fast host: max ${fast.maxInFlight}, done after ${Math.round(fast.lastPageAt - started)} ms`);
    // 8 pages × 500 ms at 2 at a time take at least 2 s on the slow host...
    expect(slow.lastPageAt - started).toBeGreaterThan(((PER_HOST * SLOW_MS) / MAX_IN_FLIGHT) * 0.95);
    // ...while the fast host, queued behind it, is done long before.
    expect(fast.lastPageAt).toBeLessThan(slow.lastPageAt - 800);
    // robots.txt was fetched once per host, not once per instance.
    expect(slow.origin.hits.filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(fast.origin.hits.filter((p) => p === '/robots.txt')).toHaveLength(1);
  });
});
