/** Metadata helpers shared by the extractor: dates, titles, JSON-LD. */

const MIN_YEAR = 1990;

/** Parses a date-ish string to ISO 8601; rejects impossible dates (before 1990, in the future). */
export function normalizeDate(value: string | undefined | null, now: Date = new Date()): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  const ms = Date.parse(trimmed);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms);
  if (date.getUTCFullYear() < MIN_YEAR) return undefined;
  // A day of slack for time zones and clock skew.
  if (ms > now.getTime() + 86_400_000) return undefined;
  return date.toISOString();
}

/** A date from a URL path such as /2025/09/05/ or /20250905/. */
export function dateFromUrl(url: string, now: Date = new Date()): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /\/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:\/|-|$)/.exec(path) ?? /\/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\/|-|$)/.exec(path);
  if (!match) return undefined;
  return normalizeDate(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`, now);
}

const TITLE_SEPARATORS = [' | ', ' - ', ' — ', ' – ', ' :: ', ' · ', ' « ', ' » '];

/**
 * Removes a site-name suffix or prefix from a title ("Story - Site" → "Story") when the removed
 * part looks like a site name: it matches the site name or domain, or it is short.
 */
export function cleanTitle(title: string, siteName: string | undefined, domain: string | undefined): string {
  const full = title.replace(/\s+/g, ' ').trim();
  const needles = [siteName, domain?.split('.').slice(-2, -1)[0]].filter((x): x is string => Boolean(x)).map((x) => x.toLowerCase());
  for (const separator of TITLE_SEPARATORS) {
    const index = full.lastIndexOf(separator);
    if (index <= 0) continue;
    const head = full.slice(0, index).trim();
    const tail = full.slice(index + separator.length).trim();
    const tailLower = tail.toLowerCase().replace(/\s+/g, '');
    if (needles.some((n) => tailLower.includes(n.replace(/\s+/g, '')))) return head;
    const first = full.indexOf(separator);
    const lead = full.slice(0, first).trim();
    if (needles.some((n) => lead.toLowerCase().replace(/\s+/g, '').includes(n.replace(/\s+/g, '')))) return full.slice(first + separator.length).trim();
  }
  return full;
}

export interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  dateModified?: string;
  authors: string[];
  section?: string;
  keywords: string[];
  publisher?: string;
  image?: string;
}

const ARTICLE_TYPES = /(?:^|\b)(NewsArticle|Article|ReportageNewsArticle|BlogPosting|AnalysisNewsArticle|OpinionNewsArticle|Report|LiveBlogPosting|ScholarlyArticle|BackgroundNewsArticle)$/;

/** Finds the first Article-like object in JSON-LD blocks, however nested (@graph, arrays). */
export function parseJsonLd(blocks: string[]): JsonLdArticle | undefined {
  for (const block of blocks) {
    let data: unknown;
    try {
      data = JSON.parse(block.trim());
    } catch {
      continue;
    }
    const found = findArticle(data, 0);
    if (found) return found;
  }
  return undefined;
}

function asStrings(value: unknown): string[] {
  if (value == null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(asStrings);
  if (typeof value === 'object') {
    const name = (value as { name?: unknown }).name;
    return typeof name === 'string' ? [name] : [];
  }
  return [];
}

function findArticle(node: unknown, depth: number): JsonLdArticle | undefined {
  if (depth > 6 || node == null || typeof node !== 'object') return undefined;
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findArticle(item, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  const record = node as Record<string, unknown>;
  const types = asStrings(record['@type']);
  if (types.some((t) => ARTICLE_TYPES.test(t))) {
    const image = record.image;
    return {
      headline: typeof record.headline === 'string' ? record.headline : undefined,
      datePublished: typeof record.datePublished === 'string' ? record.datePublished : undefined,
      dateModified: typeof record.dateModified === 'string' ? record.dateModified : undefined,
      authors: asStrings(record.author),
      section: asStrings(record.articleSection)[0],
      keywords: typeof record.keywords === 'string' ? record.keywords.split(',').map((k) => k.trim()).filter(Boolean) : asStrings(record.keywords),
      publisher: asStrings(record.publisher)[0],
      image: typeof image === 'string' ? image : typeof image === 'object' && image ? asStrings((image as { url?: unknown }).url)[0] : undefined,
    };
  }
  if (record['@graph']) return findArticle(record['@graph'], depth + 1);
  return undefined;
}

/** "By Jane Doe and John Roe, Staff Writer" → ["Jane Doe", "John Roe"]. */
export function cleanAuthors(raw: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    for (const part of entry.split(/\s*(?:,|;|\band\b|\bund\b|&|\|)\s*/i)) {
      const name = part
        .replace(/^\s*(?:by|von|par|por|di|door)\s+/i, '')
        .replace(/\s+/g, ' ')
        .trim();
      if (!name || name.length > 80 || /\d{4}|https?:|@/.test(name)) continue;
      if (/^(staff|staff writer|editor|reporter|correspondent|redaktion|admin)$/i.test(name)) continue;
      const key = name.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        out.push(name);
      }
    }
  }
  return out;
}
