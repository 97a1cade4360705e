import { InvalidUrlError, StageFailure, normalizeUrl, type SubmissionHints } from '@newsflow/contracts';
import type { FetchedPage, HttpFetch } from '@newsflow/fetcher';
import { DiscoveryError, parseSource, type DiscoveredEntry, type ParseLimits, type ParsedSource } from '../parse/index';
import type { LastPoll, SeenCandidate, SourceRecord, SourceRegistry, Validators } from './registry';

/** What the poller needs from the pipeline: submit one URL with its feed metadata. */
export type SubmitUrl = (url: string, hints: SubmissionHints) => Promise<'accepted' | 'in_flight' | 'rejected'>;

export interface PollSettings {
  /** Longest a poll may hold a source's lock (a dead poller's lock expires after this). */
  lockTtlMs: number;
  /** Child sitemaps read per poll of a sitemap index. */
  maxChildSitemaps: number;
  /** Longest pause after repeated failures. */
  maxBackoffMs: number;
  /** Submissions in flight at once. */
  submitConcurrency: number;
  parse: ParseLimits;
  /** Media types sent as Accept for feeds. */
  accept: string;
}

export const DEFAULT_POLL_SETTINGS: PollSettings = Object.freeze({
  lockTtlMs: 5 * 60_000,
  maxChildSitemaps: 50,
  maxBackoffMs: 24 * 3_600_000,
  submitConcurrency: 16,
  parse: { maxEntries: 50_000 },
  accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/plain;q=0.7, text/csv;q=0.7, */*;q=0.5',
});

export interface PollSourceDeps {
  registry: SourceRegistry;
  http: HttpFetch;
  submit: SubmitUrl;
  now: () => Date;
  settings: PollSettings;
}

export type PollReport =
  | { sourceId: string; outcome: 'missing' | 'paused' | 'locked' }
  | ({ sourceId: string } & LastPoll & { error?: { code: string; message: string } });

interface Collected {
  parsed: ParsedSource;
  entries: DiscoveredEntry[];
  notModified: boolean;
}

function conditionalHeaders(validators: Validators): Record<string, string> {
  return {
    ...(validators.etag ? { 'if-none-match': validators.etag } : {}),
    ...(validators.lastModified ? { 'if-modified-since': validators.lastModified } : {}),
  };
}

function hintsFor(entry: DiscoveredEntry, source: SourceRecord): SubmissionHints {
  return {
    ...(entry.title ? { title: entry.title } : {}),
    ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
    ...(entry.authors.length ? { authors: entry.authors } : {}),
    ...(entry.categories.length ? { categories: entry.categories } : {}),
    source: (source.name ?? source.title ?? source.url).slice(0, 200),
  };
}

async function mapConcurrent<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Polls one source: conditional GET, parse whatever it turns out to be (feed, sitemap, sitemap
 * index, URL list), submit the entries this source has not listed before, remember them, and
 * record the outcome. A failing source is not retried by BullMQ: its next scheduled polls are
 * skipped for an exponentially growing time instead.
 */
export function createSourcePoller(deps: PollSourceDeps): (sourceId: string) => Promise<PollReport> {
  const { registry, http, settings } = deps;

  const fetchDocument = async (source: SourceRecord, url: string, lastmod?: string): Promise<{ page: FetchedPage | null; validators: Validators }> => {
    const known = await registry.validators(source.id, url);
    // The index says this child sitemap has not changed since we read it: skip the request.
    if (lastmod && known.lastmod && lastmod <= known.lastmod) return { page: null, validators: known };
    const page = await http(url, { headers: conditionalHeaders(known), accept: settings.accept, contentTypes: null });
    const validators: Validators = {
      ...(page.headers.etag ? { etag: page.headers.etag } : known.etag && page.status === 304 ? { etag: known.etag } : {}),
      ...(page.headers['last-modified'] ? { lastModified: page.headers['last-modified'] } : known.lastModified && page.status === 304 ? { lastModified: known.lastModified } : {}),
      ...(lastmod ? { lastmod } : {}),
    };
    return { page: page.status === 304 ? null : page, validators };
  };

  const collect = async (source: SourceRecord): Promise<Collected> => {
    const root = await fetchDocument(source, source.url);
    if (!root.page) return { parsed: { format: (source.format ?? 'rss') as ParsedSource['format'], entries: [], sitemaps: [] }, entries: [], notModified: true };
    const parsed = parseSource(root.page.body, root.page.headers['content-type'], root.page.finalUrl, settings.parse);
    const entries = [...parsed.entries];
    const childValidators: { url: string; validators: Validators }[] = [];
    for (const child of parsed.sitemaps.slice(0, settings.maxChildSitemaps)) {
      const fetched = await fetchDocument(source, child.url, child.lastmod);
      if (fetched.page) {
        const childParsed = parseSource(fetched.page.body, fetched.page.headers['content-type'], fetched.page.finalUrl, settings.parse);
        entries.push(...childParsed.entries);
        if (entries.length > settings.parse.maxEntries) throw new DiscoveryError('too_many_entries', `the sitemap index lists more than ${settings.parse.maxEntries} URLs`);
      }
      childValidators.push({ url: child.url, validators: fetched.validators });
    }
    // Validators are saved only after every document was read, so a poll that fails half-way
    // reads everything again next time instead of trusting a 304 for what it never processed.
    await registry.saveValidators(source.id, source.url, root.validators);
    for (const { url, validators } of childValidators) await registry.saveValidators(source.id, url, validators);
    return { parsed, entries, notModified: false };
  };

  const submitNew = async (source: SourceRecord, entries: DiscoveredEntry[]): Promise<{ submitted: number; rejected: number }> => {
    // One entry per normalised URL: the first listing wins (feeds repeat items, and list one
    // article under several spellings: tracking parameters, fragments, host case).
    const byUrl = new Map<string, DiscoveredEntry>();
    let invalid = 0;
    for (const entry of entries) {
      let url: string;
      try {
        url = normalizeUrl(entry.url);
      } catch (error) {
        if (!(error instanceof InvalidUrlError)) throw error;
        invalid++;
        continue;
      }
      if (!byUrl.has(url)) byUrl.set(url, { ...entry, url });
    }
    const unique = [...byUrl.values()];
    const candidates: SeenCandidate[] = unique.map((e) => ({ url: e.url, stamp: e.modifiedAt ?? e.publishedAt ?? '' }));
    const fresh = await registry.unseen(source.id, candidates, source.refetchUpdated);
    const firstPoll = !source.lastSuccessAt;
    if (firstPoll && !source.backfill) {
      await registry.markSeen(source.id, fresh.map((i) => candidates[i]!));
      return { submitted: 0, rejected: invalid };
    }
    let submitted = 0;
    let rejected = invalid;
    const batch = 500;
    for (let start = 0; start < fresh.length; start += batch) {
      const indexes = fresh.slice(start, start + batch);
      const outcomes = await mapConcurrent(indexes, settings.submitConcurrency, (i) => deps.submit(unique[i]!.url, hintsFor(unique[i]!, source)));
      for (const outcome of outcomes) {
        if (outcome === 'accepted') submitted++;
        else if (outcome === 'rejected') rejected++;
      }
      await registry.markSeen(source.id, indexes.map((i) => candidates[i]!));
    }
    return { submitted, rejected };
  };

  return async (sourceId) => {
    const started = performance.now();
    const source = await registry.get(sourceId);
    if (!source) return { sourceId, outcome: 'missing' };
    if (source.state === 'paused') return { sourceId, outcome: 'paused' };
    const at = deps.now();
    if (source.backoffUntil && Date.parse(source.backoffUntil) > at.getTime()) {
      const poll: LastPoll = { at: at.toISOString(), outcome: 'skipped_backoff', durationMs: 0, listed: 0, submitted: 0, rejected: 0 };
      await registry.recordSkip(sourceId, poll);
      return { sourceId, ...poll };
    }
    const release = await registry.lock(sourceId, settings.lockTtlMs);
    if (!release) return { sourceId, outcome: 'locked' };
    try {
      const collected = await collect(source);
      const { submitted, rejected } = collected.notModified ? { submitted: 0, rejected: 0 } : await submitNew(source, collected.entries);
      const newest = collected.entries.reduce<string | undefined>((max, e) => (e.publishedAt && (!max || e.publishedAt > max) ? e.publishedAt : max), source.watermark);
      const poll: LastPoll = {
        at: at.toISOString(),
        outcome: collected.notModified ? 'not_modified' : submitted > 0 ? 'new_items' : 'no_new_items',
        durationMs: Math.round(performance.now() - started),
        listed: collected.entries.length,
        submitted,
        rejected,
      };
      await registry.recordSuccess(sourceId, poll, {
        ...(collected.notModified ? {} : { format: collected.parsed.format }),
        ...(collected.parsed.title ? { title: collected.parsed.title } : {}),
        ...(newest ? { watermark: newest } : {}),
      });
      return { sourceId, ...poll };
    } catch (error) {
      const coded =
        error instanceof StageFailure || error instanceof DiscoveryError
          ? { code: error.code, message: error.message }
          : { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
      const failures = source.consecutiveFailures + 1;
      const intervalMs = source.intervalSeconds * 1000;
      // After n failures in a row, 2^(n-1) - 1 scheduled polls are skipped (0, 1, 3, 7, ...,
      // capped); the half interval keeps the next due poll clear of scheduling jitter.
      const waitMs = Math.min(intervalMs * (2 ** (failures - 1) - 0.5), settings.maxBackoffMs);
      const poll: LastPoll = { at: at.toISOString(), outcome: 'failed', durationMs: Math.round(performance.now() - started), listed: 0, submitted: 0, rejected: 0 };
      await registry.recordFailure(sourceId, poll, { ...coded, at: at.toISOString() }, new Date(at.getTime() + waitMs));
      return { sourceId, ...poll, error: coded };
    } finally {
      await release();
    }
  };
}
