import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { identifyUrl } from '@newsflow/contracts';
import { autodiscover, createDiscoveryHttp } from '@newsflow/discovery';
import { registerSourceRoutes } from '../../services/api/src/routes/sources';
import { cleanupNamespace, uniqueName } from '../support/pipeline';
import { createHarness, rss, startFeedServer, type FeedServer, type Harness } from './support';

describe('discovery: polling sources of every kind (real Redis, loopback feeds)', () => {
  const redisUrl = inject('redisUrl');
  const elasticsearchUrl = inject('elasticsearchUrl');
  const prefix = uniqueName('sources');
  let server: FeedServer;
  let harness: Harness;
  const url = (path: string): string => `${server.origin}${path}`;

  beforeAll(async () => {
    server = await startFeedServer();
    harness = await createHarness(redisUrl, prefix, `${server.host}:${server.port}`);
  });

  afterAll(async () => {
    await harness?.close();
    await server?.close();
    await cleanupNamespace(redisUrl, elasticsearchUrl, prefix, prefix);
  });

  const addAndPoll = async (path: string, options: { backfill?: boolean; refetchUpdated?: boolean; intervalSeconds?: number } = {}) => {
    const { source } = await harness.registry.add({ url: url(path), intervalSeconds: options.intervalSeconds ?? 3600, refetchUpdated: options.refetchUpdated ?? false, backfill: options.backfill ?? true });
    const report = await harness.poll(source.id);
    return { source, report };
  };
  const jobsFor = async (urls: string[]) => {
    const ids = new Set(urls.map((u) => identifyUrl(u).id));
    return (await harness.fetchJobs()).filter((job) => ids.has(job.docId));
  };

  it('reads RSS, Atom, RDF, JSON Feed, news sitemaps and URL lists, and passes feed metadata as hints', async () => {
    server.set('/rss.xml', { type: 'application/rss+xml', body: rss([{ url: url('/r/1'), title: 'RSS one', date: '2025-09-05T10:00:00Z', author: 'Ann', categories: ['Politics'] }]) });
    server.set('/atom.xml', {
      type: 'application/atom+xml',
      body: `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><title>Atom one</title><link href="${url('/a/1')}"/><published>2025-09-04T08:00:00Z</published><author><name>Bo</name></author></entry></feed>`,
    });
    server.set('/rdf.xml', {
      type: 'application/rdf+xml',
      body: `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="${url('/')}"><title>R</title></channel><item rdf:about="${url('/d/1')}"><title>RDF one</title><dc:date>2025-09-03T07:00:00Z</dc:date></item></rdf:RDF>`,
    });
    server.set('/feed.json', { type: 'application/feed+json', body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: url('/j/1'), title: 'JSON one', date_published: '2025-09-02T06:00:00Z' }] }) });
    server.set('/news-sitemap.xml', {
      type: 'application/xml',
      body: `<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>${url('/s/1')}</loc><news:news><news:publication_date>2025-09-01T05:00:00Z</news:publication_date><news:title>Sitemap one</news:title></news:news></url></urlset>`,
    });
    server.set('/list.txt', { type: 'text/plain', body: `# urls\n${url('/t/1')}\n${url('/t/2')}\n` });
    server.set('/list.csv', { type: 'text/csv', body: `url,title,date\n${url('/c/1')},CSV one,2025-08-31\n` });
    server.set('/list.ndjson', { type: 'application/x-ndjson', body: `{"url":"${url('/n/1')}","title":"NDJSON one"}\n` });

    const expected: [string, string, Record<string, unknown>][] = [
      ['/rss.xml', 'rss', { title: 'RSS one', publishedAt: '2025-09-05T10:00:00.000Z', authors: ['Ann'], categories: ['Politics'] }],
      ['/atom.xml', 'atom', { title: 'Atom one', publishedAt: '2025-09-04T08:00:00.000Z', authors: ['Bo'] }],
      ['/rdf.xml', 'rdf', { title: 'RDF one', publishedAt: '2025-09-03T07:00:00.000Z' }],
      ['/feed.json', 'jsonfeed', { title: 'JSON one', publishedAt: '2025-09-02T06:00:00.000Z' }],
      ['/news-sitemap.xml', 'sitemap', { title: 'Sitemap one', publishedAt: '2025-09-01T05:00:00.000Z' }],
      ['/list.csv', 'urllist', { title: 'CSV one', publishedAt: '2025-08-31T00:00:00.000Z' }],
      ['/list.ndjson', 'urllist', { title: 'NDJSON one' }],
    ];
    for (const [path, format, hints] of expected) {
      const { source, report } = await addAndPoll(path);
      expect(report, path).toMatchObject({ outcome: 'new_items', listed: 1, submitted: 1 });
      expect((await harness.registry.get(source.id))?.format).toBe(format);
      const articleUrl = { '/rss.xml': '/r/1', '/atom.xml': '/a/1', '/rdf.xml': '/d/1', '/feed.json': '/j/1', '/news-sitemap.xml': '/s/1', '/list.csv': '/c/1', '/list.ndjson': '/n/1' }[path]!;
      const jobs = await jobsFor([url(articleUrl)]);
      expect(jobs, path).toHaveLength(1);
      expect(jobs[0]!.hints, path).toMatchObject(hints);
    }
    const { report } = await addAndPoll('/list.txt');
    expect(report).toMatchObject({ outcome: 'new_items', submitted: 2 });
  });

  it('submits only new articles when a feed changes, and sends conditional requests that get 304', async () => {
    const first = [{ url: url('/live/1') }, { url: url('/live/2') }, { url: url('/live/3') }];
    server.set('/live.xml', { type: 'application/rss+xml', body: rss(first), etag: '"v1"' });
    const { source, report } = await addAndPoll('/live.xml');
    expect(report).toMatchObject({ outcome: 'new_items', submitted: 3 });

    const again = await harness.poll(source.id);
    expect(again).toMatchObject({ outcome: 'not_modified', submitted: 0 });
    expect(server.notModified('/live.xml')).toBe(1);

    // Two new items, and old ones spelled differently (tracking parameters, fragment, host case).
    const spelledDifferently = [{ url: `${url('/live/1')}?utm_source=rss&utm_medium=feed` }, { url: `${url('/live/2')}#comments` }, { url: url('/live/3').replace('127.0.0.1', '127.0.0.1.') }];
    server.set('/live.xml', { type: 'application/rss+xml', body: rss([{ url: url('/live/4') }, { url: url('/live/5') }, ...spelledDifferently]), etag: '"v2"' });
    expect(await harness.poll(source.id)).toMatchObject({ outcome: 'new_items', listed: 5, submitted: 2 });
    expect(await harness.poll(source.id)).toMatchObject({ outcome: 'not_modified' });
    const jobs = await jobsFor([1, 2, 3, 4, 5].map((n) => url(`/live/${n}`)));
    expect(jobs).toHaveLength(5);
    expect(await harness.registry.seenCount(source.id)).toBe(5);
  });

  it('records a coded error for a broken feed, backs off, and recovers', async () => {
    server.set('/broken.xml', { type: 'application/rss+xml', body: '<rss><channel><item><title>cut' });
    const { source, report } = await addAndPoll('/broken.xml', { intervalSeconds: 2 });
    expect(report).toMatchObject({ outcome: 'failed', error: { code: 'malformed_feed' } });
    let record = await harness.registry.get(source.id);
    expect(record).toMatchObject({ consecutiveFailures: 1, lastError: { code: 'malformed_feed' } });
    // Still inside the backoff window (half an interval after the first failure): skipped.
    expect(await harness.poll(source.id)).toMatchObject({ outcome: 'skipped_backoff' });
    expect(server.hits('/broken.xml')).toBe(1);

    server.set('/broken.xml', { type: 'application/rss+xml', body: rss([{ url: url('/fixed/1') }]) });
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await harness.poll(source.id)).toMatchObject({ outcome: 'new_items', submitted: 1 });
    record = await harness.registry.get(source.id);
    expect(record?.consecutiveFailures).toBe(0);
    expect(record?.lastError).toBeUndefined();

    // Missing feeds and HTML pages are coded too.
    const missing = await addAndPoll('/nothing-here.xml');
    expect(missing.report).toMatchObject({ outcome: 'failed', error: { code: 'http_4xx' } });
    server.set('/page.html', { type: 'text/html', body: '<!doctype html><html><body>home</body></html>' });
    expect((await addAndPoll('/page.html')).report).toMatchObject({ outcome: 'failed', error: { code: 'unrecognized_format' } });
  });

  it('follows a sitemap index into its 3 child sitemaps, and skips children whose lastmod did not change', async () => {
    const children = [0, 1, 2].map((n) => ({ path: `/sitemap-${n}.xml`, urls: [0, 1, 2, 3].map((k) => url(`/sm/${n}/${k}`)) }));
    for (const child of children) {
      server.set(child.path, { type: 'application/xml', body: `<urlset>${child.urls.map((u) => `<url><loc>${u}</loc><lastmod>2025-09-01</lastmod></url>`).join('')}</urlset>` });
    }
    const index = (lastmods: string[]) => `<sitemapindex>${children.map((c, i) => `<sitemap><loc>${url(c.path)}</loc><lastmod>${lastmods[i]}</lastmod></sitemap>`).join('')}</sitemapindex>`;
    server.set('/sitemap-index.xml', { type: 'application/xml', body: index(['2025-09-01', '2025-09-01', '2025-09-01']) });
    const { source, report } = await addAndPoll('/sitemap-index.xml');
    expect(report).toMatchObject({ outcome: 'new_items', listed: 12, submitted: 12 });
    expect((await harness.registry.get(source.id))?.format).toBe('sitemapindex');

    // Only the second child changed.
    const added = url('/sm/1/new');
    server.set(children[1]!.path, { type: 'application/xml', body: `<urlset>${[...children[1]!.urls, added].map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>` });
    server.set('/sitemap-index.xml', { type: 'application/xml', body: index(['2025-09-01', '2025-09-02', '2025-09-01']) });
    expect(await harness.poll(source.id)).toMatchObject({ outcome: 'new_items', submitted: 1 });
    expect([0, 1, 2].map((n) => server.hits(`/sitemap-${n}.xml`))).toEqual([1, 2, 1]);
    expect(await jobsFor([added])).toHaveLength(1);
  });

  it('handles a 10,000-item feed with bounded memory and submits each item once', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ url: url(`/huge/${i}`), title: `Huge story ${i}`, date: new Date(Date.UTC(2025, 8, 1) + i * 60_000).toISOString(), categories: ['bulk'] }));
    server.set('/huge.xml', { type: 'application/rss+xml', body: rss(items) });
    let peak = 0;
    global.gc?.();
    const baseline = process.memoryUsage().heapUsed;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
    }, 20);
    const { source, report } = await addAndPoll('/huge.xml');
    clearInterval(sampler);
    expect(report).toMatchObject({ outcome: 'new_items', listed: 10_000, submitted: 10_000 });
    // The feed is ~2.2 MB; parsing keeps one small record per item and no document tree.
    expect(peak).toBeLessThan(200 * 1024 * 1024);
    expect(await harness.poll(source.id)).toMatchObject({ outcome: 'no_new_items', listed: 10_000, submitted: 0 });
    const jobs = (await harness.fetchJobs()).filter((j) => j.url.includes('/huge/'));
    expect(jobs).toHaveLength(10_000);
    expect(new Set(jobs.map((j) => j.docId)).size).toBe(10_000);

    // A document over the byte cap is a coded failure, not an out-of-memory crash.
    const small = await createHarness(redisUrl, prefix, `${server.host}:${server.port}`, {}, 64 * 1024);
    try {
      const { source: capped } = await small.registry.add({ url: url('/huge.xml?cap'), intervalSeconds: 3600, refetchUpdated: false, backfill: true });
      expect(await small.poll(capped.id)).toMatchObject({ outcome: 'failed', error: { code: 'too_large' } });
    } finally {
      await small.close();
    }
  });

  it('remembers without submitting on the first poll when backfill is off, and re-submits edited articles when asked', async () => {
    server.set('/nobackfill.xml', { type: 'application/rss+xml', body: rss([{ url: url('/nb/1') }]) });
    const { source, report } = await addAndPoll('/nobackfill.xml', { backfill: false });
    expect(report).toMatchObject({ outcome: 'no_new_items', listed: 1, submitted: 0 });
    server.set('/nobackfill.xml', { type: 'application/rss+xml', body: rss([{ url: url('/nb/2') }, { url: url('/nb/1') }]) });
    expect(await harness.poll(source.id)).toMatchObject({ submitted: 1 });
    expect(await jobsFor([url('/nb/1')])).toHaveLength(0);

    const atom = (updated: string) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>E</title><entry><title>Edited</title><link href="${url('/edit/1')}"/><published>2025-09-01T00:00:00Z</published><updated>${updated}</updated></entry></feed>`;
    server.set('/edits.xml', { type: 'application/atom+xml', body: atom('2025-09-01T00:00:00Z') });
    const edits = await addAndPoll('/edits.xml', { refetchUpdated: true });
    expect(edits.report).toMatchObject({ submitted: 1 });
    // The first run finished; the feed now says the article was edited.
    const { id } = identifyUrl(url('/edit/1'));
    await harness.ledger.markStageDone(id, 1, 'index', null, { durationMs: 1 }, new Date(), id);
    server.set('/edits.xml', { type: 'application/atom+xml', body: atom('2025-09-02T00:00:00Z') });
    expect(await harness.poll(edits.source.id)).toMatchObject({ submitted: 1 });
    expect((await harness.ledger.get(id))?.run).toBe(2);
    expect(await harness.poll(edits.source.id)).toMatchObject({ submitted: 0 });
  });

  it('creates a source once when two processes add it at the same time, and restores lost schedules', async () => {
    server.set('/twice.xml', { type: 'application/rss+xml', body: rss([]) });
    const settings = { url: url('/twice.xml'), intervalSeconds: 3600, refetchUpdated: false, backfill: true };
    const results = await Promise.all([harness.registry.add(settings), harness.registry.add({ ...settings, url: `${url('/twice.xml')}#again` })]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0].source).toEqual(results[1].source);

    const id = results[0].source.id;
    await harness.discoveryQueue.removeJobScheduler(`source-${id}`);
    expect(await harness.registry.nextPollAt(results[0].source)).toBeNull();
    expect(await harness.registry.reconcileSchedules()).toBe(1);
    expect(await harness.registry.nextPollAt(results[0].source)).not.toBeNull();
    expect(await harness.registry.reconcileSchedules()).toBe(0);
  });

  describe('HTTP API', () => {
    let app: FastifyInstance;
    let closeHttp: () => Promise<void>;

    beforeAll(async () => {
      const discovery = createDiscoveryHttp({ allow: `${server.host}:${server.port}`, userAgent: 'NewsflowTest/1.0', maxBytes: 5_000_000, totalTimeoutMs: 10_000, connectTimeoutMs: 2_000, idleTimeoutMs: 5_000 });
      closeHttp = discovery.close;
      app = Fastify();
      registerSourceRoutes(app, {
        registry: harness.registry,
        submitter: harness.submitter,
        autodiscover: (site) => autodiscover(site, discovery.http),
        minIntervalSeconds: 60,
        defaultIntervalSeconds: 900,
      });
      await app.ready();
    });
    afterAll(async () => {
      await app?.close();
      await closeHttp?.();
    });

    it('adds, lists, shows, pauses, resumes, changes and removes sources', async () => {
      server.set('/api-feed.xml', { type: 'application/rss+xml', body: rss([{ url: url('/api/1') }, { url: url('/api/2') }]) });
      const added = await app.inject({ method: 'POST', url: '/sources', payload: { url: url('/api-feed.xml'), name: 'API feed', intervalSeconds: 600 } });
      expect(added.statusCode).toBe(201);
      const id = added.json<{ id: string }>().id;
      expect((await app.inject({ method: 'POST', url: '/sources', payload: { url: url('/api-feed.xml') } })).statusCode).toBe(200);
      expect((await app.inject({ method: 'POST', url: '/sources', payload: { url: url('/x.xml'), intervalSeconds: 5 } })).json()).toMatchObject({ error: 'invalid_request' });
      expect((await app.inject({ method: 'POST', url: '/sources', payload: { url: 'ftp://x.example/feed' } })).json()).toMatchObject({ error: 'unsupported_scheme' });

      // The repeating schedule exists, and its first poll is due right away.
      const waiting = await harness.discoveryQueue.getJobs(['waiting', 'delayed', 'prioritized']);
      expect(waiting.some((job) => (job.data as { sourceId: string }).sourceId === id)).toBe(true);
      await harness.poll(id);
      const shown = (await app.inject({ method: 'GET', url: `/sources/${id}` })).json<Record<string, unknown>>();
      expect(shown).toMatchObject({ id, name: 'API feed', state: 'active', intervalSeconds: 600, format: 'rss', itemsSeen: 2, newItems: 2, lastError: null });
      expect(typeof shown.lastPollAt).toBe('string');
      expect(Date.parse(shown.nextPollAt as string)).toBeLessThanOrEqual(Date.now() + 1_000);

      const listed = (await app.inject({ method: 'GET', url: '/sources' })).json<{ sources: { id: string }[] }>();
      expect(listed.sources.map((s) => s.id)).toContain(id);

      expect((await app.inject({ method: 'POST', url: `/sources/${id}/pause` })).json()).toMatchObject({ state: 'paused', nextPollAt: null });
      expect(await harness.poll(id)).toMatchObject({ outcome: 'paused' });
      expect((await app.inject({ method: 'POST', url: `/sources/${id}/poll` })).statusCode).toBe(409);
      expect((await app.inject({ method: 'POST', url: `/sources/${id}/resume` })).json()).toMatchObject({ state: 'active' });
      expect((await app.inject({ method: 'PATCH', url: `/sources/${id}`, payload: { intervalSeconds: 3600 } })).json()).toMatchObject({ intervalSeconds: 3600 });
      const refetch = await app.inject({ method: 'POST', url: `/sources/${id}/refetch`, payload: { url: url('/api/1') } });
      expect(refetch.statusCode).toBe(202);
      expect(refetch.json()).toMatchObject({ status: 'in_flight' });

      expect((await app.inject({ method: 'DELETE', url: `/sources/${id}` })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: `/sources/${id}` })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/sources/nothex' })).statusCode).toBe(400);
      expect(await harness.discoveryQueue.getJobScheduler(`source-${id}`)).toBeFalsy();
    });

    it('discovers a site feeds from link tags and its sitemaps from robots.txt', async () => {
      server.set('/', { type: 'text/html', body: `<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"><link rel="alternate" type="application/atom+xml" href="/broken.xml"></head><body></body></html>` });
      server.set('/broken.xml', { type: 'application/atom+xml', body: '<feed><entry>' });
      server.set('/robots.txt', { type: 'text/plain', body: `User-agent: *\nAllow: /\nSitemap: ${url('/news-sitemap.xml')}\n` });
      const found = await app.inject({ method: 'POST', url: '/sources/discover', payload: { url: url('/') } });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({
        feeds: [{ url: url('/rss.xml'), format: 'rss', via: 'link' }],
        sitemaps: [{ url: url('/news-sitemap.xml'), format: 'sitemap', via: 'robots' }],
        rejected: [{ url: url('/broken.xml'), code: 'malformed_feed' }],
      });
    });
  });
});
