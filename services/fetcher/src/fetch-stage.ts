import { StageDeferral, StageFailure, StageSkip, type CleanJob, type FetchJob } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';
import { checkUrl, mediaTypeOf, type HttpFetch } from './http-fetch';
import { decodeHtml, looksBinary } from './decode';
import { checkPage } from './page-checks';
import type { HostGate } from './politeness';
import type { RobotsVerdict } from './robots';
import type { ValidatorStore } from './validators';

export interface PolitenessSettings {
  /** Least time between two requests to one host, whatever robots.txt says. */
  minSpacingMs: number;
  /** Crawl-delay values above this are clamped (a hostile robots.txt could say a year). */
  maxCrawlDelayMs: number;
  /** Back-off for a 429/503 without a usable Retry-After. */
  defaultRetryAfterMs: number;
  /** Retry-After values above this are clamped. */
  maxRetryAfterMs: number;
  maxUrlLength: number;
}

export interface FetchStageDeps {
  http: HttpFetch;
  robots: { check: (url: URL) => Promise<RobotsVerdict> };
  gate: HostGate;
  validators: ValidatorStore;
  storeHtml: (docId: string, run: number, html: string) => Promise<string>;
  settings: PolitenessSettings;
  now: () => Date;
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/**
 * fetch: URL → stored page + response facts for the cleaner. In order: URL sanity, robots.txt,
 * a per-host slot (or a deferral that frees the worker), a conditional GET through the guarded
 * HTTP layer, then checks that the 200 really is the article (bot wall, soft 404, paywall).
 */
export function createFetchStage(deps: FetchStageDeps): StageHandler<'fetch'> {
  const { settings } = deps;
  return async (input: FetchJob): Promise<CleanJob> => {
    const url = checkUrl(input.url, settings.maxUrlLength);
    const robots = await deps.robots.check(url);
    if (!robots.allowed) throw new StageFailure('robots_disallowed', `robots.txt of ${url.host} disallows ${url.pathname}`);
    const spacingMs = clamp(robots.crawlDelayMs, settings.minSpacingMs, Math.max(settings.maxCrawlDelayMs, settings.minSpacingMs));
    const slot = await deps.gate.acquire(url.host, spacingMs);
    if ('waitMs' in slot) throw new StageDeferral(slot.waitMs, `politeness: ${url.host} is busy or was contacted recently`);

    const known = await deps.validators.get(input.docId);
    const conditional: Record<string, string> = {};
    if (known?.etag) conditional['if-none-match'] = known.etag;
    if (known?.lastModified) conditional['if-modified-since'] = known.lastModified;
    let page;
    try {
      page = await deps.http(url.href, {
        headers: conditional,
        beforeRedirect: async (next) => {
          if (next.origin === url.origin) return;
          const verdict = await deps.robots.check(next);
          if (!verdict.allowed) throw new StageFailure('robots_disallowed', `robots.txt of ${next.host} disallows the redirect target ${next.pathname}`);
        },
      });
    } catch (error) {
      if (error instanceof StageFailure && error.code === 'rate_limited') {
        const backOffMs = clamp(error.retryAfterMs ?? settings.defaultRetryAfterMs, settings.minSpacingMs, settings.maxRetryAfterMs);
        await deps.gate.pushBack(url.host, backOffMs);
        throw new StageFailure('rate_limited', error.message, { retryAfterMs: backOffMs });
      }
      throw error;
    } finally {
      await deps.gate.release(url.host, slot.lease);
    }
    if (page.status === 304) throw new StageSkip('not_modified');

    const contentType = page.headers['content-type'];
    if (mediaTypeOf(contentType) === null && looksBinary(page.body)) throw new StageFailure('not_html', 'the response has no content type and is binary');
    const { text, charset } = decodeHtml(page.body, contentType);
    const verdict = checkPage({ requestedUrl: url.href, finalUrl: page.finalUrl, headers: page.headers, html: text });
    if (verdict) throw new StageFailure(verdict.code, verdict.reason);

    const etag = page.headers.etag?.slice(0, 500);
    const lastModified = page.headers['last-modified']?.slice(0, 100);
    await deps.validators.put(input.docId, { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) });
    const htmlRef = await deps.storeHtml(input.docId, input.run, text);
    return {
      ...input,
      fetch: {
        finalUrl: page.finalUrl,
        status: page.status,
        fetchedAt: deps.now().toISOString(),
        contentType: (contentType ?? '').slice(0, 300),
        ...(page.headers['content-language'] ? { contentLanguage: page.headers['content-language'].slice(0, 100) } : {}),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
        redirects: page.redirects,
        bytes: page.body.length,
        htmlRef,
        charset,
      },
    };
  };
}
