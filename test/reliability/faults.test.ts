import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { QUEUE, jobIdFor } from '@newsflow/contracts';
import { Client } from '@elastic/elasticsearch';
import { StatusLedger } from '@newsflow/runtime';
import { startOrigin, type Origin } from '../support/origin';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server';
import { startFaultProxy } from '../support/fault-proxy';
import { ROOT, SERVICES, api, cleanupNamespace, freePort, startService, stopProcess, uniqueName, type RunningProcess, type ServiceName } from '../support/pipeline';

/** Fast crash detection so tests wait seconds, not minutes. */
const FAST_RECOVERY = { NEWSFLOW_LOCK_DURATION_MS: '2000', NEWSFLOW_STALLED_INTERVAL_MS: '1000', NEWSFLOW_SHUTDOWN_TIMEOUT_MS: '8000' };

interface Harness {
  env: Record<string, string>;
  apiUrl: string;
  apiKey: string;
  processes: Map<ServiceName, RunningProcess[]>;
  ledger: StatusLedger;
  ledgerRedis: Redis;
  start: (name: ServiceName, extra?: Record<string, string>) => RunningProcess;
  submit: (urls: string[]) => Promise<string[]>;
  waitAll: (ids: string[], timeoutMs?: number) => Promise<Map<string, string>>;
  logs: () => string;
  stop: () => Promise<void>;
}

async function harness(redisUrl: string, elasticsearchUrl: string, origin: Origin, label: string, extraEnv: Record<string, string> = {}): Promise<Harness> {
  const prefix = uniqueName(label);
  const apiPort = await freePort();
  const apiKey = 'reliability-key-0123456789';
  const env: Record<string, string> = {
    REDIS_URL: redisUrl,
    ELASTICSEARCH_URL: elasticsearchUrl,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_ALIAS: prefix,
    NEWSFLOW_API_PORT: String(apiPort),
    NEWSFLOW_API_KEYS: `tests:${apiKey}`,
    NEWSFLOW_FETCH_ALLOW: `${origin.host}:${origin.port}`,
    // One loopback origin stands for many sites here: no per-host spacing toward it.
    NEWSFLOW_FETCH_HOST_MIN_SPACING_MS: '0',
    NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT: '64',
    NEWSFLOW_INDEX_REFRESH: 'wait_for',
    ...FAST_RECOVERY,
    ...extraEnv,
  };
  const processes = new Map<ServiceName, RunningProcess[]>();
  const start = (name: ServiceName, extra: Record<string, string> = {}): RunningProcess => {
    const proc = startService(name, { ...env, ...extra });
    processes.set(name, [...(processes.get(name) ?? []), proc]);
    return proc;
  };
  const ledgerRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  ledgerRedis.on('error', () => undefined); // Redis restarts are part of these tests
  const ledger = new StatusLedger(ledgerRedis, prefix);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const logs = (): string =>
    [...processes.values()]
      .flat()
      .map((p) => `----- ${p.name}\n${p.output().slice(-3_000)}`)
      .join('\n');
  return {
    env,
    apiUrl,
    apiKey,
    processes,
    ledger,
    ledgerRedis,
    start,
    logs,
    submit: async (urls) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        try {
          if ((await fetch(`${apiUrl}/readyz`)).ok) break;
        } catch {
          // starting
        }
        if (Date.now() > deadline) throw new Error(`API not ready\n${logs()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const response = await api<{ items: { id: string }[] }>(apiUrl, '/urls', { body: { urls }, key: apiKey });
      return response.body.items.map((i) => i.id);
    },
    waitAll: async (ids, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      const states = new Map<string, string>();
      for (;;) {
        for (const id of ids) {
          const status = await ledger.get(id).catch(() => null);
          if (status) states.set(id, status.state === 'failed' ? `failed:${status.error?.code}` : status.state);
        }
        if (ids.every((id) => states.get(id) === 'done' || states.get(id)?.startsWith('failed'))) return states;
        if (Date.now() > deadline) throw new Error(`not finished: ${JSON.stringify(Object.fromEntries(states))}\n${logs()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    stop: async () => {
      await Promise.all([...processes.values()].flat().map((p) => stopProcess(p, 'SIGTERM', 10_000)));
      ledgerRedis.disconnect();
      await cleanupNamespace(redisUrl, elasticsearchUrl, prefix, prefix).catch(() => undefined);
    },
  };
}

async function countDocuments(elasticsearchUrl: string, alias: string, ids: string[]): Promise<number> {
  const es = new Client({ node: elasticsearchUrl });
  try {
    await es.indices.refresh({ index: alias });
    const response = await es.count({ index: alias, query: { ids: { values: ids } } });
    return response.count;
  } finally {
    await es.close();
  }
}

describe('reliability under real faults', () => {
  const elasticsearchUrl = inject('elasticsearchUrl');
  let origin: Origin;
  let redis: PrivateRedis;

  beforeAll(async () => {
    origin = await startOrigin();
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await origin?.close();
    await redis?.stop();
  });

  it('refuses to start against a Redis that may evict keys', async () => {
    const evicting = await startPrivateRedis({ policy: 'allkeys-lru' });
    try {
      const proc = startService('fetcher', { REDIS_URL: evicting.url, NEWSFLOW_QUEUE_PREFIX: uniqueName('evict') });
      const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(proc.output()).toContain('noeviction');
    } finally {
      await evicting.stop();
    }
  });

  it('re-runs a job whose worker was SIGKILLed mid-fetch on another worker, with no duplicate document', async () => {
    const h = await harness(redis.url, elasticsearchUrl, origin, 'crash');
    try {
      origin.setDelay(4_000);
      const victim = h.start('fetcher');
      for (const name of SERVICES.filter((s) => s !== 'fetcher')) h.start(name);
      const urls = [origin.articleUrl(101), origin.articleUrl(102), origin.articleUrl(103)];
      const ids = await h.submit(urls);
      // Wait until the victim is inside the fetches, then kill it without warning.
      const deadline = Date.now() + 20_000;
      while ((origin.hits.get('/article/101.html') ?? 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect((await h.ledger.get(ids[0]!))?.state).toBe('active');
      await stopProcess(victim, 'SIGKILL');
      origin.setDelay(0);
      h.start('fetcher');
      const states = await h.waitAll(ids, 60_000);
      expect([...states.values()]).toEqual(['done', 'done', 'done']);
      expect(origin.hits.get('/article/101.html')).toBeGreaterThanOrEqual(2);
      expect(await countDocuments(elasticsearchUrl, h.env.NEWSFLOW_INDEX_ALIAS!, ids)).toBe(3);
    } finally {
      origin.setDelay(0);
      await h.stop();
    }
  });

  it('drains the in-flight job on SIGTERM, and exits within the bound even when Redis is gone', async () => {
    const h = await harness(redis.url, elasticsearchUrl, origin, 'drain');
    try {
      origin.setDelay(2_500);
      const fetcher = h.start('fetcher');
      h.start('api');
      const [id] = await h.submit([origin.articleUrl(201)]);
      const deadline = Date.now() + 20_000;
      while ((origin.hits.get('/article/201.html') ?? 0) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const code = await stopProcess(fetcher, 'SIGTERM', 20_000);
      expect(code).toBe(0);
      // The job finished and moved on, rather than being abandoned as stalled.
      expect(await h.ledger.get(id!)).toMatchObject({ stage: 'clean', state: 'queued' });
    } finally {
      origin.setDelay(0);
      await h.stop();
    }
    const lonely = await startPrivateRedis();
    const orphan = startService('fetcher', { REDIS_URL: lonely.url, NEWSFLOW_QUEUE_PREFIX: uniqueName('orphan'), NEWSFLOW_SHUTDOWN_TIMEOUT_MS: '3000' });
    await new Promise<void>((resolve) => {
      const check = (): void => (orphan.output().includes('stage worker started') ? resolve() : void setTimeout(check, 100));
      check();
    });
    await lonely.stop();
    const started = Date.now();
    await stopProcess(orphan, 'SIGTERM', 20_000);
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('resumes by itself after Redis restarts mid-pipeline (AOF), losing nothing', async () => {
    const h = await harness(redis.url, elasticsearchUrl, origin, 'restart');
    try {
      origin.setDelay(150);
      for (const name of SERVICES) h.start(name);
      const ids = await h.submit(Array.from({ length: 20 }, (_, i) => origin.articleUrl(300 + i)));
      await new Promise((r) => setTimeout(r, 800));
      await redis.restart(1_500);
      origin.setDelay(0);
      const states = await h.waitAll(ids, 90_000);
      expect([...states.values()].every((s) => s === 'done')).toBe(true);
      expect(await countDocuments(elasticsearchUrl, h.env.NEWSFLOW_INDEX_ALIAS!, ids)).toBe(20);
    } finally {
      origin.setDelay(0);
      await h.stop();
    }
  });

  it('pauses indexing while Elasticsearch is unreachable and catches up without spending attempts', async () => {
    const proxy = await startFaultProxy(new URL(elasticsearchUrl));
    const h = await harness(redis.url, elasticsearchUrl, origin, 'esdown', { NEWSFLOW_INDEX_OUTAGE_PAUSE_MS: '500' });
    try {
      for (const name of SERVICES.filter((s) => s !== 'indexer')) h.start(name);
      h.start('indexer', { ELASTICSEARCH_URL: proxy.url });
      const ids = await h.submit([origin.articleUrl(401)]);
      await h.waitAll(ids);
      proxy.block();
      const more = await h.submit(Array.from({ length: 5 }, (_, i) => origin.articleUrl(410 + i)));
      const deadline = Date.now() + 30_000;
      for (;;) {
        const statuses = await Promise.all(more.map((id) => h.ledger.get(id)));
        if (statuses.every((s) => s?.stage === 'index')) break;
        if (Date.now() > deadline) throw new Error(`not waiting at index: ${JSON.stringify(statuses.map((s) => [s?.stage, s?.state]))}\n${h.logs()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      // An outage long enough to exhaust every retry if attempts were being spent.
      for (let waited = 0; waited < 12_000; waited += 500) {
        const statuses = await Promise.all(more.map((id) => h.ledger.get(id)));
        expect(statuses.every((s) => s?.stage === 'index' && (s.state === 'active' || s.state === 'deferred' || s.state === 'queued'))).toBe(true);
        await new Promise((r) => setTimeout(r, 500));
      }
      proxy.unblock();
      const states = await h.waitAll(more, 60_000);
      expect([...states.values()].every((s) => s === 'done')).toBe(true);
      expect(await countDocuments(elasticsearchUrl, h.env.NEWSFLOW_INDEX_ALIAS!, [...ids, ...more])).toBe(6);
      const indexQueue = new Queue(QUEUE.index, { connection: h.ledgerRedis, prefix: h.env.NEWSFLOW_QUEUE_PREFIX! });
      for (const id of more) expect((await indexQueue.getJob(jobIdFor(id, 1)))?.attemptsMade).toBe(1);
      await indexQueue.close();
    } finally {
      await h.stop();
      await proxy.close();
    }
  });

  it('fails a job that crashes its worker every time as stalled_too_often, while others keep flowing', async () => {
    const h = await harness(redis.url, elasticsearchUrl, origin, 'poison');
    try {
      h.start('fetcher');
      h.start('api');
      const [id] = await h.submit([origin.articleUrl(501)]);
      const deadline = Date.now() + 60_000;
      for (let crashes = 0; ; crashes++) {
        const status = await h.ledger.get(id!);
        if (status?.state === 'failed') {
          expect(status.error?.code).toBe('stalled_too_often');
          expect(crashes).toBeGreaterThanOrEqual(2);
          break;
        }
        if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(status)}`);
        const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'crashing-worker.ts')], {
          cwd: ROOT,
          env: { ...process.env, REDIS_URL: redis.url, NEWSFLOW_QUEUE_PREFIX: h.env.NEWSFLOW_QUEUE_PREFIX },
          stdio: 'ignore',
        });
        await new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(null);
          });
        });
      }
      // Other URLs are unaffected once the poison is parked: a healthy cleaner finishes them.
      for (const name of ['cleaner', 'langdetect', 'enricher', 'indexer'] as const) h.start(name);
      const ids = await h.submit([origin.articleUrl(502)]);
      expect([...(await h.waitAll(ids)).values()]).toEqual(['done']);
    } finally {
      await h.stop();
    }
  });
});
