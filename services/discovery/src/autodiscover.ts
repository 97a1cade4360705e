import { Parser } from 'htmlparser2';
import robotsParser from 'robots-parser';
import { StageFailure } from '@newsflow/contracts';
import type { HttpFetch } from '@newsflow/fetcher';
import { DiscoveryError, parseSource, type SourceFormat } from './parse/index';

export interface DiscoveredSource {
  url: string;
  format: SourceFormat;
  title?: string;
  /** Articles (or child sitemaps) it lists right now. */
  entries: number;
  /** How it was found. */
  via: 'link' | 'robots' | 'common-path';
}

export interface AutodiscoveryResult {
  site: string;
  feeds: DiscoveredSource[];
  sitemaps: DiscoveredSource[];
  /** Candidates that were found but could not be used, with the reason. */
  rejected: { url: string; via: DiscoveredSource['via']; code: string; message: string }[];
}

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/feed+json', 'application/json', 'text/xml', 'application/xml']);
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/feed.xml', '/atom.xml', '/index.xml', '/feed.json'];
export const COMMON_SITEMAP_PATHS = ['/sitemap.xml', '/sitemap_index.xml', '/news-sitemap.xml', '/sitemap-news.xml'];

/** Feed URLs a page announces with <link rel="alternate" type="application/rss+xml" href>. */
export function feedLinksIn(html: string, pageUrl: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attributes) {
      if (name !== 'link') return;
      const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
      const type = (attributes.type ?? '').toLowerCase().split(';')[0]!.trim();
      if (!rel.includes('alternate') || !FEED_TYPES.has(type) || !attributes.href) return;
      try {
        const url = new URL(attributes.href, pageUrl);
        if ((url.protocol === 'http:' || url.protocol === 'https:') && !found.includes(url.href)) found.push(url.href);
      } catch {
        // a broken href is no feed
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

function codeOf(error: unknown): { code: string; message: string } {
  if (error instanceof StageFailure || error instanceof DiscoveryError) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Finds a site's feeds and sitemaps: <link rel="alternate"> on the home page, Sitemap: lines in
 * robots.txt, and — only where those announce nothing — a few common paths. Every candidate is
 * fetched and parsed, so what is returned is known to work.
 */
export async function autodiscover(siteUrl: string, http: HttpFetch, options: { maxCandidates?: number } = {}): Promise<AutodiscoveryResult> {
  const home = await http(siteUrl);
  const base = home.finalUrl;
  const linked = feedLinksIn(home.body.toString('utf8'), base);
  let fromRobots: string[] = [];
  try {
    const robotsUrl = new URL('/robots.txt', base).href;
    const robots = await http(robotsUrl, { contentTypes: null, maxBytes: 512 * 1024, truncate: true });
    if (robots.status === 200) fromRobots = robotsParser(robotsUrl, robots.body.toString('utf8')).getSitemaps();
  } catch {
    // No robots.txt: fall back to common paths.
  }
  const candidates: { url: string; via: DiscoveredSource['via'] }[] = [
    ...linked.map((url) => ({ url, via: 'link' as const })),
    ...fromRobots.map((url) => ({ url, via: 'robots' as const })),
    ...(linked.length ? [] : COMMON_FEED_PATHS.map((path) => ({ url: new URL(path, base).href, via: 'common-path' as const }))),
    ...(fromRobots.length ? [] : COMMON_SITEMAP_PATHS.map((path) => ({ url: new URL(path, base).href, via: 'common-path' as const }))),
  ].slice(0, options.maxCandidates ?? 30);

  const result: AutodiscoveryResult = { site: base, feeds: [], sitemaps: [], rejected: [] };
  const seen = new Set<string>();
  for (const candidate of candidates) {
    try {
      const page = await http(candidate.url, { contentTypes: null });
      if (seen.has(page.finalUrl)) continue;
      seen.add(page.finalUrl);
      const parsed = parseSource(page.body, page.headers['content-type'], page.finalUrl);
      if (parsed.format === 'urllist') throw new DiscoveryError('unrecognized_format', 'not a feed or sitemap');
      const found: DiscoveredSource = {
        url: candidate.url,
        format: parsed.format,
        ...(parsed.title ? { title: parsed.title } : {}),
        entries: parsed.entries.length + parsed.sitemaps.length,
        via: candidate.via,
      };
      (parsed.format === 'sitemap' || parsed.format === 'sitemapindex' ? result.sitemaps : result.feeds).push(found);
    } catch (error) {
      // Guessed paths that do not exist are expected; only report what the site announced.
      if (candidate.via !== 'common-path') result.rejected.push({ url: candidate.url, via: candidate.via, ...codeOf(error) });
    }
  }
  return result;
}
