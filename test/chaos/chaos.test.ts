import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { Client } from '@elastic/elasticsearch';
import { StatusLedger } from '@newsflow/runtime';
import { startOrigin, type Origin } from '../support/origin';
import { seededRandom } from '../support/random';
import { startPrivateRedis, type PrivateRedis } from '../support/redis-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { SERVICES, api, cleanupNamespace, freePort, startService, stopProcess, uniqueName, type RunningProcess, type ServiceName } from '../support/pipeline';

/**
 * The proof of "nothing lost": N URLs through the full pipeline while workers of every stage are
 * SIGKILLed and restarted, Redis restarts (AOF), Elasticsearch is cut off, and the origin answers
 * slowly, with transient errors and with permanent ones. At the end every accepted URL must be
 * indexed (exactly one document) or failed with a reason.
 *
 *   CHAOS_URLS (default 500), CHAOS_ES_OUTAGE_MS (default 8000; use 30000 for the full drill),
 *   CHAOS_SEED (random by default, printed), CHAOS_DRAIN_TIMEOUT_MS (default 240000).
 */
const URLS = Number(process.env.CHAOS_URLS ?? 500);
const ES_OUTAGE_MS = Number(process.env.CHAOS_ES_OUTAGE_MS ?? 8_000);
const DRAIN_TIMEOUT_MS = Number(process.env.CHAOS_DRAIN_TIMEOUT_MS ?? 240_000);
const SEED = Number(process.env.CHAOS_SEED ?? Math.floor(Math.random() * 1e9));


describe(`chaos: ${URLS} URLs under crashes, restarts and outages`, () => {
  const elasticsearchUrl = inject('elasticsearchUrl');
  const prefix = uniqueName('chaos');
  let origin: Origin;
  let redis: PrivateRedis;
  let proxy: FaultProxy;
  const processes = new Map<ServiceName, RunningProcess>();

  beforeAll(async () => {
    origin = await startOrigin({ chaos: true });
    redis = await startPrivateRedis();
    proxy = await startFaultProxy(new URL(elasticsearchUrl));
  });

  afterAll(async () => {
    await Promise.all([...processes.values()].map((p) => stopProcess(p, 'SIGTERM', 10_000)));
    await cleanupNamespace(redis.url, elasticsearchUrl, prefix, prefix).catch(() => undefined);
    await proxy?.close();
    await redis?.stop();
    await origin?.close();
  });

  it('ends with accepted = indexed ∪ failed-with-reason, lost = 0, at most one document per URL', async () => {
    const random = seededRandom(SEED);
    const apiPort = await freePort();
    const apiKey = 'chaos-key-0123456789abcdef';
    const env: Record<string, string> = {
      REDIS_URL: redis.url,
      ELASTICSEARCH_URL: proxy.url,
      NEWSFLOW_QUEUE_PREFIX: prefix,
      NEWSFLOW_INDEX_ALIAS: prefix,
      NEWSFLOW_API_PORT: String(apiPort),
      NEWSFLOW_API_KEYS: `chaos:${apiKey}`,
      NEWSFLOW_API_RATE_LIMIT: '100000',
      NEWSFLOW_FETCH_ALLOW: `${origin.host}:${origin.port}`,
      // One loopback origin stands for many sites here: no per-host spacing toward it.
      NEWSFLOW_FETCH_HOST_MIN_SPACING_MS: '0',
      NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT: '64',
      NEWSFLOW_LOCK_DURATION_MS: '3000',
      NEWSFLOW_STALLED_INTERVAL_MS: '1500',
      NEWSFLOW_MAX_STALLED_COUNT: '5',
      NEWSFLOW_INDEX_OUTAGE_PAUSE_MS: '1000',
      NEWSFLOW_SHUTDOWN_TIMEOUT_MS: '5000',
      LOG_LEVEL: 'warn',
    };
    for (const name of SERVICES) processes.set(name, startService(name, name === 'api' ? { ...env, ELASTICSEARCH_URL: elasticsearchUrl } : env));
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${apiUrl}/readyz`)).ok) break;
      } catch {
        // starting
      }
      if (i > 200) throw new Error('API not ready');
      await new Promise((r) => setTimeout(r, 200));
    }

    const started = Date.now();
    const accepted: string[] = [];
    const submitBatches = (async () => {
      for (let from = 0; from < URLS; from += 50) {
        const urls = Array.from({ length: Math.min(50, URLS - from) }, (_, i) => origin.articleUrl(10_000 + from + i));
        for (;;) {
          // While Redis restarts the API answers 503 and accepts nothing: submit again.
          const response = await api<{ items: { id?: string }[] }>(apiUrl, '/urls', { body: { urls }, key: apiKey }).catch(() => ({ status: 0, body: { items: [] } }));
          if (response.status === 202) {
            for (const item of response.body.items) if (item.id) accepted.push(item.id);
            break;
          }
          await new Promise((r) => setTimeout(r, 300));
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const events: string[] = [];
    const chaos = (async () => {
      const workers = SERVICES.filter((s) => s !== 'api');
      for (let round = 0; round < 8; round++) {
        await new Promise((r) => setTimeout(r, 1_000 + random() * 2_500));
        const victim = workers[Math.floor(random() * workers.length)]!;
        await stopProcess(processes.get(victim)!, 'SIGKILL');
        events.push(`SIGKILL ${victim}`);
        await new Promise((r) => setTimeout(r, 200 + random() * 1_000));
        processes.set(victim, startService(victim, env));
        if (round === 2) {
          events.push('restart redis');
          await redis.restart(1_000 + random() * 1_000);
        }
        if (round === 4) {
          events.push(`elasticsearch cut off for ${ES_OUTAGE_MS} ms`);
          proxy.block();
          setTimeout(() => proxy.unblock(), ES_OUTAGE_MS);
        }
      }
    })();
    await Promise.all([submitBatches, chaos]);

    const ledgerRedis = new Redis(redis.url, { maxRetriesPerRequest: null });
    const ledger = new StatusLedger(ledgerRedis, prefix);
    const unique = [...new Set(accepted)];
    let done: string[] = [];
    let failed: { id: string; code: string }[] = [];
    let pending: string[] = unique;
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    while (pending.length > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      const statuses = await Promise.all(unique.map((id) => ledger.get(id)));
      done = unique.filter((_, i) => statuses[i]?.state === 'done');
      failed = unique.flatMap((id, i) => (statuses[i]?.state === 'failed' ? [{ id, code: statuses[i]?.error?.code ?? '' }] : []));
      pending = unique.filter((_, i) => statuses[i]?.state !== 'done' && statuses[i]?.state !== 'failed');
    }
    const drainSeconds = (Date.now() - started) / 1000;
    ledgerRedis.disconnect();

    const es = new Client({ node: elasticsearchUrl });
    await es.indices.refresh({ index: prefix });
    const documents = await es.count({ index: prefix });
    const matching = await es.count({ index: prefix, query: { ids: { values: done } } });
    await es.close();

    const byCode = failed.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.code]: (acc[f.code] ?? 0) + 1 }), {});
    const report = { seed: SEED, urls: URLS, accepted: unique.length, indexed: done.length, failed: failed.length, lost: pending.length, documents: documents.count, failedByReason: byCode, drainSeconds, events };
    process.stdout.write(`\nchaos report\n${JSON.stringify(report, null, 2)}\n`);

    expect(unique.length).toBe(URLS);
    expect(pending, `lost (still pending after ${DRAIN_TIMEOUT_MS} ms)`).toEqual([]);
    expect(done.length + failed.length).toBe(unique.length);
    expect(failed.every((f) => f.code.length > 0)).toBe(true);
    // Exactly the origin's deliberate permanent failures fail; every transient fault recovers.
    const numbers = Array.from({ length: URLS }, (_, i) => 10_000 + i);
    expect(byCode).toEqual({
      ...(numbers.some((n) => n % 50 === 13) ? { http_4xx: numbers.filter((n) => n % 50 === 13).length } : {}),
      ...(numbers.some((n) => n % 50 === 29) ? { not_html: numbers.filter((n) => n % 50 === 29).length } : {}),
    });
    // One document per indexed URL, and none for anything else.
    expect(matching.count).toBe(done.length);
    expect(documents.count).toBe(done.length);
  }, DRAIN_TIMEOUT_MS + 180_000);
});
