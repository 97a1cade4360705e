import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StageFailure, type CleanJob } from '@newsflow/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createCleanStage } from './clean-stage';
import { decodePage } from './decode';
import { extractArticle } from './extract/index';

const here = path.dirname(fileURLToPath(import.meta.url));

function job(overrides: Partial<CleanJob> = {}): CleanJob {
  return {
    docId: '0123456789abcdef0123456789abcdef',
    run: 1,
    url: 'https://news.example/story',
    submittedAt: '2025-09-05T10:00:00Z',
    fetch: {
      finalUrl: 'https://news.example/story',
      status: 200,
      fetchedAt: '2025-09-05T10:00:01Z',
      contentType: 'text/html; charset=utf-8',
      redirects: 0,
      bytes: 1000,
      htmlRef: 'html:story',
      charset: 'utf-8',
    },
    ...overrides,
  };
}

const context = { logger: pino({ enabled: false }), attempt: 1 };
const stageFor = (html: string | null) => {
  const stage = createCleanStage({ loadHtml: async () => html, extract: extractArticle });
  return (input: CleanJob) => stage(input, context);
};

/** Runs the stage; a StageFailure is an accepted outcome, any other error is not. */
async function outcome(html: string): Promise<'article' | string> {
  try {
    await stageFor(html)(job());
    return 'article';
  } catch (error) {
    if (error instanceof StageFailure) return error.code;
    throw error;
  }
}

const paragraph = 'The council met on Tuesday to discuss the harbour plans, and members agreed to publish the full report next week. ';

describe('clean stage', () => {
  it('returns the article with its metadata and fills gaps from feed hints', async () => {
    const html = `<html><head><title>Harbour plans</title></head><body><article><h1>Harbour plans</h1><p>${paragraph.repeat(4)}</p></article></body></html>`;
    const out = await stageFor(html)(job({ hints: { authors: ['Feed Author'], publishedAt: '2025-09-04T08:00:00Z' } }));
    expect(out.article.title).toBe('Harbour plans');
    expect(out.article.body).toContain('The council met on Tuesday');
    expect(out.article.authors).toEqual(['Feed Author']);
    expect(out.article.publishedAt).toBe('2025-09-04T08:00:00Z');
  });

  it('fails an index page with not_article', async () => {
    const html = readFileSync(path.join(here, 'extract', 'fixtures', 'index-page.html'), 'utf8');
    await expect(stageFor(html)(job())).rejects.toMatchObject({ code: 'not_article' });
  });

  it('fails a page with no text with empty_article, and an expired page with payload_expired', async () => {
    await expect(stageFor('<html><body><div></div></body></html>')(job())).rejects.toMatchObject({ code: 'empty_article' });
    await expect(stageFor(null)(job())).rejects.toMatchObject({ code: 'payload_expired' });
  });

  it('fails a page with only a short teaser with not_article', async () => {
    await expect(stageFor('<html><body><p>Watch the video of the harbour opening.</p></body></html>')(job())).rejects.toMatchObject({ code: 'not_article' });
  });
});

describe('hostile input ends in an article or a coded failure', () => {
  it('malformed HTML: unclosed and misnested tags, stray closes, broken attributes', async () => {
    const html = `<html><body><div><p>${paragraph}<b><i>${paragraph}</b></i></div></span></td><p class="x ${paragraph}</p><table><tr><td>${paragraph}<div></table><p>${paragraph}`;
    expect(await outcome(html)).toBe('article');
  });

  it('a 5 MB page', async () => {
    const block = `<div class="row"><p>${paragraph}</p><a href="/x">link</a></div>\n`;
    const html = `<html><body><main>${block.repeat(Math.ceil((5 * 1024 * 1024) / block.length))}</main></body></html>`;
    expect(html.length).toBeGreaterThanOrEqual(5 * 1024 * 1024);
    expect(await outcome(html)).toBe('article');
  });

  it('deeply nested markup (100,000 levels)', async () => {
    const depth = 100_000;
    const html = `<html><body>${'<div><span>'.repeat(depth)}<p>${paragraph.repeat(3)}</p>${'</span></div>'.repeat(depth)}</body></html>`;
    expect(await outcome(html)).toBe('article');
  });

  it('binary junk is never taken for an article', async () => {
    // Deterministic junk (a linear congruential generator), so the test always sees the same bytes.
    for (const seed of [1, 2, 3, 4, 5]) {
      let state = seed;
      const bytes = Buffer.alloc(256 * 1024);
      for (let i = 0; i < bytes.length; i++) {
        state = (state * 1103515245 + 12345) >>> 0;
        bytes[i] = state >>> 24;
      }
      expect(['not_article', 'empty_article']).toContain(await outcome(decodePage(bytes).text));
    }
  });

  it('an empty document', async () => {
    expect(await outcome('')).toBe('empty_article');
  });
});

describe('feed hints', () => {
  const page = (head: string, body: string): string =>
    `<!doctype html><html lang="en"><head><title>Harbour board approves ferry plan</title>${head}</head><body><article><h1>Harbour board approves ferry plan</h1>${body}${'<p>The harbour board voted on Tuesday to approve a new ferry timetable after months of consultation with residents, fishermen and the regional transport authority, who had asked for more frequent crossings in winter.</p>'.repeat(4)}</article></body></html>`;
  const hints = { publishedAt: '2025-09-03T08:00:00.000Z', categories: ['Transport', 'Local'], authors: ['Feed Author'], title: 'Feed title' };

  it("lets a feed's date beat a date guessed from the page, but not one the page declares", async () => {
    // A date only in the URL path is a guess.
    const datedUrl = (extra: Partial<CleanJob> = {}): CleanJob => {
      const base = job(extra);
      return { ...base, fetch: { ...base.fetch, finalUrl: 'https://news.example/2025/09/01/harbour-ferry-plan' } };
    };
    const alone = await stageFor(page('', ''))(datedUrl());
    expect(alone.article.publishedAt?.slice(0, 10)).toBe('2025-09-01');
    const guessed = await stageFor(page('', ''))(datedUrl({ hints }));
    expect(guessed.article.publishedAt).toBe('2025-09-03T08:00:00.000Z');
    const declared = await stageFor(page('<meta property="article:published_time" content="2025-09-02T10:00:00Z">', ''))(job({ hints }));
    expect(declared.article.publishedAt?.slice(0, 10)).toBe('2025-09-02');
    const none = await stageFor(page('', ''))(job({ hints }));
    expect(none.article.publishedAt).toBe('2025-09-03T08:00:00.000Z');
  });

  it('fills tags and authors from the feed when the page has none', async () => {
    const result = await stageFor(page('', ''))(job({ hints }));
    expect(result.article.tags).toEqual(['Transport', 'Local']);
    expect(result.article.authors).toEqual(['Feed Author']);
    expect(result.article.title).toBe('Harbour board approves ferry plan');
  });
});
