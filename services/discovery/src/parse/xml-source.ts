import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import {
  DEFAULT_PARSE_LIMITS,
  DiscoveryError,
  MAX_FIELD_CHARS,
  clean,
  toIsoDate,
  type ChildSitemap,
  type DiscoveredEntry,
  type ParseLimits,
  type ParsedSource,
  type SourceFormat,
} from './types';

type XmlFormat = Exclude<SourceFormat, 'jsonfeed' | 'urllist'>;

const ROOTS: Record<string, XmlFormat> = {
  rss: 'rss',
  feed: 'atom',
  'rdf:rdf': 'rdf',
  urlset: 'sitemap',
  sitemapindex: 'sitemapindex',
};

/** The element that holds one entry, per format. */
const ENTRY_ELEMENT: Record<XmlFormat, string> = { rss: 'item', rdf: 'item', atom: 'entry', sitemap: 'url', sitemapindex: 'sitemap' };

interface EntryDraft {
  depth: number;
  link?: string;
  /** Fallback identifiers that are often the article URL (RSS guid, RDF about, Atom id). */
  fallbacks: string[];
  title?: string;
  publishedAt?: string;
  modifiedAt?: string;
  authors: string[];
  categories: string[];
}

/** Text is kept per element and never beyond this (a feed may embed whole articles). */
const MAX_TEXT_CHARS = 4 * MAX_FIELD_CHARS;

function absoluteHttpUrl(raw: string | undefined, base: string): string | undefined {
  const value = raw?.trim();
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** "jane@example.org (Jane Doe)" → "Jane Doe" (RSS 2.0 <author> is an e-mail address). */
function authorName(raw: string): string | undefined {
  const inParens = /\(([^)]+)\)\s*$/.exec(raw);
  const name = clean(inParens ? inParens[1] : raw);
  if (!name || /^[^\s@]+@[^\s@]+$/.test(name)) return undefined;
  return name;
}

/**
 * Titles are often escaped HTML (Atom type="html", and many RSS feeds double-escape), so after
 * the XML layer they may still hold entities and markup.
 */
function plainTitle(raw: string): string | undefined {
  return clean(decodeHTML(raw.replace(/<[^>]*>/g, ' ')).replace(/<[^>]*>/g, ''));
}

function pushUnique(list: string[], value: string | undefined): void {
  if (value && !list.includes(value) && list.length < 50) list.push(value);
}

/**
 * Parses RSS 2.0, Atom 1.0, RDF/RSS 1.0, sitemaps and sitemap indexes (Google News extensions
 * included) with a streaming XML tokenizer: no document tree is built, only one small record
 * per entry, so memory follows the number of entries rather than the size of the document.
 */
export function parseXmlSource(chunks: Iterable<string>, baseUrl: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ParsedSource {
  let format: XmlFormat | null = null;
  let rootName: string | null = null;
  let unknownRoot: string | null = null;
  let rootClosed = false;
  let truncated = false;
  /** Set while the tokenizer closes what is still open at the end of input. */
  let ending = false;
  let title: string | undefined;
  const stack: string[] = [];
  const entries: DiscoveredEntry[] = [];
  const sitemaps: ChildSitemap[] = [];
  let draft: EntryDraft | null = null;
  let text = '';
  let guidIsPermalink = true;

  const finish = (entry: EntryDraft): void => {
    const url = absoluteHttpUrl(entry.link, baseUrl) ?? entry.fallbacks.map((f) => absoluteHttpUrl(f, baseUrl)).find(Boolean);
    if (!url) return;
    if (format === 'sitemapindex') {
      sitemaps.push({ url, ...(entry.modifiedAt ? { lastmod: entry.modifiedAt } : {}) });
    } else {
      entries.push({
        url,
        ...(entry.title ? { title: entry.title } : {}),
        ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
        ...(entry.modifiedAt ? { modifiedAt: entry.modifiedAt } : {}),
        authors: entry.authors,
        categories: entry.categories,
      });
    }
    if (entries.length + sitemaps.length > limits.maxEntries) {
      throw new DiscoveryError('too_many_entries', `more than ${limits.maxEntries} entries in one document`);
    }
  };

  const onEntryField = (entry: EntryDraft, name: string, parent: string | undefined, value: string): void => {
    switch (format) {
      case 'rss':
      case 'rdf':
        if (name === 'title') entry.title = plainTitle(value);
        else if (name === 'link') entry.link ??= value.trim();
        else if (name === 'guid' && guidIsPermalink) entry.fallbacks.push(value);
        else if (name === 'pubdate' || name === 'dc:date' || name === 'dcterms:issued') entry.publishedAt ??= toIsoDate(value);
        else if (name === 'dcterms:modified' || name === 'atom:updated') entry.modifiedAt ??= toIsoDate(value);
        else if (name === 'dc:creator' || name === 'author') pushUnique(entry.authors, authorName(value));
        else if (name === 'category' || name === 'dc:subject') pushUnique(entry.categories, clean(value));
        break;
      case 'atom':
        if (name === 'title') entry.title = plainTitle(value);
        else if (name === 'published' || name === 'issued') entry.publishedAt ??= toIsoDate(value);
        else if (name === 'updated' || name === 'modified') entry.modifiedAt ??= toIsoDate(value);
        else if (name === 'name' && parent === 'author') pushUnique(entry.authors, clean(value));
        else if (name === 'id') entry.fallbacks.push(value);
        break;
      case 'sitemap':
      case 'sitemapindex':
        if (name === 'loc' && parent === ENTRY_ELEMENT[format]) entry.link ??= value.trim();
        else if (name === 'lastmod') entry.modifiedAt ??= toIsoDate(value);
        else if (name === 'news:publication_date') entry.publishedAt ??= toIsoDate(value);
        else if (name === 'news:title') entry.title = plainTitle(value);
        else if (name === 'news:keywords') for (const keyword of value.split(',')) pushUnique(entry.categories, clean(keyword));
        break;
      default:
        break;
    }
  };

  const parser = new Parser(
    {
      onopentag(rawName, attributes) {
        const name = rawName.toLowerCase();
        if (rootName === null) {
          rootName = name;
          format = ROOTS[name] ?? null;
          if (!format) unknownRoot = name;
        }
        stack.push(name);
        text = '';
        if (!format) return;
        if (!draft && name === ENTRY_ELEMENT[format] && stack.length <= 3) {
          draft = { depth: stack.length, fallbacks: [], authors: [], categories: [] };
          if (format === 'rdf' && attributes['rdf:about']) draft.fallbacks.push(attributes['rdf:about']);
          return;
        }
        if (!draft) return;
        if (format === 'atom' && name === 'link') {
          const rel = (attributes.rel ?? 'alternate').toLowerCase();
          if (rel === 'alternate' && attributes.href) draft.link ??= attributes.href;
        } else if (format === 'atom' && name === 'category') {
          pushUnique(draft.categories, clean(attributes.label ?? attributes.term));
        } else if (format === 'rss' && name === 'guid') {
          guidIsPermalink = (attributes.ispermalink ?? attributes.isPermaLink ?? 'true').toLowerCase() !== 'false';
        }
      },
      ontext(chunk) {
        if (text.length < MAX_TEXT_CHARS) text += chunk.slice(0, MAX_TEXT_CHARS - text.length);
      },
      onclosetag(rawName) {
        const name = rawName.toLowerCase();
        // An element closed only because the input ended means the document was cut off.
        // (The tokenizer's own "implied" flag is also set for self-closing tags, so it cannot tell.)
        if (ending) truncated = true;
        const value = text;
        text = '';
        stack.pop();
        if (stack.length === 0 && name === rootName) rootClosed = true;
        if (!format) return;
        if (draft) {
          if (name === ENTRY_ELEMENT[format] && stack.length === draft.depth - 1) {
            const done = draft;
            draft = null;
            if (!ending) finish(done);
            return;
          }
          onEntryField(draft, name, stack[stack.length - 1], value);
          return;
        }
        const parent = stack[stack.length - 1];
        if (name === 'title' && title === undefined && (parent === 'channel' || parent === 'feed')) title = plainTitle(value);
      },
    },
    { xmlMode: true },
  );

  for (const chunk of chunks) {
    parser.write(chunk);
    if (unknownRoot) break;
  }
  ending = true;
  parser.end();

  if (unknownRoot === 'html') throw new DiscoveryError('unrecognized_format', 'this is an HTML page, not a feed or sitemap (add the site with autodiscovery instead)');
  if (unknownRoot) throw new DiscoveryError('unrecognized_format', `unknown XML document type <${unknownRoot}>`);
  if (!format) throw new DiscoveryError('malformed_feed', 'no XML element found');
  if (truncated || !rootClosed) {
    throw new DiscoveryError('malformed_feed', `the ${format} document is cut off or not well-formed after ${entries.length + sitemaps.length} entries`);
  }
  return { format, ...(title ? { title } : {}), entries, sitemaps };
}
