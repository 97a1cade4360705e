/**
 * End-to-end benchmark: a loopback origin serves generated news pages, the driver submits N URLs
 * through the API and waits for the pipeline to drain, then measures latency at 50% and 90% of
 * the throughput it found. Everything is real: every service is its own process, against the
 * local (or given) Redis and Elasticsearch.
 *
 *   npm run bench                          # 10,000 URLs
 *   npm run bench -- --urls 300 --latency-seconds 5    # the CI smoke run
 *   REDIS_URL=… ELASTICSEARCH_URL=… npm run bench      # against another deployment's stores
 *
 * Prints a table, then one line of JSON with the figures.
 */
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import type { Cluster } from 'ioredis';
import { Queue } from 'bullmq';
import { QUEUE } from '@newsflow/contracts';
import { createRedis, isClusterUrl } from '@newsflow/runtime';
import { Client } from '@elastic/elasticsearch';
import { SERVICES, cleanupNamespace, freePorts, startService, stopProcess, uniqueName, type RunningProcess, type ServiceName } from '../test/support/pipeline';
import { generatePage, loadCorpus } from './corpus';

const { values: args } = parseArgs({
  options: {
    urls: { type: 'string', default: '10000' },
    'latency-seconds': { type: 'string', default: '20' },
    'keep-data': { type: 'boolean', default: false },
  },
});
const N = Number(args.urls);
const LATENCY_SECONDS = Number(args['latency-seconds']);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
const WORKERS = SERVICES.filter((s) => s !== 'api');

interface Sample {
  cpuSeconds: number;
  rssBytes: number;
  stageSeconds: number;
  stageJobs: number;
}

function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (!Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) continue;
    total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

async function sample(url: string, stage: string): Promise<Sample> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    cpuSeconds: metricValue(text, 'newsflow_process_cpu_seconds_total'),
    rssBytes: metricValue(text, 'newsflow_process_resident_memory_bytes'),
    stageSeconds: metricValue(text, 'newsflow_stage_duration_seconds_sum', { stage }),
    stageJobs: metricValue(text, 'newsflow_stage_duration_seconds_count', { stage }),
  };
}

const STAGE_OF: Record<Exclude<ServiceName, 'api'>, string> = { fetcher: 'fetch', cleaner: 'clean', langdetect: 'langdetect', enricher: 'enrich', indexer: 'index' };

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const corpus = loadCorpus(process.env.NEWSFLOW_SHARED_DIR);
  const pageCache = new Map<number, Buffer>();
  const pageBytes: number[] = [];
  const origin = createServer((req, res) => {
    const n = Number(/^\/a\/(\d+)\.html$/.exec(req.url ?? '')?.[1] ?? -1);
    if (n < 0) {
      res.writeHead(req.url === '/robots.txt' ? 200 : 404, { 'content-type': 'text/plain' }).end(req.url === '/robots.txt' ? 'User-agent: *\nAllow: /\n' : '');
      return;
    }
    let page = pageCache.get(n);
    if (!page) {
      page = Buffer.from(generatePage(corpus, n).html);
      if (pageCache.size < 2_000) pageCache.set(n, page);
      pageBytes.push(page.length);
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page);
  });
  await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
  const originPort = (origin.address() as { port: number }).port;
  const pageUrl = (n: number): string => `http://127.0.0.1:${originPort}/a/${n}.html`;

  const name = uniqueName('bench');
  const prefix = isClusterUrl(REDIS_URL) ? `{${name}}` : name;
  const alias = name;
  const [apiPort, ...workerPorts] = await freePorts(SERVICES.length);
  const apiKey = `bench-${prefix}-key`;
  const env: Record<string, string> = {
    REDIS_URL,
    ELASTICSEARCH_URL,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_ALIAS: alias,
    NEWSFLOW_INDEX_REPLICAS: process.env.NEWSFLOW_INDEX_REPLICAS ?? '0',
    NEWSFLOW_API_PORT: String(apiPort),
    NEWSFLOW_API_KEYS: `bench:${apiKey}`,
    NEWSFLOW_API_RATE_LIMIT: '1000000',
    NEWSFLOW_FETCH_ALLOW: `127.0.0.1:${originPort}`,
    // A benchmark origin is ours: no politeness spacing toward it.
    NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT: '64',
    NEWSFLOW_FETCH_HOST_MIN_SPACING_MS: '0',
    LOG_LEVEL: 'warn',
  };
  const healthUrls = new Map<ServiceName, string>();
  const processes: RunningProcess[] = [];
  for (const name of SERVICES) {
    const extra: Record<string, string> = {};
    if (name !== 'api') {
      const port = workerPorts.shift()!;
      extra.NEWSFLOW_HEALTH_PORT = String(port);
      healthUrls.set(name, `http://127.0.0.1:${port}`);
    }
    processes.push(startService(name, { ...env, ...extra }));
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const redis = createRedis(REDIS_URL, { name: 'bench', role: 'worker' });
  const es = new Client({ node: ELASTICSEARCH_URL });
  const cleanup = async (): Promise<void> => {
    await Promise.all(processes.map((p) => stopProcess(p)));
    origin.close();
    if (!args['keep-data']) await cleanupNamespace(REDIS_URL, ELASTICSEARCH_URL, prefix, alias);
    redis.disconnect();
    await es.close();
  };

  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${apiUrl}/readyz`)).ok && (await Promise.all([...healthUrls.values()].map(async (u) => (await fetch(`${u}/readyz`)).ok))).every(Boolean)) break;
      } catch {
        // starting
      }
      if (i > 400) throw new Error(`services did not become ready:\n${processes.map((p) => `${p.name}: ${p.output().slice(-2000)}`).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }

    const submit = async (urls: string[]): Promise<string[]> => {
      const response = await fetch(`${apiUrl}/urls`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ urls }),
      });
      if (response.status !== 202) throw new Error(`submit failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    /** Ledger states of ids, pipelined: state, submittedAt, updatedAt. */
    const states = async (ids: string[]): Promise<{ state: string; submittedAt: string; updatedAt: string }[]> => {
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hmget(`${prefix}:ledger:${id}`, 'state', 'submittedAt', 'updatedAt');
      const replies = (await pipeline.exec()) ?? [];
      return replies.map(([, value]) => {
        const [state, submittedAt, updatedAt] = value as (string | null)[];
        return { state: state ?? 'missing', submittedAt: submittedAt ?? '', updatedAt: updatedAt ?? '' };
      });
    };
    const waitDone = async (ids: string[], timeoutMs: number): Promise<{ done: number; failed: number; latencies: number[] }> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const all = await states(ids);
        const finished = all.filter((s) => s.state === 'done' || s.state === 'failed');
        if (finished.length === ids.length || Date.now() > deadline) {
          return {
            done: all.filter((s) => s.state === 'done').length,
            failed: all.filter((s) => s.state === 'failed').length,
            latencies: finished.map((s) => Date.parse(s.updatedAt) - Date.parse(s.submittedAt)),
          };
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    const redisInfo = async (): Promise<{ memory: number; cpu: number }> => {
      // On a cluster, add up every master (the run's keys share one hash slot, its node does the work).
      const nodes = isClusterUrl(REDIS_URL) ? (redis as unknown as Cluster).nodes('master') : [redis];
      let memory = 0;
      let cpu = 0;
      for (const node of nodes) {
        const info = await node.info();
        const field = (name: string): number => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
        memory += field('used_memory');
        cpu += field('used_cpu_sys') + field('used_cpu_user');
      }
      return { memory, cpu };
    };
    const esCpuSeconds = async (): Promise<number> => {
      const stats = await es.nodes.stats({ metric: 'process' });
      return Object.values(stats.nodes).reduce((sum, node) => sum + (node.process?.cpu?.total_in_millis ?? 0) / 1000, 0);
    };
    const sampleAll = async (): Promise<Map<ServiceName, Sample>> =>
      new Map(await Promise.all([...healthUrls.entries()].map(async ([name, url]) => [name, await sample(url, STAGE_OF[name as keyof typeof STAGE_OF])] as const)));

    // Warm-up: JIT, connections, index creation.
    await waitDone(await submit(Array.from({ length: 20 }, (_, i) => pageUrl(1_000_000 + i))), 120_000);

    // Phase 1: saturation.
    const before = await sampleAll();
    const redisBefore = await redisInfo();
    const esBefore = await esCpuSeconds();
    const peakRss = new Map<ServiceName, number>();
    const rssTimer = setInterval(() => {
      void sampleAll()
        .then((s) => s.forEach((v, k) => peakRss.set(k, Math.max(peakRss.get(k) ?? 0, v.rssBytes))))
        .catch(() => undefined);
    }, 1_000);
    // Accept everything while the fetch queue is paused, to measure what a queued URL costs in
    // Redis (job + status ledger), then let the pipeline run.
    const fetchQueue = new Queue(QUEUE.fetch, { connection: redis, prefix });
    await fetchQueue.pause();
    const ids: string[] = [];
    for (let from = 0; from < N; from += 1_000) ids.push(...(await submit(Array.from({ length: Math.min(1_000, N - from) }, (_, i) => pageUrl(from + i)))));
    const redisQueued = await redisInfo();
    const started = Date.now();
    await fetchQueue.resume();
    await fetchQueue.close();
    const saturated = await waitDone(ids, 60 * 60_000);
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(rssTimer);
    const after = await sampleAll();
    const redisAfter = await redisInfo();
    const esAfter = await esCpuSeconds();
    const throughput = saturated.done / elapsed;

    // Phase 2: latency at 50% and 90% of the measured maximum, open loop.
    const latencyAt = async (fraction: number, offset: number): Promise<{ rate: number; p50: number; p95: number; p99: number; done: number }> => {
      const rate = Math.max(1, throughput * fraction);
      const total = Math.max(10, Math.round(rate * LATENCY_SECONDS));
      const phaseIds: string[] = [];
      const begin = Date.now();
      for (let i = 0; i < total; ) {
        const due = Math.floor(((Date.now() - begin) / 1000) * rate) + 1;
        const batch = Math.min(total - i, Math.max(0, due - i));
        if (batch > 0) {
          phaseIds.push(...(await submit(Array.from({ length: batch }, (_, k) => pageUrl(offset + i + k)))));
          i += batch;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      const result = await waitDone(phaseIds, 10 * 60_000);
      return { rate, p50: percentile(result.latencies, 50), p95: percentile(result.latencies, 95), p99: percentile(result.latencies, 99), done: result.done };
    };
    const at50 = await latencyAt(0.5, 2_000_000);
    const at90 = await latencyAt(0.9, 3_000_000);

    // Storage.
    await es.indices.refresh({ index: alias });
    const stats = await es.indices.stats({ index: alias, metric: ['store', 'docs'] });
    const docs = stats._all.primaries?.docs?.count ?? 0;
    const storeBytes = stats._all.primaries?.store?.size_in_bytes ?? 0;

    // CPU accounting per article (from each process's own counters).
    const perStage = WORKERS.map((name) => {
      const b = before.get(name)!;
      const a = after.get(name)!;
      const cpu = a.cpuSeconds - b.cpuSeconds;
      const jobs = a.stageJobs - b.stageJobs;
      const stageTime = a.stageSeconds - b.stageSeconds;
      return {
        service: name,
        cpuMsPerArticle: (cpu / Math.max(1, saturated.done)) * 1000,
        jobsPerSecond: jobs / elapsed,
        ioWaitShare: stageTime > 0 ? Math.max(0, 1 - cpu / stageTime) : 0,
        peakRssMb: (peakRss.get(name) ?? a.rssBytes) / 1_048_576,
      };
    });
    const redisCpu = redisAfter.cpu - redisBefore.cpu;
    const esCpu = esAfter - esBefore;
    const cpuPerArticle = (perStage.reduce((s, r) => s + r.cpuMsPerArticle, 0) + ((redisCpu + esCpu) / Math.max(1, saturated.done)) * 1000) / 1000;
    const cores = cpus().length;
    const hardwareLimit = cores / cpuPerArticle;

    const report = {
      urls: N,
      indexed: saturated.done,
      failed: saturated.failed,
      lost: N - saturated.done - saturated.failed,
      seconds: Math.round(elapsed * 10) / 10,
      throughput: Math.round(throughput * 10) / 10,
      cores,
      cpuMsPerArticle: Math.round(cpuPerArticle * 1000 * 100) / 100,
      redisCpuMsPerArticle: Math.round((redisCpu / Math.max(1, saturated.done)) * 1000 * 100) / 100,
      esCpuMsPerArticle: Math.round((esCpu / Math.max(1, saturated.done)) * 1000 * 100) / 100,
      hardwareLimit: Math.round(hardwareLimit * 10) / 10,
      efficiency: Math.round((throughput / hardwareLimit) * 1000) / 1000,
      latency50: { ratePerSecond: Math.round(at50.rate), p50Ms: at50.p50, p95Ms: at50.p95, p99Ms: at50.p99 },
      latency90: { ratePerSecond: Math.round(at90.rate), p50Ms: at90.p50, p95Ms: at90.p95, p99Ms: at90.p99 },
      redisBytesPerQueuedUrl: Math.round((redisQueued.memory - redisBefore.memory) / Math.max(1, N)),
      esBytesPerArticle: Math.round(storeBytes / Math.max(1, docs)),
      pageKbMedian: Math.round(percentile(pageBytes, 50) / 1024),
      pageKbMax: Math.round(Math.max(0, ...pageBytes) / 1024),
      corpus: corpus.origin,
      stages: perStage.map((s) => ({ ...s, cpuMsPerArticle: Math.round(s.cpuMsPerArticle * 100) / 100, jobsPerSecond: Math.round(s.jobsPerSecond * 10) / 10, ioWaitShare: Math.round(s.ioWaitShare * 100) / 100, peakRssMb: Math.round(s.peakRssMb) })),
    };

    const line = (k: string, v: string | number): string => `${k.padEnd(40)} ${v}`;
    const out = [
      `Newsflow end-to-end benchmark (${N} URLs, ${cores} cores, pages ${report.pageKbMedian} KB median / ${report.pageKbMax} KB max, ${corpus.origin})`,
      '',
      line('indexed / failed / lost', `${report.indexed} / ${report.failed} / ${report.lost}`),
      line('end-to-end throughput (articles/s)', report.throughput),
      line('CPU per article, all processes (ms)', report.cpuMsPerArticle),
      line('  of which Redis / Elasticsearch (ms)', `${report.redisCpuMsPerArticle} / ${report.esCpuMsPerArticle}`),
      line('hardware limit (articles/s)', report.hardwareLimit),
      line('efficiency (throughput / limit)', report.efficiency),
      line(`latency at 50% (${report.latency50.ratePerSecond}/s) p50/p95/p99`, `${at50.p50} / ${at50.p95} / ${at50.p99} ms`),
      line(`latency at 90% (${report.latency90.ratePerSecond}/s) p50/p95/p99`, `${at90.p50} / ${at90.p95} / ${at90.p99} ms`),
      line('Redis memory per queued URL (bytes)', report.redisBytesPerQueuedUrl),
      line('Elasticsearch size per article (bytes)', report.esBytesPerArticle),
      '',
      `${'stage'.padEnd(12)}${'jobs/s'.padStart(9)}${'CPU ms/article'.padStart(16)}${'I/O wait'.padStart(10)}${'peak RSS MB'.padStart(13)}`,
      ...report.stages.map((s) => `${s.service.padEnd(12)}${String(s.jobsPerSecond).padStart(9)}${String(s.cpuMsPerArticle).padStart(16)}${`${Math.round(s.ioWaitShare * 100)}%`.padStart(10)}${String(s.peakRssMb).padStart(13)}`),
      '',
      JSON.stringify(report),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    if (report.lost > 0) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
