import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { identifyUrl, parseStoryText } from '@newsflow/contracts';
import { BlobStore } from '@newsflow/runtime';
import { createDocumentImporter, RedisFingerprintStore } from '@newsflow/discovery';
import { createSearchClient, detectCapabilities, ensureArticleIndex, getArticle } from '@newsflow/search';
import { readFile } from 'node:fs/promises';
import { registerDocumentRoutes } from '../../services/api/src/routes/documents';
import { importCommand, type ImportSummary } from '../../packages/cli/src/commands/import';
import { createApiClient } from '../../packages/cli/src/client';
import { generatedArticle } from '../support/origin';
import { ROOT, cleanupNamespace, freePort, startService, stopProcess, uniqueName, type RunningProcess } from '../support/pipeline';
import { createHarness, rss, startFeedServer, waitFor, type FeedServer, type Harness } from './support';

const SHARED_DIR = process.env.NEWSFLOW_SHARED_DIR ?? resolve(ROOT, '..', 'shared');
const STORY_FILE = join(SHARED_DIR, 'examples', 'story-2025-09-05-sputnikglobe.txt');

const TOPICS = ['harbour', 'railway', 'budget', 'festival', 'school meals', 'water quality', 'housing', 'energy prices', 'bus lanes', 'library hours'];
const ACTORS = ['The city council', 'Local farmers', 'The regional court', 'Shop owners', 'Hospital staff', 'The transport authority'];

/** A short English news text, different for every n. */
function bodyFor(n: number): string {
  const topic = TOPICS[n % TOPICS.length]!;
  const actor = ACTORS[n % ACTORS.length]!;
  return [
    `${actor} discussed the ${topic} plan number ${n} during a long meeting on Tuesday evening, and several residents asked questions about the costs.`,
    `Officials said the proposal ${n} would be reviewed again next month after the public consultation, which attracted more comments than expected.`,
    `Critics argued that the ${topic} changes should wait until the next election, while supporters said the town could not afford further delays.`,
  ].join('\n\n');
}

describe('discovery and import through the whole pipeline (services as processes, real Redis and Elasticsearch)', () => {
  const redisUrl = inject('redisUrl');
  const elasticsearchUrl = inject('elasticsearchUrl');
  const prefix = uniqueName('srcpipe');
  const alias = prefix;
  const search = createSearchClient(elasticsearchUrl);
  let server: FeedServer;
  let harness: Harness;
  let app: FastifyInstance;
  let apiUrl: string;
  let workDir: string;
  const services: RunningProcess[] = [];
  const logs = (): string => services.map((p) => `----- ${p.name}\n${p.output().slice(-4_000)}`).join('\n');

  beforeAll(async () => {
    server = await startFeedServer();
    harness = await createHarness(redisUrl, prefix, `${server.host}:${server.port}`);
    await ensureArticleIndex(search, { alias, capabilities: await detectCapabilities(search) });
    const env = {
      REDIS_URL: redisUrl,
      ELASTICSEARCH_URL: elasticsearchUrl,
      NEWSFLOW_QUEUE_PREFIX: prefix,
      NEWSFLOW_INDEX_ALIAS: alias,
      NEWSFLOW_FETCH_ALLOW: `${server.host}:${server.port}`,
      NEWSFLOW_FETCH_HOST_MIN_SPACING_MS: '0',
      LOG_LEVEL: 'warn',
    };
    for (const name of ['fetcher', 'cleaner', 'langdetect', 'enricher', 'indexer'] as const) services.push(startService(name, env));

    const blobs = new BlobStore(harness.redis, prefix, 3_600);
    const importDocument = createDocumentImporter({
      ledger: harness.ledger,
      enqueue: async (queue, payload, jobId) => {
        await harness.queues[queue].add(queue, payload, { jobId });
      },
      hasJob: async (queue, jobId) => (await harness.queues[queue].getJob(jobId)) !== undefined,
      storeHtml: (docId, run, html) => blobs.put('html', `${docId}-${run}`, html),
      fingerprints: new RedisFingerprintStore(harness.redis, prefix),
      now: () => new Date(),
    });
    app = Fastify({ bodyLimit: 1024 * 1024 });
    registerDocumentRoutes(app, { importDocument, maxBytes: 64 * 1024 * 1024, maxLines: 100_000, maxLineBytes: 1024 * 1024, maxListedRejections: 1_000, concurrency: 16 });
    const port = await freePort();
    await app.listen({ host: '127.0.0.1', port });
    apiUrl = `http://127.0.0.1:${port}`;
    workDir = await mkdtemp(join(tmpdir(), 'newsflow-import-'));
  });

  afterAll(async () => {
    await Promise.all(services.map((p) => stopProcess(p)));
    await app?.close();
    await harness?.close();
    await server?.close();
    await search.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
    await cleanupNamespace(redisUrl, elasticsearchUrl, prefix, alias);
  });

  it('indexes feed articles with the feed date when the page has none', async () => {
    const pages = [1, 2].map((n) => {
      const { title, html } = generatedArticle(900 + n);
      // The page keeps its text but loses every date it had.
      server.set(`/story/${n}.html`, { type: 'text/html; charset=utf-8', body: html.replace(/<meta property="article:published_time"[^>]*>/, '') });
      return { url: `${server.origin}/story/${n}.html`, title, date: `2025-07-0${n}T06:30:00Z` };
    });
    server.set('/news.xml', { type: 'application/rss+xml', body: rss(pages.map((p) => ({ url: p.url, title: p.title, date: p.date, author: 'Feed Author', categories: ['Local'] }))) });
    const { source } = await harness.registry.add({ url: `${server.origin}/news.xml`, intervalSeconds: 3600, refetchUpdated: false, backfill: true });
    expect(await harness.poll(source.id)).toMatchObject({ submitted: 2 });

    for (const page of pages) {
      const { id } = identifyUrl(page.url);
      const status = await waitFor(`${page.url} to be indexed`, async () => {
        const s = await harness.ledger.get(id);
        return s && (s.state === 'done' || s.state === 'failed') ? s : null;
      }, 120_000);
      expect(status.state, `${JSON.stringify(status)}\n${logs()}`).toBe('done');
      const article = await getArticle(search, alias, id);
      expect(article?.publishedAt).toBe(new Date(page.date).toISOString());
      expect(article?.title).toBe(page.title);
      expect(article?.authors).toEqual(['Feed Author']);
    }
  });

  it('imports the example story and a 5,000-line NDJSON file: valid documents indexed once, invalid lines reported, re-import changes nothing', async () => {
    const lines: string[] = [];
    const invalidLines = new Map<number, string>();
    for (let n = 1; n <= 5_000; n++) {
      const doc = { url: `https://import.example/${n}.html?utm_source=newsletter`, title: `Imported report ${n} on local affairs`, date: `2025-06-${String(1 + (n % 28)).padStart(2, '0')}`, body: bodyFor(n), authors: [`Writer ${n % 7}`] };
      if (n % 100 === 17) {
        lines.push(`{"url": "https://import.example/${n}.html", "title": `);
        invalidLines.set(n, 'invalid_json');
      } else if (n % 100 === 41) {
        lines.push(JSON.stringify({ ...doc, url: `ftp://import.example/${n}` }));
        invalidLines.set(n, 'unsupported_scheme');
      } else if (n % 100 === 73) {
        lines.push(JSON.stringify({ ...doc, title: '' }));
        invalidLines.set(n, 'invalid_document');
      } else if (n % 100 === 99) {
        lines.push(JSON.stringify({ ...doc, date: 'last Tuesday' }));
        invalidLines.set(n, 'invalid_document');
      } else {
        lines.push(JSON.stringify(doc));
      }
    }
    const ndjsonPath = join(workDir, 'bulk.ndjson');
    await writeFile(ndjsonPath, `${lines.join('\n')}\n`);
    const validCount = 5_000 - invalidLines.size + 1;

    const client = createApiClient(apiUrl, undefined);
    const run = async (): Promise<{ code: number; summary: ImportSummary }> => {
      const out: string[] = [];
      const code = await importCommand([STORY_FILE, ndjsonPath, '--json'], client, { out: (t) => out.push(t), err: (t) => out.push(t) });
      return { code, summary: JSON.parse(out.join('\n')) as ImportSummary };
    };

    const first = await run();
    expect(first.code).toBe(1);
    expect(first.summary).toMatchObject({ documents: 5_001, accepted: validCount, unchanged: 0, rejected: invalidLines.size });
    const reported = new Map(first.summary.rejections.map((r) => [Number(r.where.split(':').pop()), r.error]));
    expect(reported).toEqual(invalidLines);
    expect(first.summary.rejections.every((r) => r.where.startsWith(`${ndjsonPath}:`))).toBe(true);

    const story = parseStoryText(await readFile(STORY_FILE, 'utf8'));
    const storyId = identifyUrl(story.url).id;
    const validIds = [storyId, ...Array.from({ length: 5_000 }, (_, i) => i + 1).filter((n) => !invalidLines.has(n)).map((n) => identifyUrl(`https://import.example/${n}.html`).id)];
    expect(new Set(validIds).size).toBe(validCount);

    const count = async (): Promise<number> => {
      await search.indices.refresh({ index: alias });
      return (await search.count({ index: alias, query: { prefix: { url: 'https://import.example/' } } })).count;
    };
    await waitFor('every imported document to be indexed', async () => (await count()) >= validCount - 1 && (await getArticle(search, alias, storyId)) !== null, 170_000, 1_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${logs()}`);
    });
    expect(await count()).toBe(validCount - 1);
    const states = await Promise.all(validIds.map((id) => harness.redis.hmget(`${prefix}:ledger:${id}`, 'state', 'run')));
    expect(states.filter(([state, runNumber]) => state !== 'done' || runNumber !== '1')).toEqual([]);
    const storyDoc = await getArticle(search, alias, storyId);
    expect(storyDoc?.title).toBe(story.title);
    expect(storyDoc?.publishedAt?.slice(0, 10)).toBe('2025-09-05');
    expect(storyDoc?.language).toBe('eng');
    const ledgerStory = await harness.ledger.get(storyId);
    expect(ledgerStory?.stages.fetch?.note).toBe('skipped: imported text');

    const second = await run();
    expect(second.summary).toMatchObject({ accepted: 0, unchanged: validCount, rejected: invalidLines.size });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await count()).toBe(validCount - 1);
    const after = await Promise.all(validIds.map((id) => harness.redis.hget(`${prefix}:ledger:${id}`, 'run')));
    expect(after.every((runNumber) => runNumber === '1')).toBe(true);
  });
});
