import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { Article } from '@newsflow/contracts';
import { cleanAuthors, cleanTitle, dateFromUrl, normalizeDate, parseJsonLd } from './metadata';

export const EXTRACTOR_VERSION = 'newsflow-extract/0.1';

export interface ExtractInput {
  html: string;
  url: string;
  contentLanguage?: string;
  now?: Date;
}

export interface ExtractResult {
  article: Article;
  quality: { textLength: number; paragraphs: number; linkDensity: number; isArticle: boolean; reason?: string };
}

type Doc = ReturnType<typeof parseHTML>['document'];

function meta(doc: Doc, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const content = el?.getAttribute('content')?.trim();
    if (content) return content;
  }
  return undefined;
}

/**
 * Extracts the article and its metadata from a page. Dates are trusted in this order: JSON-LD
 * datePublished, article:published_time / other publication meta, <time datetime> in the
 * article, the URL path.
 */
export function extractArticle(input: ExtractInput): ExtractResult {
  const now = input.now ?? new Date();
  const { document } = parseHTML(input.html);
  const jsonLd = parseJsonLd([...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent ?? ''));
  let domain: string | undefined;
  try {
    domain = new URL(input.url).hostname.replace(/^www\./, '');
  } catch {
    domain = undefined;
  }
  const siteName = meta(document, 'og:site_name', 'application-name') ?? jsonLd?.publisher;
  const rawTitle =
    meta(document, 'og:title', 'twitter:title') ?? jsonLd?.headline ?? document.querySelector('h1')?.textContent ?? document.querySelector('title')?.textContent ?? '';
  const titleFull = rawTitle.replace(/\s+/g, ' ').trim();
  const title = cleanTitle(titleFull, siteName, domain);
  const published =
    normalizeDate(jsonLd?.datePublished, now) ??
    normalizeDate(meta(document, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'DC.date.issued', 'dcterms.created', 'sailthru.date'), now) ??
    normalizeDate(document.querySelector('article time[datetime], time[pubdate][datetime], time[datetime]')?.getAttribute('datetime'), now) ??
    dateFromUrl(input.url, now);
  const modified = normalizeDate(jsonLd?.dateModified, now) ?? normalizeDate(meta(document, 'article:modified_time', 'dateModified', 'og:updated_time'), now);
  const authors = cleanAuthors([...(jsonLd?.authors ?? []), ...(jsonLd?.authors.length ? [] : [meta(document, 'author', 'article:author', 'sailthru.author') ?? ''])].filter(Boolean));
  const declaredLanguage = document.documentElement?.getAttribute('lang') ?? meta(document, 'og:locale') ?? input.contentLanguage;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(document, 'og:url');
  const tags = [...new Set([...(jsonLd?.keywords ?? []), ...(meta(document, 'keywords', 'news_keywords')?.split(',') ?? [])].map((t) => t.trim()).filter(Boolean))].slice(0, 50);

  removeBoilerplate(document);
  const reader = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 });
  const parsed = reader.parse();
  const paragraphs = (parsed?.content ? htmlToParagraphs(parsed.content) : []).filter((p) => p !== title && p !== titleFull);
  const body = paragraphs.join('\n\n');
  const linkDensity = 0;
  const isArticle = body.length >= 250;
  const article: Article = {
    title,
    titleFull,
    body,
    authors,
    ...(published ? { publishedAt: published } : {}),
    ...(modified ? { modifiedAt: modified } : {}),
    ...(canonical ? { canonicalUrl: absolutize(canonical, input.url) } : {}),
    ...(siteName ? { siteName } : {}),
    ...(meta(document, 'og:description', 'description') ? { description: meta(document, 'og:description', 'description')! } : {}),
    ...(meta(document, 'og:image') ?? jsonLd?.image ? { image: absolutize((meta(document, 'og:image') ?? jsonLd?.image)!, input.url) } : {}),
    ...(meta(document, 'article:section') ?? jsonLd?.section ? { section: (meta(document, 'article:section') ?? jsonLd?.section)! } : {}),
    tags,
    ...(declaredLanguage ? { declaredLanguage } : {}),
    extractor: EXTRACTOR_VERSION,
  };
  return {
    article,
    quality: { textLength: body.length, paragraphs: paragraphs.length, linkDensity, isArticle, ...(isArticle ? {} : { reason: 'too little article text' }) },
  };
}

function absolutize(href: string, base: string): string {
  try {
    return new URL(href, base).toString();
  } catch {
    return href;
  }
}

/** Readability returns HTML; turn it into plain paragraphs, one per block. */
function htmlToParagraphs(html: string): string[] {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = document.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td');
  const out: string[] = [];
  for (const block of blocks) {
    // Nested blocks (a <p> inside <li>) would otherwise be emitted twice.
    if (block.parentElement?.closest('p, li, blockquote, pre, td')) continue;
    const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
  }
  return out;
}

/** Class/id words of page furniture that Readability sometimes keeps inside the article body. */
const BOILERPLATE = /(?:^|[\s_-])(ad|ads|advert|advertisement|ad-slot|banner|cookie|consent|share|sharing|social|related|newsletter|promo|sponsor|outbrain|taboola|subscribe|paywall)(?:$|[\s_-])/i;

function removeBoilerplate(document: Doc): void {
  for (const el of [...document.querySelectorAll('aside, nav, footer, form, [class], [id]')]) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'body' || tag === 'html' || tag === 'main' || tag === 'article') continue;
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (tag === 'aside' || tag === 'nav' || tag === 'footer' || tag === 'form' || BOILERPLATE.test(names)) el.remove();
  }
}
