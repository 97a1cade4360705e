/**
 * Indexer benchmark: fills the index queue with N finished articles, then lets one real indexer
 * process drain it into the local Elasticsearch with production refresh settings, and reports
 * articles per second. Prints a table and one line of JSON.
 *
 *   npm run bench:indexer -- --docs 20000
 */
import { parseArgs } from 'node:util';
import { Queue } from 'bullmq';
import { QUEUE, jobIdFor, type IndexJob } from '@newsflow/contracts';
import { StatusLedger, createRedis } from '@newsflow/runtime';
import { createSearchClient } from '@newsflow/search';
import { cleanupNamespace, freePort, startService, stopProcess, uniqueName } from '../test/support/pipeline';
import { loadCorpus } from './corpus';
import { generateDocument } from './documents';

const { values: args } = parseArgs({ options: { docs: { type: 'string', default: '20000' }, concurrency: { type: 'string', default: '1000' } } });
const N = Number(args.docs);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';

function toIndexJob(n: number, corpus: ReturnType<typeof loadCorpus>): IndexJob {
  const doc = generateDocument(corpus, n);
  return {
    docId: doc.id,
    run: 1,
    url: doc.url,
    submittedAt: doc.submittedAt,
    fetch: { finalUrl: doc.url, status: 200, fetchedAt: doc.fetchedAt, contentType: 'text/html', redirects: 0, bytes: doc.body.length * 3, htmlRef: 'bench', charset: 'utf-8' },
    article: { title: doc.title, titleFull: doc.titleFull, body: doc.body, authors: doc.authors, publishedAt: doc.publishedAt!, tags: [], extractor: 'bench' },
    language: { code: doc.language, ...(doc.languageIso1 ? { iso1: doc.languageIso1 } : {}), confidence: 0.9, detector: 'bench' },
    enrichment: {
      domain: doc.domain,
      wordCount: doc.wordCount,
      readingTimeMinutes: doc.readingTimeMinutes,
      lead: doc.lead,
      keywords: doc.keywords.map((term, i) => ({ term, score: 1 / (i + 1) })),
      summary: doc.summary,
      entities: [
        ...doc.people.map((name, i) => ({ name, type: 'person' as const, count: 1, firstOffset: i })),
        ...doc.organizations.map((name, i) => ({ name, type: 'organization' as const, count: 1, firstOffset: 10 + i })),
      ],
      cluster: doc.cluster,
      ...(doc.publisher ? { publisher: doc.publisher as NonNullable<IndexJob['enrichment']['publisher']> } : {}),
      enricher: 'bench',
    },
  };
}

async function main(): Promise<void> {
  const corpus = loadCorpus(process.env.NEWSFLOW_SHARED_DIR);
  const prefix = uniqueName('benchidx');
  const redis = createRedis(REDIS_URL, { name: 'bench:indexer', role: 'worker' });
  const ledger = new StatusLedger(redis, prefix);
  const queue = new Queue(QUEUE.index, { connection: redis, prefix });
  const es = createSearchClient(ELASTICSEARCH_URL);
  const healthPort = await freePort();
  let indexer: ReturnType<typeof startService> | null = null;
  try {
    await queue.pause();
    const ids: string[] = [];
    for (let from = 0; from < N; from += 1_000) {
      const jobs = Array.from({ length: Math.min(1_000, N - from) }, (_, i) => toIndexJob(from + i, corpus));
      await Promise.all(jobs.map((job) => ledger.beginRun(job.docId, job.url, new Date())));
      await queue.addBulk(jobs.map((job) => ({ name: QUEUE.index, data: job, opts: { jobId: jobIdFor(job.docId, 1), removeOnComplete: true } })));
      ids.push(...jobs.map((j) => j.docId));
    }
    indexer = startService('indexer', {
      REDIS_URL,
      ELASTICSEARCH_URL,
      NEWSFLOW_QUEUE_PREFIX: prefix,
      NEWSFLOW_INDEX_ALIAS: prefix,
      NEWSFLOW_HEALTH_PORT: String(healthPort),
      NEWSFLOW_CONCURRENCY: args.concurrency!,
      LOG_LEVEL: 'warn',
    });
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${healthPort}/readyz`)).ok) break;
      } catch {
        // starting
      }
      if (i > 200) throw new Error(`indexer not ready: ${indexer.output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const esBefore = Object.values((await es.nodes.stats({ metric: 'process' })).nodes).reduce((s, n) => s + (n.process?.cpu?.total_in_millis ?? 0), 0);
    const started = Date.now();
    await queue.resume();
    // Cheap drain check while timing (per-document polling would load Redis more than the
    // indexer does); the ledger is read once afterwards to count outcomes.
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(counts).every((n) => n === 0)) break;
      if (Date.now() - started > 30 * 60_000) throw new Error('indexer did not drain in 30 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (Date.now() - started) / 1000;
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hget(`${prefix}:ledger:${id}`, 'state');
    const done = ((await pipeline.exec()) ?? []).filter(([, v]) => v === 'done').length;
    const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
    const value = (name: string): number => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([\\d.e+-]+)$`, 'm').exec(metrics)?.[1] ?? 0);
    const esAfter = Object.values((await es.nodes.stats({ metric: 'process' })).nodes).reduce((s, n) => s + (n.process?.cpu?.total_in_millis ?? 0), 0);
    await es.indices.refresh({ index: prefix });
    const count = (await es.count({ index: prefix })).count;
    const bulkRequests = Number(/newsflow_es_bulk_duration_seconds_count\{[^}]*ok="true"[^}]*\} (\d+)/.exec(metrics)?.[1] ?? 0);
    const report = {
      docs: N,
      indexed: count,
      seconds: Math.round(seconds * 10) / 10,
      articlesPerSecond: Math.round(done / seconds),
      bulkRequests,
      docsPerBulk: bulkRequests ? Math.round(done / bulkRequests) : 0,
      indexerCpuMsPerArticle: Math.round((value('newsflow_process_cpu_seconds_total') / done) * 1000 * 100) / 100,
      esCpuMsPerArticle: Math.round(((esAfter - esBefore) / done) * 100) / 100,
      refresh: 'production (refresh_interval 1s, no wait_for)',
    };
    const row = (k: string, v: string | number): string => `${k.padEnd(36)} ${v}`;
    process.stdout.write(
      [
        `Indexer benchmark: ${N} articles from the index queue into Elasticsearch, one indexer process`,
        '',
        row('indexed (count in Elasticsearch)', report.indexed),
        row('seconds', report.seconds),
        row('articles per second', report.articlesPerSecond),
        row('_bulk requests / documents per bulk', `${report.bulkRequests} / ${report.docsPerBulk}`),
        row('indexer CPU per article (ms)', report.indexerCpuMsPerArticle),
        row('Elasticsearch CPU per article (ms)', report.esCpuMsPerArticle),
        '',
        JSON.stringify(report),
        '',
      ].join('\n'),
    );
    if (count !== N) process.exitCode = 1;
  } finally {
    if (indexer) await stopProcess(indexer);
    await queue.close();
    redis.disconnect();
    await es.close();
    await cleanupNamespace(REDIS_URL, ELASTICSEARCH_URL, prefix, prefix);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
