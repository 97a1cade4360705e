import { parse as parseCsv } from 'csv-parse/sync';
import { parseXmlSource } from './xml-source';
import {
  DEFAULT_PARSE_LIMITS,
  DiscoveryError,
  clean,
  toIsoDate,
  type DiscoveredEntry,
  type ParseLimits,
  type ParsedSource,
} from './types';

export * from './types';
export { parseXmlSource } from './xml-source';

/** Bytes decoded per step, so that a large document is never held twice as one string. */
const DECODE_CHUNK_BYTES = 256 * 1024;

function charsetFor(body: Buffer, contentType: string | undefined): string {
  const declared = /charset="?([\w-]+)/i.exec(contentType ?? '')?.[1];
  if (declared) return declared;
  const xmlDeclaration = /^\s*<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'));
  return xmlDeclaration?.[1] ?? 'utf-8';
}

function* decodeInChunks(body: Buffer, charset: string): Generator<string> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  for (let offset = 0; offset < body.length; offset += DECODE_CHUNK_BYTES) {
    yield decoder.decode(body.subarray(offset, offset + DECODE_CHUNK_BYTES), { stream: true });
  }
  yield decoder.decode();
}

function httpUrl(raw: unknown, base: string): string | undefined {
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function stringList(raw: unknown): string[] {
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,;|]/) : [];
  return values.map((v) => (typeof v === 'string' ? clean(v) : undefined)).filter((v): v is string => Boolean(v)).slice(0, 50);
}

/** A record with loosely named fields (URL-list CSV columns, NDJSON lines) → entry. */
function entryFromRecord(record: Record<string, unknown>, base: string): DiscoveredEntry | undefined {
  const lower: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) lower[key.trim().toLowerCase()] = value;
  const url = httpUrl(lower.url ?? lower.link ?? lower.loc, base);
  if (!url) return undefined;
  const title = typeof lower.title === 'string' ? clean(lower.title) : undefined;
  const date = lower.publishedat ?? lower.published ?? lower.date ?? lower.pubdate;
  const publishedAt = typeof date === 'string' ? toIsoDate(date) : undefined;
  return {
    url,
    ...(title ? { title } : {}),
    ...(publishedAt ? { publishedAt } : {}),
    authors: stringList(lower.authors ?? lower.author),
    categories: stringList(lower.categories ?? lower.tags ?? lower.category),
  };
}

function checkCount(count: number, limits: ParseLimits): void {
  if (count > limits.maxEntries) throw new DiscoveryError('too_many_entries', `more than ${limits.maxEntries} entries in one document`);
}

interface JsonFeedItem {
  id?: unknown;
  url?: unknown;
  external_url?: unknown;
  title?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  authors?: { name?: unknown }[];
  author?: { name?: unknown };
  tags?: unknown;
}

export function parseJsonFeed(text: string, baseUrl: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedSource {
  let document: { version?: unknown; title?: unknown; items?: unknown };
  try {
    document = JSON.parse(text) as typeof document;
  } catch (error) {
    throw new DiscoveryError('malformed_feed', `the JSON feed is not valid JSON: ${(error as Error).message}`);
  }
  if (!document || typeof document !== 'object' || !Array.isArray(document.items)) {
    throw new DiscoveryError('unrecognized_format', 'JSON document without an "items" array is not a JSON Feed');
  }
  const items = document.items as JsonFeedItem[];
  checkCount(items.length, limits);
  const entries: DiscoveredEntry[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    // An id is only a URL when it is an absolute one; "123" must not resolve against the feed.
    const idUrl = typeof item.id === 'string' && /^https?:\/\//i.test(item.id) ? httpUrl(item.id, baseUrl) : undefined;
    const url = httpUrl(item.url, baseUrl) ?? httpUrl(item.external_url, baseUrl) ?? idUrl;
    if (!url) continue;
    const title = typeof item.title === 'string' ? clean(item.title) : undefined;
    const publishedAt = typeof item.date_published === 'string' ? toIsoDate(item.date_published) : undefined;
    const modifiedAt = typeof item.date_modified === 'string' ? toIsoDate(item.date_modified) : undefined;
    const authorList = Array.isArray(item.authors) ? item.authors : item.author ? [item.author] : [];
    entries.push({
      url,
      ...(title ? { title } : {}),
      ...(publishedAt ? { publishedAt } : {}),
      ...(modifiedAt ? { modifiedAt } : {}),
      authors: authorList.map((a) => (typeof a?.name === 'string' ? clean(a.name) : undefined)).filter((n): n is string => Boolean(n)),
      categories: stringList(item.tags),
    });
  }
  const title = typeof document.title === 'string' ? clean(document.title) : undefined;
  return { format: 'jsonfeed', ...(title ? { title } : {}), entries, sitemaps: [] };
}

/**
 * URL lists: plain text (one URL a line, # comments), CSV with a url/link column (or URLs in
 * the first column), or NDJSON lines with a "url" field. Lines that name no URL are skipped.
 */
export function parseUrlList(text: string, baseUrl: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedSource {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const firstLine = lines.find((line) => line.trim() && !line.trim().startsWith('#'))?.trim() ?? '';
  const entries: DiscoveredEntry[] = [];
  const add = (entry: DiscoveredEntry | undefined): void => {
    if (!entry) return;
    entries.push(entry);
    checkCount(entries.length, limits);
  };
  if (firstLine.startsWith('{')) {
    for (const line of lines) {
      if (!line.trim().startsWith('{')) continue;
      try {
        add(entryFromRecord(JSON.parse(line) as Record<string, unknown>, baseUrl));
      } catch {
        // A broken line is one lost entry, not a lost list.
      }
    }
  } else if (/[,;\t]/.test(firstLine)) {
    const delimiter = firstLine.includes('\t') ? '\t' : firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
    const hasHeader = !/^"?https?:\/\//i.test(firstLine);
    let rows: string[][];
    try {
      rows = parseCsv(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, comment: '#', bom: true, trim: true }) as string[][];
    } catch (error) {
      throw new DiscoveryError('malformed_feed', `the CSV list cannot be parsed: ${(error as Error).message}`);
    }
    const header = hasHeader ? (rows.shift() ?? []).map((h) => h.toLowerCase()) : [];
    for (const row of rows) {
      if (hasHeader) {
        add(entryFromRecord(Object.fromEntries(header.map((name, i) => [name, row[i]])), baseUrl));
      } else {
        const url = httpUrl(row[0], baseUrl);
        if (url) add({ url, authors: [], categories: [] });
      }
    }
  } else {
    for (const line of lines) {
      const value = line.trim();
      if (!value || value.startsWith('#')) continue;
      const url = httpUrl(value, baseUrl);
      if (url && /^https?:\/\//i.test(value)) add({ url, authors: [], categories: [] });
    }
  }
  return { format: 'urllist', entries, sitemaps: [] };
}

/**
 * Recognises what a fetched document is by its content (servers label feeds inconsistently:
 * text/xml, application/octet-stream, text/html ...) and parses it.
 */
export function parseSource(body: Buffer, contentType: string | undefined, baseUrl: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedSource {
  const head = body.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  const charset = charsetFor(body, contentType);
  if (head.startsWith('<')) return parseXmlSource(decodeInChunks(body, charset), baseUrl, limits);
  const text = [...decodeInChunks(body, charset)].join('');
  if (head.startsWith('{')) {
    const firstLine = text.trimStart().split('\n', 1)[0]!.trim();
    // NDJSON lists start with a complete object on the first line; a JSON Feed spans lines.
    let firstLineIsObject = false;
    try {
      firstLineIsObject = typeof JSON.parse(firstLine) === 'object';
    } catch {
      firstLineIsObject = false;
    }
    if (firstLineIsObject && !/"items"\s*:/.test(firstLine)) return parseUrlList(text, baseUrl, limits);
    return parseJsonFeed(text, baseUrl, limits);
  }
  const parsed = parseUrlList(text, baseUrl, limits);
  if (parsed.entries.length === 0 && text.trim().length > 0) {
    throw new DiscoveryError('unrecognized_format', 'the document is neither XML, JSON nor a list of URLs');
  }
  return parsed;
}
