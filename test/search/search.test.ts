import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import yauzl from 'yauzl';
import { Client } from '@elastic/elasticsearch';
import { createRedis, type Redis } from '@newsflow/runtime';
import { createSearchClient, deleteArticleIndex, detectCapabilities, ensureArticleIndex, type ClusterCapabilities } from '@newsflow/search';
import { identifyUrl, type ArticleDocument } from '@newsflow/contracts';
import { BulkIndexer } from '../../services/indexer/src/bulk-indexer';
import { buildTestApp } from '../support/app';
import { cleanupNamespace, uniqueName } from '../support/pipeline';
import { startBulkRejectingProxy } from '../support/es-fault-proxy';

const KEY = 'search-tests-key-0123456789';

function unzip(buffer: Buffer): Promise<{ name: string; text: string }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const out: { name: string; text: string }[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.push({ name: entry.fileName, text: Buffer.concat(chunks).toString('utf8') });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function article(n: number, overrides: Partial<ArticleDocument> = {}): ArticleDocument {
  const url = `https://${overrides.domain ?? 'example.org'}/news/${n}`;
  const { id } = identifyUrl(url);
  return {
    id,
    url,
    finalUrl: url,
    domain: 'example.org',
    title: `Harbour council story ${n}`,
    titleFull: `Harbour council story ${n}`,
    body: `The harbour council met again to discuss budget item ${n}. Residents asked questions about ferries and fishing quotas.`,
    lead: `The harbour council met again (${n}).`,
    authors: [],
    publishedAt: new Date(Date.UTC(2025, 8, 1 + (n % 28))).toISOString(),
    fetchedAt: '2025-10-01T00:00:00.000Z',
    indexedAt: new Date().toISOString(),
    submittedAt: '2025-10-01T00:00:00.000Z',
    language: 'eng',
    languageConfidence: 0.9,
    tags: [],
    wordCount: 20,
    readingTimeMinutes: 1,
    httpStatus: 200,
    versions: { extractor: 'x', detector: 'y', enricher: 'z' },
    keywords: ['harbour', 'council'],
    summary: [],
    people: [],
    organizations: [],
    places: [],
    countries: [],
    cluster: { id, isOriginal: true, similarity: 1 },
    ...overrides,
  };
}

describe('indexing and search against real Elasticsearch', () => {
  const redisUrl = inject('redisUrl');
  const elasticsearchUrl = inject('elasticsearchUrl');
  const alias = uniqueName('search');
  const es = createSearchClient(elasticsearchUrl);
  let capabilities: ClusterCapabilities;
  let redis: Redis;
  let app: FastifyInstance;
  let bulk: BulkIndexer;

  const index = (doc: ArticleDocument, version = Date.parse(doc.fetchedAt)) => bulk.index({ id: doc.id, document: doc, version });
  const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
    const response = await app.inject({ url });
    return { status: response.statusCode, body: response.json() as T };
  };

  beforeAll(async () => {
    capabilities = await detectCapabilities(es);
    await ensureArticleIndex(es, { alias, capabilities });
    bulk = new BulkIndexer(es, { index: alias, maxDocuments: 200, maxBytes: 5e6, flushIntervalMs: 20, maxItemRetries: 3, refresh: 'wait_for' });
    redis = createRedis(redisUrl, { name: 'test:search', role: 'producer' });
    app = buildTestApp({ redis, search: es, prefix: alias, alias, key: KEY });
    await app.ready();
    await Promise.all([
      ...Array.from({ length: 30 }, (_, n) => index(article(n, n === 0 ? { story: { id: article(0).id, isOriginal: true } } : {}))),
      // The German edition of story 0: one story across two languages.
      index(article(100, { domain: 'zeitung.example.de', language: 'deu', title: 'Der Hafenrat tagte erneut', body: 'Der Hafenrat sprach über Fähren und Fangquoten. Die Bürger stellten viele Fragen.', story: { id: article(0).id, isOriginal: false } })),
      index(article(101, { domain: 'takedown.example.com', title: 'Story to be taken down', body: 'An article about ferries that the publisher asked us to remove.' })),
      index(article(102, { domain: 'takedown.example.com', title: 'Second story to be taken down', body: 'Another article about ferries from the same publisher.' })),
      index(article(103, { title: 'Unbreakable friendship declared', body: 'The two leaders said their friendship is unbreakable. Observers were not convinced.' })),
      index(article(104, { title: 'Friendship and trade', body: 'Trade grew while friendship cooled, the minister said, calling ties breakable.' })),
      ...[500, 501, 502].map((n) =>
        index(
          article(n, {
            domain: `outlet${n}.example.net`,
            title: `Summit in Beijing, copy ${n}`,
            body: 'Kim Jong Un met Xi Jinping in Beijing, state media reported.',
            people: ['Kim Jong Un', 'Xi Jinping'],
            organizations: ['Korean Central News Agency'],
            places: ['Beijing', 'China', 'North Korea'],
            countries: ['CN', 'KP'],
            entityIds: ['person:kim-jong-un', 'person:xi-jinping', 'org:korean-central-news-agency', 'place:beijing', 'place:country:CN', 'place:country:KP'],
            keywords: ['summit', 'beijing'],
            publisher: { name: `Outlet ${n}`, country: n === 500 ? 'RU' : 'GB', type: n === 500 ? 'state-affiliated' : 'newspaper', domain: `outlet${n}.example.net` },
            cluster: { id: identifyUrl('https://outlet500.example.net/news/500').id, isOriginal: n === 500, similarity: n === 500 ? 1 : 0.8 },
          }),
        ),
      ),
    ]);
  });

  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
    await cleanupNamespace(redisUrl, elasticsearchUrl, alias, alias);
    await es.close();
  });

  it('filters by language, domain and date, and counts facets', async () => {
    const german = await get<{ total: number; hits: { language: string }[] }>('/search?lang=deu');
    expect(german.body.total).toBe(1);
    const domain = await get<{ total: number }>('/search?domain=takedown.example.com');
    expect(domain.body.total).toBe(2);
    const range = await get<{ total: number }>('/search?from=2025-09-01&to=2025-09-03');
    expect(range.body.total).toBeGreaterThan(0);
    const everything = await get<{ total: number; facets: { language: { value: string; count: number }[]; domain: { value: string; count: number }[]; dates: { interval: string; buckets: unknown[] } } }>('/search?q=harbour');
    expect(everything.body.facets.language).toEqual([{ value: 'eng', count: everything.body.total }]);
    expect(everything.body.facets.domain[0]).toEqual({ value: 'example.org', count: everything.body.total });
    expect(everything.body.facets.dates.buckets.length).toBeGreaterThan(0);
  });

  it('filters and facets by entities, countries, keywords and publishers, and collapses near-duplicates', async () => {
    const byPerson = await get<{ total: number; facets: Record<string, { value: string; count: number }[]> }>(`/search?person=${encodeURIComponent('Xi Jinping')}`);
    expect(byPerson.body.total).toBe(3);
    expect(byPerson.body.facets.person).toEqual([
      { value: 'Kim Jong Un', count: 3 },
      { value: 'Xi Jinping', count: 3 },
    ]);
    expect(byPerson.body.facets.country).toEqual([
      { value: 'CN', count: 3 },
      { value: 'KP', count: 3 },
    ]);
    expect(byPerson.body.facets.publisherCountry).toEqual([
      { value: 'GB', count: 2 },
      { value: 'RU', count: 1 },
    ]);
    expect((await get<{ total: number }>('/search?country=KP&org=Korean%20Central%20News%20Agency&place=Beijing')).body.total).toBe(3);
    expect((await get<{ total: number }>('/search?country=KP&publisherCountry=RU')).body.total).toBe(1);
    // Entity filters take the canonical id too (the same in every language), alone or with names.
    expect((await get<{ total: number }>('/search?person=person:xi-jinping')).body.total).toBe(3);
    expect((await get<{ total: number }>('/search?person=person:xi-jinping&org=org:korean-central-news-agency&place=Beijing')).body.total).toBe(3);
    expect((await get<{ total: number }>('/search?person=person:nobody')).body.total).toBe(0);
    expect((await get<{ total: number }>('/search?keyword=summit&publisher=Outlet%20501,Outlet%20502')).body.total).toBe(2);
    expect((await get('/search?country=north-korea')).status).toBe(400);
    const collapsed = await get<{ total: number; hits: { id: string; copies?: number; cluster: { isOriginal: boolean } | null }[] }>('/search?q=Beijing&collapse=cluster');
    expect(collapsed.body.hits).toHaveLength(1);
    expect(collapsed.body.hits[0]?.copies).toBe(2);
    const cluster = identifyUrl('https://outlet500.example.net/news/500').id;
    expect((await get<{ total: number }>(`/search?cluster=${cluster}`)).body.total).toBe(3);
    const similar = await get<{ copies: { id: string }[] }>(`/articles/${cluster}/similar`);
    expect(similar.body.copies.map((c) => c.id).sort()).toEqual([article(501, { domain: 'outlet501.example.net' }).id, article(502, { domain: 'outlet502.example.net' }).id].sort());
  });

  it('filters by story: an article and its editions in other languages', async () => {
    const story = await get<{ total: number; facets: { language: { value: string; count: number }[] } }>(`/search?story=${article(0).id}`);
    expect(story.body.total).toBe(2);
    expect(story.body.facets.language.map((bucket) => bucket.value).sort()).toEqual(['deu', 'eng']);
    expect((await get<{ total: number }>(`/search?story=${'f'.repeat(32)}`)).body.total).toBe(0);
    expect((await get('/search?story=not-an-id')).status).toBe(400);
    // collapse=story: one hit for the story, with the languages its matching editions are in.
    const collapsed = await get<{ total: number; hits: { id: string; story: { id: string } | null; languages?: string[] }[] }>(`/search?story=${article(0).id}&collapse=story`);
    expect(collapsed.body.hits).toHaveLength(1);
    expect(collapsed.body.hits[0]!.story?.id).toBe(article(0).id);
    expect([...collapsed.body.hits[0]!.languages!].sort()).toEqual(['deu', 'eng']);
    // The other language editions of an article: its translations.
    const translations = await get<{ story: string; translations: { id: string; language: string }[] }>(`/articles/${article(0).id}/translations`);
    expect(translations.body).toMatchObject({ story: article(0).id, translations: [{ id: article(100, { domain: 'zeitung.example.de' }).id, language: 'deu' }] });
    const alone = await get<{ story: string | null; translations: unknown[] }>(`/articles/${article(5).id}/translations`);
    expect(alone.body).toEqual({ story: null, translations: [] });
    expect((await get(`/articles/${'f'.repeat(32)}/translations`)).status).toBe(404);
  });

  it('supports phrases, negation and OR, and highlights matches', async () => {
    const phrase = await get<{ total: number; hits: { title: string; snippet: string }[] }>(`/search?q=${encodeURIComponent('"friendship is unbreakable"')}`);
    expect(phrase.body.total).toBe(1);
    expect(phrase.body.hits[0]?.snippet).toContain('<mark>');
    const negated = await get<{ total: number }>(`/search?q=${encodeURIComponent('friendship -trade')}`);
    expect(negated.body.total).toBe(1);
    const either = await get<{ total: number }>(`/search?q=${encodeURIComponent('Fangquoten | unbreakable')}`);
    expect(either.body.total).toBe(2);
    const german = await get<{ hits: { snippet: string }[] }>(`/search?q=${encodeURIComponent('Fähren')}`);
    expect(german.body.hits[0]?.snippet).toContain('<mark>Fähren</mark>');
  });

  it('pages deeply and stably with the after cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { hits: { id: string }[]; next: string | null } } = await get(`/search?sort=date&size=7&facets=false${cursor ? `&after=${cursor}` : ''}`);
      seen.push(...page.body.hits.map((h) => h.id));
      cursor = page.body.next;
    } while (cursor);
    expect(seen).toHaveLength(38);
    expect(new Set(seen).size).toBe(38);
    expect((await get('/search?after=not-a-cursor')).status).toBe(400);
  });

  it('never lets an older fetch overwrite a newer one', async () => {
    const fresh = article(200, { title: 'Newer version', fetchedAt: '2025-10-02T00:00:00.000Z' });
    await index(fresh);
    expect(await index({ ...fresh, title: 'Stale version', fetchedAt: '2025-10-01T00:00:00.000Z' })).toBe('noop');
    expect(await index({ ...fresh })).toBe('updated');
    const stored = await get<{ title: string }>(`/articles/${fresh.id}`);
    expect(stored.body.title).toBe('Newer version');
  });

  it('rejects a document that tries to add fields, leaving the mapping unchanged', async () => {
    const fieldsBefore = Object.keys((await es.indices.getMapping({ index: alias }))[Object.keys(await es.indices.getAlias({ name: alias }))[0]!]!.mappings.properties ?? {}).length;
    const hostile = { ...article(300), ...Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`meta_${i}`, 'x'])) } as ArticleDocument;
    await expect(index(hostile)).rejects.toMatchObject({ code: 'index_rejected' });
    const fieldsAfter = Object.keys((await es.indices.getMapping({ index: alias }))[Object.keys(await es.indices.getAlias({ name: alias }))[0]!]!.mappings.properties ?? {}).length;
    expect(fieldsAfter).toBe(fieldsBefore);
  });

  it('retries a bulk item rejected with 429 and fails a mapping error with its reason, in one bulk', async () => {
    const proxy = await startBulkRejectingProxy(elasticsearchUrl);
    const proxied = createSearchClient(proxy.url);
    const viaProxy = new BulkIndexer(proxied, { index: alias, maxDocuments: 10, maxBytes: 5e6, flushIntervalMs: 50, maxItemRetries: 3, refresh: 'wait_for' });
    try {
      const throttled = article(600, { title: 'Throttled once' });
      const broken = { ...article(601), unexpectedField: 'x' } as ArticleDocument;
      const [first, second] = await Promise.allSettled([
        viaProxy.index({ id: throttled.id, document: throttled, version: 1 }),
        viaProxy.index({ id: broken.id, document: broken, version: 1 }),
      ]);
      expect(proxy.rejected()).toBe(1);
      expect(first).toEqual({ status: 'fulfilled', value: 'created' });
      expect(second.status).toBe('rejected');
      expect((second as PromiseRejectedResult).reason).toMatchObject({ code: 'index_rejected', permanent: true });
      expect(String((second as PromiseRejectedResult).reason.message)).toContain('strict_dynamic_mapping_exception');
      expect((await get<{ title: string }>(`/articles/${throttled.id}`)).body.title).toBe('Throttled once');
      expect((await get(`/articles/${broken.id}`)).status).toBe(404);
    } finally {
      await proxied.close();
      await proxy.close();
    }
  });

  it('streams an export of 10,000 hits with bounded memory', async () => {
    const many = new BulkIndexer(es, { index: alias, maxDocuments: 1_000, maxBytes: 10e6, flushIntervalMs: 20, maxItemRetries: 3 });
    const body = 'Export load test paragraph about regional zephyr ferries and quay budgets. '.repeat(130);
    await Promise.all(Array.from({ length: 10_000 }, (_, i) => article(20_000 + i, { title: `Export item ${i}`, body })).map((doc) => many.index({ id: doc.id, document: doc, version: 1 })));
    await es.indices.refresh({ index: alias });
    // Read the stream slowly through a real HTTP connection and watch the heap while it flows.
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${address}/export?q=${encodeURIComponent('"regional zephyr"')}&format=ndjson`);
    const reader = response.body!.getReader();
    const collect = (globalThis as { gc?: () => void }).gc;
    if (!collect) throw new Error('run with --expose-gc (the integration project does)');
    collect();
    const baseline = process.memoryUsage().heapUsed;
    let sinceCollect = 0;
    let peak = 0;
    let lines = 0;
    let bytes = 0;
    let tail = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      const text = tail + Buffer.from(value).toString('utf8');
      const parts = text.split('\n');
      tail = parts.pop() ?? '';
      lines += parts.length;
      sinceCollect += value.length;
      // What the server and client retain, not garbage waiting for collection.
      if (sinceCollect > 5_000_000) {
        sinceCollect = 0;
        collect();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }
    expect(lines).toBe(10_000);
    expect(bytes).toBeGreaterThan(90_000_000);
    // The export is > 90 MB; the live heap never holds more than a few pages of 500 documents.
    expect(peak).toBeLessThan(32 * 1024 * 1024);
  }, 180_000);

  it('deletes one article and a whole domain, visible at once', async () => {
    const target = article(103);
    const unauthenticated = await app.inject({ method: 'DELETE', url: `/articles/${target.id}` });
    expect(unauthenticated.statusCode).toBe(401);
    const deleted = await app.inject({ method: 'DELETE', url: `/articles/${target.id}`, headers: { authorization: `Bearer ${KEY}` } });
    expect(deleted.statusCode).toBe(200);
    expect((await get<{ total: number }>(`/search?q=${encodeURIComponent('"friendship is unbreakable"')}`)).body.total).toBe(0);
    expect((await app.inject({ method: 'DELETE', url: `/articles/${target.id}`, headers: { authorization: `Bearer ${KEY}` } })).statusCode).toBe(404);
    const takedown = await app.inject({ method: 'DELETE', url: '/articles?domain=takedown.example.com', headers: { authorization: `Bearer ${KEY}` } });
    expect(takedown.json()).toEqual({ deleted: 2 });
    expect((await get<{ total: number }>('/search?domain=takedown.example.com')).body.total).toBe(0);
  });

  it('finds similar articles', async () => {
    const similar = await get<{ similar: { id: string }[]; copies: unknown[] }>(`/articles/${article(1).id}/similar`);
    expect(similar.status).toBe(200);
    expect(similar.body.similar.length).toBeGreaterThan(0);
    expect(similar.body.similar.map((h) => h.id)).not.toContain(article(1).id);
  });

  it('exports a query as NDJSON, CSV and a zip of story files', async () => {
    const ndjson = await app.inject({ url: '/export?q=harbour&format=ndjson' });
    const lines = ndjson.body.trim().split('\n').map((l) => JSON.parse(l) as { id: string; body: string; i18n?: unknown });
    expect(lines).toHaveLength((await get<{ total: number }>('/search?q=harbour&facets=false')).body.total);
    expect(lines.length).toBeGreaterThanOrEqual(30);
    expect(lines[0]?.body).toContain('harbour council');
    expect(lines[0]?.i18n).toBeUndefined();
    const csv = await app.inject({ url: '/export?lang=deu&format=csv' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('id,url,publishedAt,language,domain,title,authors,keywords,people,organizations,places,countries,story,cluster,wordCount,body');
    expect(csv.body).toContain('Der Hafenrat tagte erneut');
    const zip = await app.inject({ url: '/export?lang=deu&format=zip' });
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    const stories = await unzip(zip.rawPayload);
    expect(stories).toHaveLength(1);
    expect(stories[0]?.name).toMatch(/^2025-09-\d\d-zeitung\.example\.de-[0-9a-f]{12}\.txt$/);
    expect(stories[0]?.text).toMatch(/^ date 2025-09-\d\d https:\/\/zeitung\.example\.de\/news\/100\n\nDer Hafenrat tagte erneut\n\nDer Hafenrat tagte erneut\n\nDer Hafenrat sprach/);
    expect((await get('/export?format=pdf')).status).toBe(400);
  });

  it('reindexes into a new version behind the alias without losing documents', async () => {
    const before = (await get<{ total: number }>('/search?facets=false')).body.total;
    const unauthenticated = await app.inject({ method: 'POST', url: '/admin/reindex' });
    expect(unauthenticated.statusCode).toBe(401);
    const response = await app.inject({ method: 'POST', url: '/admin/reindex', headers: { authorization: `Bearer ${KEY}` } });
    expect(response.statusCode).toBe(200);
    const result = response.json() as { from: string; to: string; copied: number };
    expect(result.from).toBe(`${alias}-v1`);
    expect(result.to).toBe(`${alias}-v2`);
    expect(result.copied).toBe(before);
    expect(Object.keys(await es.indices.getAlias({ name: alias }))).toEqual([`${alias}-v2`]);
    expect((await get<{ total: number }>('/search?facets=false')).body.total).toBe(before);
    // New writes land in the new version.
    await index(article(400));
    expect((await get<{ total: number }>('/search?facets=false')).body.total).toBe(before + 1);
    const direct = new Client({ node: elasticsearchUrl });
    expect((await direct.count({ index: `${alias}-v2` })).count).toBe(before + 1);
    await direct.close();
    await deleteArticleIndex(es, alias);
  });
});
