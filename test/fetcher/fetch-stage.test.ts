import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uniqueName } from '../support/pipeline';
import { startOrigin, type Origin } from './support/origins';
import { deletePrefix, fetcherInstance, stageOutcome, summary, type StageInstance } from './support/stage-kit';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const ARTICLE = '<!doctype html><html><head><title>Council approves budget</title></head><body><p>The council approved the budget.</p></body></html>';

describe('fetch stage: robots.txt, politeness, conditional re-fetch, page checks (real Redis)', () => {
  const redisUrl = inject('redisUrl');
  const prefix = uniqueName('fetchstage');
  let polite: Origin; // robots.txt with Disallow and Crawl-delay
  let flaky: Origin; // robots.txt answers 503 at first
  let norobots: Origin; // robots.txt 404; serves the page-check cases
  let limited: Origin; // answers 429 with Retry-After
  let canary: Origin;
  let fetcherA: StageInstance;
  let fetcherB: StageInstance;
  let flakyRobots = 503;
  let etagRequests: (string | undefined)[] = [];

  beforeAll(async () => {
    canary = await startOrigin('127.0.0.9', (_req, res) => res.writeHead(200, HTML).end(ARTICLE));
    polite = await startOrigin('127.0.0.6', (req, res) => {
      if (req.url === '/robots.txt') {
        return res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: OtherBot\nDisallow: /\n\nUser-agent: *\nDisallow: /private/\nCrawl-delay: 2\n');
      }
      return res.writeHead(200, HTML).end(ARTICLE);
    });
    flaky = await startOrigin('127.0.0.7', (req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(flakyRobots, { 'content-type': 'text/plain' }).end('');
      return res.writeHead(200, HTML).end(ARTICLE);
    });
    norobots = await startOrigin('127.0.0.8', (req, res) => {
      const path = req.url ?? '/';
      if (path === '/robots.txt') return res.writeHead(404).end();
      if (path === '/etag') {
        etagRequests.push(req.headers['if-none-match']);
        if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
        return res.writeHead(200, { ...HTML, etag: '"v1"', 'last-modified': 'Wed, 01 Oct 2025 10:00:00 GMT' }).end(ARTICLE);
      }
      if (path === '/challenge') return res.writeHead(503, { ...HTML, 'cf-mitigated': 'challenge', server: 'cloudflare' }).end('<title>Just a moment...</title>');
      if (path === '/challenge-200') return res.writeHead(200, HTML).end('<html><title>Just a moment...</title><script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script></html>');
      if (path === '/soft-404') return res.writeHead(200, HTML).end('<html><title>Page not found | Daily News</title><p>Sorry.</p></html>');
      if (path === '/moved-home') return res.writeHead(301, { location: '/' }).end();
      if (path === '/') return res.writeHead(200, HTML).end('<html><title>Daily News</title></html>');
      if (path === '/paywalled') {
        return res
          .writeHead(200, HTML)
          .end('<html><title>Exclusive</title><script type="application/ld+json">{"@type":"NewsArticle","isAccessibleForFree": false}</script><p>Subscribe</p></html>');
      }
      if (path === '/no-type-binary') return res.end(Buffer.from([0x00, 0x01, 0x02, 0x03, 0x89, 0x50]));
      if (path === '/to-canary') return res.writeHead(302, { location: canary.url('/') }).end();
      if (path === '/to-disallowed') return res.writeHead(302, { location: polite.url('/private/elsewhere.html') }).end();
      if (path === '/gone') return res.writeHead(410, HTML).end('gone');
      if (path === '/broken') return res.writeHead(500, HTML).end('oops');
      return res.writeHead(200, HTML).end(ARTICLE);
    });
    limited = await startOrigin('127.0.0.10', (req, res) => {
      if (req.url === '/robots.txt') return res.writeHead(404).end();
      return res.writeHead(429, { 'retry-after': '3', ...HTML }).end('slow down');
    });
    const env = {
      NEWSFLOW_FETCH_ALLOW: [polite, flaky, norobots, limited].map((o) => o.hostPort).join(','),
      NEWSFLOW_FETCH_ROBOTS_RETRY_MS: '500',
    };
    fetcherA = fetcherInstance(redisUrl, prefix, env);
    fetcherB = fetcherInstance(redisUrl, prefix, env);
  });

  afterAll(async () => {
    await fetcherA?.close();
    await fetcherB?.close();
    for (const origin of [polite, flaky, norobots, limited]) await origin?.close();
    expect(canary.hits).toEqual([]);
    await canary?.close();
    await deletePrefix(redisUrl, prefix);
  });

  it('obeys robots.txt Disallow and Crawl-delay, fetching robots.txt once for all fetchers', async () => {
    expect(summary(await stageOutcome(fetcherA.run(polite.url('/news/1.html'))))).toBe('ok');
    // Crawl-delay: 2 → the next page of this host waits about 2 s, as a deferral, from either fetcher.
    const second = await stageOutcome(fetcherB.run(polite.url('/news/2.html')));
    expect(second.kind).toBe('deferred');
    if (second.kind === 'deferred') {
      expect(second.error.delayMs).toBeGreaterThan(1_500);
      expect(second.error.delayMs).toBeLessThanOrEqual(3_000);
    }
    expect(summary(await stageOutcome(fetcherB.run(polite.url('/private/secret.html'))))).toBe('failed:robots_disallowed');
    expect(polite.hits.filter((p) => p === '/robots.txt')).toHaveLength(1);
    expect(polite.hits).not.toContain('/private/secret.html');
    expect(polite.hits).not.toContain('/private/elsewhere.html');
  });

  it('waits while robots.txt answers 5xx, then proceeds once it answers', async () => {
    const first = await stageOutcome(fetcherA.run(flaky.url('/story.html')));
    expect(summary(first)).toBe('deferred');
    expect(flaky.hits).toEqual(['/robots.txt']);
    // Within the retry interval nobody asks again.
    expect(summary(await stageOutcome(fetcherB.run(flaky.url('/story.html'))))).toBe('deferred');
    expect(flaky.hits).toEqual(['/robots.txt']);
    flakyRobots = 404;
    await new Promise((r) => setTimeout(r, 600));
    const later = await stageOutcome(fetcherB.run(flaky.url('/story.html')));
    // robots.txt now says 404 (no rules); the page itself may still have to wait for spacing.
    expect(['ok', 'deferred']).toContain(summary(later));
    expect(flaky.hits.filter((p) => p === '/robots.txt')).toHaveLength(2);
  });

  it('re-fetches conditionally and skips the run on 304 Not Modified', async () => {
    etagRequests = [];
    const first = await stageOutcome(fetcherA.run(norobots.url('/etag'), 1));
    expect(first.kind).toBe('ok');
    if (first.kind === 'ok') expect(first.job.fetch).toMatchObject({ etag: '"v1"', lastModified: 'Wed, 01 Oct 2025 10:00:00 GMT', charset: 'utf-8' });
    await new Promise((r) => setTimeout(r, 50));
    const again = await stageOutcome(fetcherB.run(norobots.url('/etag'), 2));
    expect(summary(again)).toBe('skipped:not_modified');
    expect(etagRequests).toEqual([undefined, '"v1"']);
  });

  it('classifies pages that are not the article', async () => {
    const cases: [string, string][] = [
      ['/challenge', 'failed:bot_wall'],
      ['/challenge-200', 'failed:bot_wall'],
      ['/soft-404', 'failed:soft_404'],
      ['/moved-home', 'failed:soft_404'],
      ['/paywalled', 'failed:paywall'],
      ['/no-type-binary', 'failed:not_html'],
      ['/to-canary', 'failed:blocked_address'],
      ['/to-disallowed', 'failed:robots_disallowed'], // robots.txt of the redirect target's host
      ['/gone', 'failed:http_4xx'],
      ['/broken', 'failed:http_5xx'],
    ];
    for (const [path, expected] of cases) {
      const outcome = await stageOutcome(fetcherA.run(norobots.url(path)));
      expect(summary(outcome), path).toBe(expected);
    }
    const gone = await stageOutcome(fetcherA.run(norobots.url('/gone')));
    if (gone.kind === 'failed') expect(gone.error.permanent).toBe(true);
    const broken = await stageOutcome(fetcherA.run(norobots.url('/broken')));
    if (broken.kind === 'failed') expect(broken.error.permanent).toBe(false);
  });

  it('pushes a host back after 429 Retry-After while other hosts keep flowing', async () => {
    const first = await stageOutcome(fetcherA.run(limited.url('/a')));
    expect(summary(first)).toBe('failed:rate_limited');
    if (first.kind === 'failed') {
      expect(first.error.permanent).toBe(false);
      expect(first.error.retryAfterMs).toBe(3_000);
    }
    const hitsBefore = limited.hits.length;
    const second = await stageOutcome(fetcherB.run(limited.url('/b')));
    expect(second.kind).toBe('deferred');
    if (second.kind === 'deferred') expect(second.error.delayMs).toBeGreaterThan(2_000);
    expect(limited.hits.length).toBe(hitsBefore); // nobody contacted the host during the back-off
    expect(summary(await stageOutcome(fetcherB.run(norobots.url('/flowing.html'))))).toBe('ok');
  });

  it('refuses hosts outside the allow-list and bad URLs', async () => {
    expect(summary(await stageOutcome(fetcherA.run(canary.url('/direct'))))).toBe('failed:blocked_address');
    expect(summary(await stageOutcome(fetcherA.run('http://169.254.169.254/latest/meta-data/')))).toBe('failed:blocked_address');
  });
});
