import type { Article } from '@newsflow/contracts';
import { blocksToText, extractContent } from './content';
import { parseDateline } from './dateline';
import { dateFromUrl, normalizeDate, parseTextDate } from './dates';
import { collapse, parsePage } from './dom';
import { LISTING_TYPES, bylineInText, chooseTitle, cleanAuthors, collectSignals, parseJsonLd, type PageSignals } from './metadata';

export const EXTRACTOR_VERSION = 'newsflow-extract/1.0';

export interface ExtractInput {
  html: string;
  url: string;
  contentLanguage?: string;
  now?: Date;
}

export interface ExtractResult {
  article: Article;
  quality: {
    textLength: number;
    paragraphs: number;
    linkDensity: number;
    isArticle: boolean;
    reason?: string;
    /** Where publishedAt came from: how far to trust it (see the order on extractArticle). */
    dateSource?: DateSource;
  };
}

/** Pages longer than this are cut before parsing, to keep every page under a second: the largest article pages seen are 1.6 MB, and bigger ones are mostly inline scripts and data. */
export const MAX_HTML_CHARS = 2_000_000;

const BYLINE_LINE = /^(?:[Vv]on|[Bb]y|BY|VON|[Tt]ext|[Tt]exte|[Aa]utor|[Aa]utorin|[Aa]uthor|[Pp]ar|[Pp]or)\s*:?\s+\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|und|and|&|von|van|de))*\s*$/u;

/** The reason given when the page has no main text at all: the stage reports it as empty_article. */
export const NO_TEXT_REASON = 'no article text found';

/** Less main text than this is not an article (teaser, gallery, video page). */
const MIN_ARTICLE_CHARS = 200;

/**
 * Extracts the article text and metadata from a page.
 *
 * Publication dates, in order of trust (the first that yields a valid date wins; the eval
 * prints how often each source gives the right day):
 *  1. JSON-LD datePublished (or dateCreated) of the Article-like object;
 *  2. publication meta tags: article:published_time, og:published_time, datePublished,
 *     DC.date.issued, dcterms.issued/created, pubdate, publishdate, date, sailthru.date, …;
 *  3. JSON-LD datePublished of another object (WebPage), then vendor-prefixed publication meta
 *     ("shareaholic:article_published_time");
 *  4. a <time>/microdata date marked as the publication date, else the first <time datetime>,
 *     else the written-out text of that <time>;
 *  5. a date in the URL path (/2025/09/05/, /20250905/);
 *  6. the first written-out date in an element whose class/id says date/published/byline;
 *  7. a date line shown with the article ("Veröffentlicht am 5. Mai 2020", a bare date under
 *     the headline), which the body leaves out;
 *  8. the body's dateline ("PYONGYANG, September 5 (KCNA) —").
 * Dates before 1990 or in the future are rejected at every step. Declared values come first
 * because visible text dates are often "today" in a page header or the date of a comment.
 */
export function extractArticle(input: ExtractInput): ExtractResult {
  const now = input.now ?? new Date();
  const html = input.html.length > MAX_HTML_CHARS ? input.html.slice(0, MAX_HTML_CHARS) : input.html;
  const page = parsePage(html);
  const signals = collectSignals(page.root);
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const value = signals.meta.get(key);
      if (value) return value;
    }
    return undefined;
  };
  const jsonLd = parseJsonLd(page.jsonLd);
  const ld = jsonLd.article;

  const canonicalRaw = signals.canonical ?? meta('og:url');
  const baseUrl = validUrl(input.url) ?? (canonicalRaw ? validUrl(canonicalRaw) : undefined);
  const canonicalUrl = canonicalRaw && baseUrl ? absolutize(canonicalRaw, baseUrl) : canonicalRaw;
  const domain = hostOf(baseUrl ?? '') ?? hostOf(canonicalUrl ?? '');
  const siteName = meta('og:site_name', 'application-name', 'apple-mobile-web-app-title') ?? ld?.publisher;

  const { title, titleFull } = chooseTitle({ h1: signals.h1, titledHeadings: signals.titledHeadings, brandHeadings: signals.brandHeadings, ogTitle: meta('og:title', 'twitter:title'), headline: ld?.headline, htmlTitle: page.title }, siteName, domain);

  const content = extractContent(page.root, [title, titleFull]);
  // A "Von …"/"By …" line at the top or bottom of the text is the byline: metadata, not body.
  const bylineBlocks = content.blocks.filter((b, i) => (i < 3 || i >= content.blocks.length - 2) && b.text.length <= 80 && BYLINE_LINE.test(b.text));
  const blocks = content.blocks.filter((b) => !bylineBlocks.includes(b));
  const first = blocks.find((b) => b.kind === 'paragraph' || b.kind === 'other');
  const datelineFound = first ? parseDateline(first.text, now) : undefined;
  if (first && datelineFound) first.text = first.text.slice(datelineFound.length);
  const body = blocksToText(blocks.filter((b) => b.text));

  const published = publicationDate({ ld: ld?.datePublished, pageLd: jsonLd.pageDatePublished, meta: signals.meta, times: signals.times, url: baseUrl ?? '', dateTexts: signals.dateTexts, contentDates: content.dateLines, dateline: datelineFound?.date }, now);
  const modifiedTime = signals.times.find((t) => t.modified);
  const modified =
    normalizeDate(ld?.dateModified, now) ?? normalizeDate(meta('article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified'), now) ?? normalizeDate(modifiedTime?.value, now);

  const declaredAuthors = [...(ld?.authors ?? []), ...[meta('author', 'article:author', 'sailthru.author', 'parsely-author', 'dc.creator', 'byl', 'dcterms.creator')].filter((x): x is string => Boolean(x) && !/^https?:/.test(x!))];
  // Declared authors win; otherwise the first visible byline that yields a name.
  // The publisher named as an author is the organisation, not a byline.
  let authors = declaredAuthors.length ? cleanAuthors(declaredAuthors, siteName).filter((a) => a.toLowerCase() !== ld?.publisher?.toLowerCase()) : [];
  for (const byline of authors.length ? [] : signals.bylines) {
    authors = cleanAuthors([byline], siteName);
    if (authors.length) break;
  }
  for (const line of authors.length ? [] : bylineBlocks.map((b) => b.text)) {
    authors = cleanAuthors([line], siteName);
    if (authors.length) break;
  }
  for (const line of authors.length ? [] : signals.dateTexts) {
    const name = bylineInText(line);
    authors = name ? cleanAuthors([name], siteName) : [];
    if (authors.length) break;
  }

  const description = meta('og:description', 'description', 'twitter:description');
  const image = meta('og:image', 'twitter:image', 'og:image:url') ?? ld?.image;
  const section = meta('article:section') ?? ld?.section;
  const keywords = [...(ld?.keywords ?? []), ...(meta('keywords', 'news_keywords')?.split(/[,;]/) ?? []), ...(meta('article:tag')?.split(',') ?? [])];
  const tags = [...new Set(keywords.map(collapse).filter((t) => t && t.length <= 100))].slice(0, 50);
  const declaredLanguage = signals.htmlLang ?? meta('og:locale', 'content-language', 'language', 'dc.language') ?? input.contentLanguage;

  const textLength = body.length;
  const listingType = jsonLd.types.find((t) => LISTING_TYPES.test(t));
  const ogType = meta('og:type')?.toLowerCase();
  // Index and listing signals come first: such pages often have no text left after link lists go.
  let reason: string | undefined;
  if (content.containerLinkDensity > 0.5 && content.linkBlocks >= 5 && content.linkBlocks > 2 * blocks.length && textLength < 1200) reason = 'mostly links: an index, tag or search page';
  else if (!ld && listingType && listingType !== 'VideoObject' && textLength < 1500) reason = `the page declares itself a ${listingType}`;
  // Articles embed videos too: only a page with little text besides the video is a video page.
  else if ((ogType?.startsWith('video') || (!ld && listingType === 'VideoObject')) && textLength < 600) reason = 'a video page with little text';
  else if (textLength === 0) reason = NO_TEXT_REASON;
  else if (undecodableShare(body) > 0.05) reason = 'binary or undecodable content';
  else if (textLength < MIN_ARTICLE_CHARS) reason = `too little article text (${textLength} characters)`;

  const article: Article = {
    title,
    titleFull,
    body,
    authors,
    ...(published ? { publishedAt: published.value } : {}),
    ...(modified ? { modifiedAt: modified } : {}),
    ...(canonicalUrl ? { canonicalUrl } : {}),
    ...(siteName ? { siteName: collapse(siteName) } : {}),
    ...(description ? { description: collapse(description) } : {}),
    ...(image ? { image: baseUrl ? absolutize(image, baseUrl) : image } : {}),
    ...(section ? { section: collapse(section) } : {}),
    tags,
    ...(declaredLanguage ? { declaredLanguage: declaredLanguage.trim() } : {}),
    ...(datelineFound
      ? { dateline: { place: datelineFound.place, ...(datelineFound.agency ? { agency: datelineFound.agency } : {}), ...(datelineFound.date ? { date: datelineFound.date } : {}) } }
      : {}),
    extractor: EXTRACTOR_VERSION,
  };
  return {
    article,
    quality: {
      textLength,
      paragraphs: blocks.length,
      linkDensity: Math.round(content.linkDensity * 1000) / 1000,
      isArticle: reason === undefined,
      ...(reason ? { reason } : {}),
      ...(published ? { dateSource: published.source } : {}),
    },
  };
}

export type DateSource = 'json-ld' | 'meta' | 'json-ld-page' | 'vendor-meta' | 'time-element' | 'time-text' | 'url' | 'visible-text' | 'content-date' | 'dateline';

const PUBLICATION_META = ['article:published_time', 'og:published_time', 'article:published', 'datepublished', 'dc.date.issued', 'dcterms.issued', 'dcterms.created', 'dc.date.created', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'date', 'dc.date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date', 'article.published', 'originalpublicationdate'];

/** The publication date and where it came from, in the order of trust documented on extractArticle. */
export function publicationDate(
  sources: { ld?: string | undefined; pageLd?: string | undefined; meta: Map<string, string>; times: PageSignals['times']; url: string; dateTexts: string[]; contentDates: string[]; dateline?: string | undefined },
  now: Date,
): { value: string; source: DateSource } | undefined {
  const tryValue = (value: string | undefined, source: DateSource) => {
    const normalized = normalizeDate(value, now);
    return normalized ? { value: normalized, source } : undefined;
  };
  const publishedTime = sources.times.find((t) => t.published && !t.modified) ?? sources.times.find((t) => !t.modified && t.value);
  const metaValue = PUBLICATION_META.map((key) => sources.meta.get(key)).find(Boolean);
  const textDate = publishedTime?.text ? parseTextDate(publishedTime.text, now) : undefined;
  const visible = firstDate(sources.dateTexts, now);
  const contentDate = firstDate(sources.contentDates, now);
  const url = dateFromUrl(sources.url, now);
  return (
    tryValue(sources.ld, 'json-ld') ??
    tryValue(metaValue, 'meta') ??
    tryValue(sources.pageLd, 'json-ld-page') ??
    tryValue(publicationMeta(sources.meta), 'vendor-meta') ??
    tryValue(publishedTime?.value, 'time-element') ??
    (textDate ? { value: textDate, source: 'time-text' as const } : undefined) ??
    (url ? { value: url, source: 'url' as const } : undefined) ??
    (visible ? { value: visible, source: 'visible-text' as const } : undefined) ??
    (contentDate ? { value: contentDate, source: 'content-date' as const } : undefined) ??
    (sources.dateline ? { value: `${sources.dateline}T00:00:00Z`, source: 'dateline' as const } : undefined)
  );
}

/** Vendor-prefixed publication meta ("shareaholic:article_published_time", "parsely-pub-date"). */
function publicationMeta(meta: Map<string, string>): string | undefined {
  for (const [key, value] of meta) if (/(?:publish|pub[-_]?date|issued|created)/.test(key) && !/modif|updat|expir/.test(key)) return value;
  return undefined;
}

/** Share of replacement and control characters: high for binary data served as HTML. */
function undecodableShare(text: string): number {
  const sample = text.slice(0, 20_000);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    // U+FFFD, C0 controls other than whitespace, DEL and C1 controls.
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f)) bad++;
  }
  return sample.length ? bad / sample.length : 0;
}

function firstDate(texts: string[], now: Date): string | undefined {
  for (const text of texts) {
    const date = parseTextDate(text, now);
    if (date) return date;
  }
  return undefined;
}

function validUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

function absolutize(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}
