import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createRedis, type Redis } from '@newsflow/runtime';
import { createSearchClient, detectCapabilities, ensureArticleIndex } from '@newsflow/search';
import { STAGES } from '@newsflow/contracts';
import { startDemoSite, type DemoSite } from '../../infra/demo-site/server';
import { buildTestApp } from '../support/app';
import { ROOT, api, cleanupNamespace, startService, stopProcess, uniqueName, waitForOutcome, type RunningProcess } from '../support/pipeline';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(ROOT, 'test-artifacts', 'console');
const KEY = 'console-tests-key-0123456789abcdef';
const WIDTHS = [1280, 390] as const;

describe('web console in a real browser (real Redis, Elasticsearch and workers)', () => {
  const redisUrl = inject('redisUrl');
  const elasticsearchUrl = inject('elasticsearchUrl');
  const prefix = uniqueName('console');
  const es = createSearchClient(elasticsearchUrl);
  let redis: Redis;
  let app: FastifyInstance;
  let base: string;
  let site: DemoSite;
  let workers: RunningProcess[] = [];
  let browser: BrowserContext;
  let profileDir: string;
  /** Problems the browser reported: script errors, CSP violations, failed console requests. */
  const browserProblems: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    site = await startDemoSite();
    await ensureArticleIndex(es, { alias: prefix, capabilities: await detectCapabilities(es) });
    redis = createRedis(redisUrl, { name: 'test:console', role: 'producer' });
    // The console's own budget: its pages poll, as a person's browser would.
    app = buildTestApp({ redis, search: es, prefix, alias: prefix, key: KEY, overrides: { rateLimit: { namespace: `${prefix}:rl:`, perKeyPerMinute: 600, anonymousPerMinute: 120 } } });
    base = await app.listen({ host: '127.0.0.1', port: 0 });

    const env = {
      REDIS_URL: redisUrl,
      ELASTICSEARCH_URL: elasticsearchUrl,
      NEWSFLOW_QUEUE_PREFIX: prefix,
      NEWSFLOW_INDEX_ALIAS: prefix,
      NEWSFLOW_INDEX_REFRESH: 'wait_for',
      NEWSFLOW_FETCH_ALLOW: `${site.host}:${site.port}`,
      NEWSFLOW_HEALTH_PORT: '-1',
      LOG_LEVEL: 'warn',
    };
    workers = (['fetcher', 'cleaner', 'langdetect', 'enricher', 'indexer'] as const).map((name) => startService(name, env));

    profileDir = mkdtempSync(join(tmpdir(), 'newsflow-console-chromium-'));
    browser = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    await Promise.all(workers.map((w) => stopProcess(w)));
    await app?.close();
    redis?.disconnect();
    await site?.close();
    await cleanupNamespace(redisUrl, elasticsearchUrl, prefix, prefix);
    await es.close();
  });

  function watch(page: Page): Page {
    page.on('pageerror', (error) => browserProblems.push(`page error on ${page.url()}: ${error.message}`));
    page.on('console', (message) => {
      // The prebuilt board asks for Google web fonts; its CSP blocks that on purpose (no third-party requests).
      if (message.type() === 'error' && !message.text().includes('https://fonts.googleapis.com/')) browserProblems.push(`console error on ${page.url()}: ${message.text()}`);
    });
    return page;
  }

  /** Screenshots at both widths, and the layout must not scroll sideways at either. */
  async function capture(page: Page, name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
      const overflowing = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= limit) return [];
        // Name the culprits; wide tables may overflow only inside their own scrolling region.
        const culprits = [...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > limit + 0.5 && !e.parentElement?.closest('.table-wrap, pre'))
          .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''}`);
        return [`page is ${document.documentElement.scrollWidth}px wide`, ...culprits];
      });
      expect(overflowing, `${name} scrolls sideways at ${width} px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('serves console pages with a CSP to browsers and leaves the JSON API as it was', async () => {
    const page = await app.inject({ url: '/search?q=x', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('<main id="main"');

    for (const accept of ['application/json', '*/*']) {
      const search = await app.inject({ url: '/search?q=x', headers: { accept } });
      expect(search.statusCode).toBe(200);
      expect(search.json()).toHaveProperty('hits');
      expect(search.headers['content-security-policy']).toBeUndefined();
      const failures = await app.inject({ url: '/failures', headers: { accept } });
      expect(failures.json()).toEqual({ total: 0, groups: [] });
    }
    const pipeline = await app.inject({ url: '/console/api/pipeline' });
    const body = pipeline.json() as { stages: { stage: string; oldestWaitingAgeMs: number | null; throughput: unknown[] }[] };
    expect(body.stages.map((s) => s.stage)).toEqual(STAGES);
    expect(body.stages[0]?.throughput).toHaveLength(10);
    const traversal = await app.inject({ url: '/console/assets/..%2f..%2findex.ts' });
    expect([403, 404]).toContain(traversal.statusCode);
    expect(traversal.body).not.toContain('registerConsole');
  });

  it('submits URLs, follows them to indexed, searches with a facet, traces one and retries a failure', async () => {
    const page = watch(await browser.newPage());
    const articles = [site.url('/2025/09/05/kim-xi-friendship.html'), site.url('/2025/11/28/bundestag-haushalt.html')];
    const missing = site.url('/gone-404.html');

    // Pipeline page: a box per stage; the skip link is the first stop for keyboard users, with a visible focus ring.
    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('li.stage').count()).toBe(5);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement!).outlineStyle }));
    expect(focused).toEqual({ text: 'Skip to content', outline: 'solid' });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Submit: the first write asks for the key, then each URL's progress is shown live.
    await page.goto(`${base}/submit`);
    await page.getByLabel('URLs, one per line').fill([...articles, 'not a url'].join('\n'));
    await page.getByLabel(/Or load a file/).setInputFiles({ name: 'more.csv', mimeType: 'text/csv', buffer: Buffer.from(`url,note\n${missing},gone\n`) });
    await expect.poll(() => page.getByLabel('URLs, one per line').inputValue()).toBe([...articles, 'not a url', missing].join('\n'));
    await page.getByRole('button', { name: 'Submit URLs' }).click();
    await page.getByLabel('Key', { exact: true }).fill(KEY);
    await page.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => page.locator('#submit-results tbody tr').count()).toBe(4);
    expect(await page.locator('tr[data-state="rejected"]').textContent()).toContain('invalid_url');
    await page.waitForFunction(() => document.querySelectorAll('#submit-results tr[data-state="done"], #submit-results tr[data-state="failed"]').length === 3, null, {
      timeout: 60_000,
    });
    const rows = await page.locator('#submit-results tbody tr').evaluateAll((trs) => trs.map((tr) => ({ state: (tr as HTMLElement).dataset.state, text: tr.textContent ?? '' })));
    expect(rows.map((r) => r.state), rows.map((r) => r.text).join('\n')).toEqual(['done', 'done', 'rejected', 'failed']);
    expect(rows[0]?.text).toContain('indexed');
    expect(rows[3]?.text).toContain('http_4xx');
    expect(await page.getByRole('status').first().textContent()).toContain('2 indexed, 1 failed');
    await capture(page, 'submit');

    await page.goto(`${base}/`);
    await expect.poll(() => page.locator('li.stage[data-stage="fetch"] .has-failures').textContent()).toContain('1');
    await capture(page, 'pipeline');

    // A second copy of the first story (same page under another URL), indexed after the original.
    const copy = `${articles[0]}?edition=copy`;
    const submitted = await api<{ items: { id: string }[] }>(base, '/urls', { body: { urls: [copy] }, key: KEY });
    expect(await waitForOutcome(base, submitted.body.items[0]!.id, 30_000)).toMatchObject({ state: 'done' });

    // Search: highlights come through as <mark> only; near-duplicates collapse; a facet narrows the results.
    await page.goto(`${base}/search`);
    await page.getByLabel('Query').fill('friendship unbreakable');
    await page.getByLabel('Query').press('Enter');
    await expect.poll(() => page.locator('#results .hit').count()).toBe(1);
    expect(await page.locator('#results .hit mark').count()).toBeGreaterThan(0);
    // Which member of the cluster represents it is Elasticsearch's choice among equal scores.
    expect([articles[0], copy]).toContain(await page.locator('#results .hit h3 a').getAttribute('href'));
    const copies = page.locator('#results .hit .copies');
    expect(await copies.textContent()).toBe('+1 copy');
    await page.getByLabel('Group near-duplicates').uncheck();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#results .hit').count()).toBe(2);
    await page.getByLabel('Group near-duplicates').check();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#results .hit').count()).toBe(1);
    await capture(page, 'search-highlight');
    await page.screenshot({ path: join(ARTIFACTS, 'search-highlight-viewport.png') });

    await page.getByLabel('Query').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('#results .hit').count()).toBe(2);
    const german = page.locator('[data-facet="language"] button', { hasText: 'deu' });
    await german.click();
    await expect.poll(() => page.locator('#results .hit').count()).toBe(1);
    expect(await german.getAttribute('aria-pressed')).toBe('true');
    expect(page.url()).toContain('lang=deu');
    expect(await page.locator('#results .hit h3 a').getAttribute('href')).toBe(articles[1]);
    expect(await page.locator('#histogram svg rect').count()).toBeGreaterThan(0);
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    expect(csvHref).toBe('/export?lang=deu&format=csv');
    const csv = await page.request.get(`${base}${csvHref}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(articles[1]);
    await capture(page, 'search');

    // Trace: stage outcomes and the versions, language and HTTP status of the indexed document.
    await page.locator('#results .hit').getByRole('link', { name: 'Trace' }).click();
    await page.waitForURL(/\/trace\/[0-9a-f]{32}$/);
    await page.getByRole('heading', { name: 'Indexed document' }).waitFor();
    const trace = (await page.locator('main').textContent()) ?? '';
    expect(trace).toContain('✓ Indexed');
    expect(trace).toMatch(/HTTP status\s*200/);
    expect(trace).toMatch(/Language\s*deu \(confidence 0\.\d\d\)/);
    expect(trace).toMatch(/Extractor\s*\S+/);
    expect(trace).toMatch(/Enricher\s*\S+/);
    expect(await page.locator('#trace-stages tbody tr').count()).toBe(5);
    expect(await page.locator('#trace-stages tbody tr .state-done').count()).toBe(5);
    await capture(page, 'trace');

    // Tracing by URL finds the dropped page and says why.
    await page.goto(`${base}/trace`);
    await page.getByLabel('URL or document id').fill(missing);
    await page.getByRole('button', { name: 'Trace' }).click();
    await page.locator('.dropped').waitFor();
    expect(await page.locator('.dropped').textContent()).toMatch(/Dropped at fetch: http_4xx — .*404/);
    await capture(page, 'trace-failed');

    // Failures: grouped by reason and domain, listed in the dead-letter table, and retried.
    await page.goto(`${base}/failures`);
    const group = page.locator('article.group[data-stage="fetch"][data-code="http_4xx"]');
    await group.waitFor();
    expect(await group.textContent()).toContain(`${site.host}1`);
    expect(await group.textContent()).toContain('permanent');
    expect(await page.locator('#dlq tbody tr').count()).toBe(1);
    expect(await page.locator('#dlq tbody tr').textContent()).toContain(missing);
    await capture(page, 'failures');
    await group.getByRole('button', { name: /Retry anyway/ }).click();
    await expect.poll(() => page.locator('#failures-status').textContent()).toContain('Retried 1 item');
    const { body: record } = await api<{ id: string }>(base, `/console/api/identify?url=${encodeURIComponent(missing)}`);
    const retried = await waitForOutcome(base, record.id, 30_000);
    expect(retried).toMatchObject({ state: 'failed', run: 2, error: { code: 'http_4xx' } });

    // The standard BullMQ board lists every stage's queue.
    await page.goto(`${base}/admin/queues`);
    await page.getByText(STAGES.at(-1)!, { exact: true }).first().waitFor();
    for (const stage of STAGES) expect(await page.getByText(stage, { exact: true }).count()).toBeGreaterThan(0);
    await page.getByText('Loading...').waitFor({ state: 'hidden', timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'board-1280.png') });

    expect(browserProblems).toEqual([]);
  });
});
