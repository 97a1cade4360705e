import type { DiscoveryErrorCode } from '@newsflow/contracts';

/** One article a source lists, with the metadata the source gives for it. */
export interface DiscoveredEntry {
  url: string;
  title?: string;
  /** ISO date-time. */
  publishedAt?: string;
  /** ISO date-time of the last edit (Atom <updated>, sitemap <lastmod>). */
  modifiedAt?: string;
  authors: string[];
  categories: string[];
}

export type SourceFormat = 'rss' | 'atom' | 'rdf' | 'jsonfeed' | 'sitemap' | 'sitemapindex' | 'urllist';

export interface ChildSitemap {
  url: string;
  lastmod?: string;
}

export interface ParsedSource {
  format: SourceFormat;
  /** Feed or channel title, when the source names itself. */
  title?: string;
  entries: DiscoveredEntry[];
  /** Sitemap indexes list further sitemaps instead of articles. */
  sitemaps: ChildSitemap[];
}

export interface ParseLimits {
  /** More entries than this in one document is an error rather than unbounded memory. */
  maxEntries: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = Object.freeze({ maxEntries: 50_000 });

/** A document that was fetched but cannot be used; the code is what the source's status shows. */
export class DiscoveryError extends Error {
  constructor(
    readonly code: DiscoveryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DiscoveryError';
  }
}

/** Longest text kept per field: titles and names, never article bodies. */
export const MAX_FIELD_CHARS = 1_000;

/** Any date a feed may carry (RFC 822, ISO 8601, a bare day) → ISO date-time, or undefined. */
export function toIsoDate(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const value = raw.trim();
  if (!value) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return undefined;
  const year = new Date(ms).getUTCFullYear();
  // Years outside this range are typos or placeholders (0001-01-01), not publication dates.
  if (year < 1990 || year > 2200) return undefined;
  return new Date(ms).toISOString();
}

export function clean(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed ? collapsed.slice(0, MAX_FIELD_CHARS) : undefined;
}
