import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDemoSite, type DemoSite } from '../../infra/demo-site/server';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { identifyUrl } from '@newsflow/contracts';
import { ROOT, api, startPipeline, waitForOutcome, type Pipeline } from '../support/pipeline';

interface SubmitItem {
  url: string;
  id?: string;
  status?: string;
  error?: string;
}

describe('pipeline end to end (real Redis and Elasticsearch, services as processes)', () => {
  let site: DemoSite;
  let pipeline: Pipeline;
  const storyPath = '/2025/09/05/kim-xi-friendship.html';

  beforeAll(async () => {
    site = await startDemoSite();
    pipeline = await startPipeline({
      redisUrl: inject('redisUrl'),
      elasticsearchUrl: inject('elasticsearchUrl'),
      label: 'e2e',
      env: { NEWSFLOW_FETCH_ALLOW: `${site.host}:${site.port}` },
    });
  });

  afterAll(async () => {
    await pipeline?.stop();
    await site?.close();
  });

  it('turns submitted URLs into searchable articles, and reports failures with reasons', async () => {
    const urls = [...site.articleUrls, site.url('/gone-404.html'), 'not a url', 'ftp://example.org/file'];
    const submitted = await api<{ accepted: number; items: SubmitItem[] }>(pipeline.apiUrl, '/urls', { body: { urls }, key: pipeline.apiKey });
    expect(submitted.status).toBe(202);
    const items = submitted.body.items;
    expect(items).toHaveLength(urls.length);
    expect(items[urls.length - 2]).toMatchObject({ error: 'invalid_url' });
    expect(items[urls.length - 1]).toMatchObject({ error: 'unsupported_scheme' });

    const accepted = items.filter((i) => i.id);
    expect(accepted).toHaveLength(site.articleUrls.length + 1);
    const outcomes = new Map<string, Awaited<ReturnType<typeof waitForOutcome>>>();
    for (const item of accepted) outcomes.set(item.url, await waitForOutcome(pipeline.apiUrl, item.id!));

    for (const url of site.articleUrls) expect(outcomes.get(url), `${url}\n${pipeline.logs()}`).toMatchObject({ state: 'done', stage: 'index' });
    const missing = outcomes.get(site.url('/gone-404.html'));
    expect(missing).toMatchObject({ state: 'failed', stage: 'fetch', error: { code: 'http_4xx' } });
    expect(missing?.error?.message).toContain('404');

    // The story is found first for its key phrase.
    const search = await api<{ total: number; hits: { id: string; title: string; url: string; publishedAt: string; language: string; snippet: string }[] }>(
      pipeline.apiUrl,
      `/search?q=${encodeURIComponent('friendship unbreakable')}`,
    );
    expect(search.status).toBe(200);
    expect(search.body.total).toBeGreaterThanOrEqual(1);
    const top = search.body.hits[0]!;
    expect(top.url).toBe(site.url(storyPath));
    expect(top.title).toBe('Kim at Meeting With Xi Says North Korean-Chinese Friendship Unbreakable - State Media');
    expect(top.publishedAt.slice(0, 10)).toBe('2025-09-05');
    expect(top.language).toBe('eng');
    expect(top.snippet).toContain('<mark>');

    // The stored document has the article and none of the page furniture.
    const article = await api<{ body: string; title: string; language: string; domain: string; siteName?: string; canonicalUrl?: string }>(pipeline.apiUrl, `/articles/${top.id}`);
    expect(article.status).toBe(200);
    expect(article.body.body).toContain('North Korean leader Kim Jong Un said during a meeting with Chinese President Xi Jinping');
    expect(article.body.body).toContain('Tiananmen Square');
    for (const boilerplate of ['Related stories', 'Putin Arrives in China', 'All rights reserved', 'Accept all cookies', 'Science and Tech', 'Advertisement']) {
      expect(article.body.body).not.toContain(boilerplate);
    }
    expect(article.body.body.startsWith('Kim at Meeting With Xi')).toBe(false);
    expect(article.body.siteName).toBe('Sputnik Globe');
    expect(article.body.canonicalUrl).toContain('sputnikglobe.com');

    // Languages of the other demo pages.
    const german = await api<{ hits: { language: string }[] }>(pipeline.apiUrl, `/search?q=${encodeURIComponent('Bundestag Haushalt')}`);
    expect(german.body.hits[0]?.language).toBe('deu');
    const filtered = await api<{ total: number }>(pipeline.apiUrl, `/search?q=${encodeURIComponent('friendship unbreakable')}&lang=deu`);
    expect(filtered.body.total).toBe(0);

    // Re-submitting the same article (in another spelling) updates the same document.
    const spelling = site.url(storyPath).replace('127.0.0.1', '127.0.0.1') + '?utm_source=newsletter#top';
    const again = await api<{ items: SubmitItem[] }>(pipeline.apiUrl, '/urls', { body: { urls: [spelling] }, key: pipeline.apiKey });
    expect(again.body.items[0]?.id).toBe(top.id);
    await waitForOutcome(pipeline.apiUrl, top.id);
    const after = await api<{ total: number; hits: { id: string }[] }>(pipeline.apiUrl, `/search?q=${encodeURIComponent('friendship unbreakable')}`);
    expect(after.body.hits.filter((h) => h.id === top.id)).toHaveLength(1);
    expect(after.body.total).toBe(search.body.total);

    const queues = await api<{ queues: { stage: string; failed: number }[] }>(pipeline.apiUrl, '/queues');
    expect(queues.body.queues.map((q) => q.stage)).toEqual(['fetch', 'clean', 'langdetect', 'enrich', 'index']);
    expect(queues.body.queues.find((q) => q.stage === 'fetch')?.failed).toBe(1);

    // The dead-letter view groups the failure by stage and reason, with the domain and an example.
    const failures = await api<{ total: number; groups: { stage: string; code: string; retryable: boolean; count: number; domains: { domain: string }[]; examples: { url: string; message: string }[] }[] }>(
      pipeline.apiUrl,
      '/failures',
    );
    expect(failures.body.total).toBe(1);
    expect(failures.body.groups[0]).toMatchObject({ stage: 'fetch', code: 'http_4xx', retryable: false, count: 1, domains: [{ domain: site.host }] });
    expect(failures.body.groups[0]?.examples[0]?.url).toBe(site.url('/gone-404.html'));
    // Permanent failures are only retried when asked to; the retry is a new run of the same id.
    const cautious = await api<{ retried: number; skipped: number }>(pipeline.apiUrl, '/failures/retry', { body: {}, key: pipeline.apiKey });
    expect(cautious.body).toEqual({ retried: 0, skipped: 1 });
    const forced = await api<{ retried: number }>(pipeline.apiUrl, '/failures/retry', { body: { includePermanent: true }, key: pipeline.apiKey });
    expect(forced.body.retried).toBe(1);
    const retried = await waitForOutcome(pipeline.apiUrl, missing!.id);
    expect(retried).toMatchObject({ state: 'failed', error: { code: 'http_4xx' }, run: 2 });
  });

  it('gives the seed story and its German, Russian and Chinese editions the same entity ids and one story', async () => {
    // Runs after the first test, which submitted every demo page and waited for each to be indexed.
    const editions = [storyPath, '/de/2025/09/05/kim-xi-freundschaft.html', '/ru/2025/09/05/kim-si-druzhba.html', '/zh/2025/09/05/jin-xi-youyi.html'];
    const shared = ['person:kim-jong-un', 'person:xi-jinping', 'person:vladimir-putin', 'place:country:CN', 'place:country:KP', 'place:beijing'];
    const languages: string[] = [];
    const stories: Array<string | undefined> = [];
    for (const path of editions) {
      const { id } = identifyUrl(site.url(path));
      const document = await api<{ language: string; entityIds: string[]; people: string[]; story?: { id: string } }>(pipeline.apiUrl, `/articles/${id}`);
      stories.push(document.body.story?.id);
      expect(document.status, path).toBe(200);
      languages.push(document.body.language);
      expect(document.body.entityIds, `${path}: ${JSON.stringify(document.body.entityIds)}`).toEqual(expect.arrayContaining(shared));
      // Display names are the same in every language, so facets count one person once.
      expect(document.body.people).toEqual(expect.arrayContaining(['Kim Jong Un', 'Xi Jinping', 'Vladimir Putin']));
    }
    expect(languages).toEqual(['eng', 'deu', 'rus', 'cmn']);
    // …and one story across the four languages (what survives translation: entity ids, figures, names).
    expect(stories[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(stories).size).toBe(1);
    const english = identifyUrl(site.url(storyPath)).id;
    const translations = await api<{ story: string; translations: { language: string }[] }>(pipeline.apiUrl, `/articles/${english}/translations`);
    expect(translations.body.translations.map((hit) => hit.language).sort()).toEqual(['cmn', 'deu', 'rus']);
    const collapsed = await api<{ hits: { languages?: string[] }[] }>(pipeline.apiUrl, '/search?person=person:xi-jinping&collapse=story&facets=false');
    expect(collapsed.body.hits).toHaveLength(1);
    expect([...(collapsed.body.hits[0]!.languages ?? [])].sort()).toEqual(['cmn', 'deu', 'eng', 'rus']);
    // Each edition is found by an inflected form, or a word, that its text does not spell as queried.
    for (const [query, language, path] of [
      ['Пекина', 'rus', editions[2]!],
      ['Feierlichkeit', 'deu', editions[1]!],
      ['友谊', 'cmn', editions[3]!],
    ] as const) {
      const found = await api<{ hits: { url: string }[] }>(pipeline.apiUrl, `/search?q=${encodeURIComponent(query)}&lang=${language}&facets=false`);
      expect(found.body.hits.map((hit) => hit.url), `${language} ${query}`).toContain(site.url(path));
    }
    // One click on a person finds every edition, by display name or by id.
    for (const filter of ['person=Xi%20Jinping', 'person=person:xi-jinping']) {
      const found = await api<{ hits: { url: string }[] }>(pipeline.apiUrl, `/search?${filter}&size=20`);
      expect(found.body.hits.map((hit) => hit.url)).toEqual(expect.arrayContaining(editions.map((path) => site.url(path))));
    }
  });

  it('drives the pipeline from the newsflow CLI', async () => {
    const run = (args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [join(ROOT, 'packages', 'cli', 'bin', 'newsflow.js'), ...args], {
          env: { ...process.env, NEWSFLOW_API_URL: pipeline.apiUrl, NEWSFLOW_API_KEY: pipeline.apiKey, ...env },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('exit', (code) => resolve({ code, stdout, stderr }));
      });
    const enqueued = await run(['enqueue', '--wait', site.url('/2025/10/14/reforme-retraites.html'), site.url('/no-such-page.html')]);
    expect(enqueued.stdout).toMatch(/indexed\s+1/);
    expect(enqueued.stdout).toMatch(/failed: http_4xx\s+1/);
    expect(enqueued.code).toBe(1);
    const found = await run(['search', 'retraites calendrier', '--lang', 'fra', '--json']);
    expect(found.code).toBe(0);
    expect((JSON.parse(found.stdout) as { hits: { url: string }[] }).hits[0]?.url).toBe(site.url('/2025/10/14/reforme-retraites.html'));
    const traced = await run(['trace', site.url('/2025/10/14/reforme-retraites.html')]);
    expect(traced.stdout).toMatch(/done at index/);
    expect(traced.stdout).toMatch(/indexed: "Réforme des retraites/);
    const status = await run(['status']);
    expect(status.stdout).toMatch(/^stage\s+waiting\s+active/m);
    const reindexed = await run(['reindex']);
    expect(reindexed.stdout).toMatch(new RegExp(`copied \\d+ documents from ${pipeline.alias}-v1 to ${pipeline.alias}-v2`));
    const stillFound = await run(['search', 'retraites calendrier', '--json']);
    expect((JSON.parse(stillFound.stdout) as { total: number }).total).toBe(1);
    const noKey = await run(['enqueue', site.url('/')], { NEWSFLOW_API_KEY: '' });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('API key');
  });

  it('exposes Prometheus metrics and health on the API and on every worker', async () => {
    const apiMetrics = await (await fetch(`${pipeline.apiUrl}/metrics`)).text();
    expect(apiMetrics).toMatch(/newsflow_queue_jobs\{[^}]*stage="fetch"[^}]*state="failed"[^}]*\} [1-9]/);
    expect(apiMetrics).toContain('newsflow_process_resident_memory_bytes');
    const cleaner = await (await fetch(`${pipeline.healthUrls.cleaner}/metrics`)).text();
    expect(cleaner).toMatch(/newsflow_stage_jobs_total\{[^}]*stage="clean"[^}]*outcome="completed"[^}]*\} [1-9]/);
    expect(cleaner).toMatch(/newsflow_stage_duration_seconds_bucket\{/);
    const fetcher = await (await fetch(`${pipeline.healthUrls.fetcher}/metrics`)).text();
    expect(fetcher).toMatch(/newsflow_stage_failures_total\{[^}]*stage="fetch"[^}]*code="http_4xx"[^}]*\} [1-9]/);
    const indexer = await (await fetch(`${pipeline.healthUrls.indexer}/metrics`)).text();
    expect(indexer).toMatch(/newsflow_es_bulk_documents_total\{[^}]*\} [1-9]/);
    for (const url of Object.values(pipeline.healthUrls)) {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect((await fetch(`${url}/readyz`)).status).toBe(200);
    }
  });

  it('rejects malformed requests with a JSON error', async () => {
    const bad = await api<{ error: string; message: string }>(pipeline.apiUrl, '/urls', { body: '{"urls": [', key: pipeline.apiKey });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('invalid_request');
    const empty = await api<{ error: string }>(pipeline.apiUrl, '/urls', { body: { urls: [] }, key: pipeline.apiKey });
    expect(empty.status).toBe(400);
    const unknown = await api<{ error: string }>(pipeline.apiUrl, `/urls/${'0'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    const notId = await api<{ error: string }>(pipeline.apiUrl, '/urls/xyz');
    expect(notId.status).toBe(400);
  });
});
