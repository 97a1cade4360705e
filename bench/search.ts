/**
 * Search benchmark: loads N generated articles (default 100,000) into an index of its own (kept
 * between runs; --reload rebuilds it), then times searches with facets and highlighting, as the
 * API runs them, and reports p50/p95/p99 and the index size on disk per article.
 *
 *   npm run bench:search -- --docs 100000 --queries 300
 */
import { parseArgs } from 'node:util';
import { createSearchClient, deleteArticleIndex, detectCapabilities, ensureArticleIndex, searchArticles, type SearchParams } from '@newsflow/search';
import { BulkIndexer } from '../services/indexer/src/bulk-indexer';
import { seededRandom } from '../test/support/random';
import { loadCorpus } from './corpus';
import { generateDocument } from './documents';

const { values: args } = parseArgs({
  options: { docs: { type: 'string', default: '100000' }, queries: { type: 'string', default: '300' }, reload: { type: 'boolean', default: false } },
});
const N = Number(args.docs);
const QUERIES = Number(args.queries);
const ELASTICSEARCH_URL = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200';
const alias = `bench-search-${N}`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const corpus = loadCorpus(process.env.NEWSFLOW_SHARED_DIR);
  const es = createSearchClient(ELASTICSEARCH_URL, { requestTimeoutMs: 120_000 });
  try {
    if (args.reload) await deleteArticleIndex(es, alias);
    const capabilities = await detectCapabilities(es);
    await ensureArticleIndex(es, { alias, capabilities });
    const existing = (await es.count({ index: alias })).count;
    let loadSeconds = 0;
    if (existing < N) {
      const started = Date.now();
      const bulk = new BulkIndexer(es, { index: alias, maxDocuments: 1_000, maxBytes: 10e6, flushIntervalMs: 50, maxItemRetries: 5 });
      for (let from = existing; from < N; from += 5_000) {
        await Promise.all(
          Array.from({ length: Math.min(5_000, N - from) }, (_, i) => {
            const doc = generateDocument(corpus, from + i);
            return bulk.index({ id: doc.id, document: doc, version: 1 });
          }),
        );
        process.stderr.write(`\rloaded ${Math.min(N, from + 5_000)}/${N}`);
      }
      await bulk.drain();
      process.stderr.write('\n');
      loadSeconds = (Date.now() - started) / 1000;
    }
    await es.indices.refresh({ index: alias });
    await es.indices.forcemerge({ index: alias, max_num_segments: 5 }).catch(() => undefined);

    const random = seededRandom(42);
    const words = [...corpus.sentences.get('eng') ?? [...corpus.sentences.values()][0]!].flatMap((s) => s.split(/\s+/)).filter((w) => /^[a-z]{5,}$/.test(w));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const queries: SearchParams[] = Array.from({ length: QUERIES }, (_, i) => ({
      q: i % 5 === 0 ? `"${pick(words)} ${pick(words)}"` : i % 3 === 0 ? `${pick(words)} ${pick(words)}` : pick(words),
      page: 1,
      size: 10,
      sort: 'relevance',
      facets: true,
      ...(i % 4 === 1 ? { lang: ['eng'] } : {}),
      ...(i % 4 === 2 ? { country: ['CN'] } : {}),
      ...(i % 7 === 3 ? { person: ['Xi Jinping'], from: '2025-03-01', to: '2025-09-30' } : {}),
      ...(i % 9 === 4 ? { collapse: 'cluster' as const } : {}),
    }));
    // Warm-up, then timed runs (client-side, as the API sees them).
    for (const query of queries.slice(0, 20)) await searchArticles(es, alias, query);
    const latencies: number[] = [];
    const took: number[] = [];
    let hits = 0;
    for (const query of queries) {
      const started = performance.now();
      const result = await searchArticles(es, alias, query);
      latencies.push(performance.now() - started);
      took.push(result.tookMs);
      hits += result.total;
    }
    const stats = await es.indices.stats({ index: alias, metric: ['store', 'docs'] });
    const docs = stats._all.primaries?.docs?.count ?? 0;
    const bytes = stats._all.primaries?.store?.size_in_bytes ?? 0;
    const report = {
      docs,
      queries: QUERIES,
      p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
      p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
      p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
      esTookP95Ms: percentile(took, 95),
      meanHits: Math.round(hits / QUERIES),
      bytesPerArticle: Math.round(bytes / Math.max(1, docs)),
      loadSeconds: Math.round(loadSeconds),
      loadArticlesPerSecond: loadSeconds ? Math.round((N - existing) / loadSeconds) : null,
    };
    const row = (k: string, v: string | number | null): string => `${k.padEnd(40)} ${v}`;
    process.stdout.write(
      [
        `Search benchmark: ${docs} articles, ${QUERIES} queries with facets (9 terms facets + date histogram) and highlighting`,
        '',
        row('latency p50 / p95 / p99 (ms)', `${report.p50Ms} / ${report.p95Ms} / ${report.p99Ms}`),
        row('Elasticsearch "took" p95 (ms)', report.esTookP95Ms),
        row('mean total hits per query', report.meanHits),
        row('index size on disk per article (bytes)', report.bytesPerArticle),
        row('load time (s) / articles per second', `${report.loadSeconds} / ${report.loadArticlesPerSecond ?? 'reused'}`),
        '',
        JSON.stringify(report),
        '',
      ].join('\n'),
    );
  } finally {
    await es.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
