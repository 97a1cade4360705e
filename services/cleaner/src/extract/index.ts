import type { Article } from '@newsflow/contracts';
import { blocksToText, extractContent, type Block } from './content';
import { parseDateline } from './dateline';
import { collapse, parsePage } from './dom';
import { chooseAuthors } from './authors';
import { CREDIT_LABEL, LISTING_TYPES, chooseTitle, collectSignals, parseJsonLd } from './metadata';
import { shownDateTexts, modificationDate, publicationDate, type DateSource, type DateSources } from './publication-date';

export type { DateSource } from './publication-date';

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

/** "Illustration von Markus Roost", "Fotos: Jane Doe": a second credit after the byline, naming someone who did not write the text. */
const SECOND_CREDIT = String.raw`\s+(?:[Ii]llustrationen|[Ii]llustrations?|[Ff]otos?|[Pp]hotos?|[Pp]hotography|[Bb]ilder|[Gg]rafiken?|[Ii]nfografik)\s*(?::|von|by)\s+\p{Lu}[^,]{1,60}`;
const BYLINE_LINE = new RegExp(
  String.raw`^(?:(?:[Ww]ritten|[Pp]osted|[Gg]eschrieben|[Vv]erfasst|[Tt]ext|[Ee]ine? (?:Kolumne|Kommentar|Gastbeitrag|Analyse|Reportage|Glosse|Essay))\s+)?(?:[Vv]on|[Bb]y|BY|VON|[Tt]ext|[Tt]exte|[Aa]utor|[Aa]utorin|[Aa]uteur|[Aa]utore|[Aa]utora|[Aa]uthor|[Pp]ar|[Pp]or)\s*:?\s+\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]+|und|and|&|von|van|de))*(?:,\s[^,]{1,60}|${SECOND_CREDIT})?\.?\s*$`,
  'u',
);
const SECOND_CREDIT_TAIL = new RegExp(`${SECOND_CREDIT}$`, 'u');

/** The reason given when the page has no main text at all: the stage reports it as empty_article. */
export const NO_TEXT_REASON = 'no article text found';

/** Less main text than this is not an article (teaser, gallery, video page). */
const MIN_ARTICLE_CHARS = 200;

/**
 * Extracts the article text and metadata from a page.
 *
 * Publication dates (publication-date.ts). Declared values come first, in this order:
 *  1. JSON-LD datePublished (or dateCreated) of the Article-like object;
 *  2. publication meta tags: article:published_time, og:published_time, datePublished,
 *     DC.date.issued, dcterms.issued/created, pubdate, publishdate, sailthru.date, …;
 *  3. JSON-LD datePublished of another object (WebPage), then vendor-prefixed publication meta
 *     ("shareaholic:article_published_time");
 *  4. a generic "date"/"DC.date" meta field, then a <time>/microdata date marked as the
 *     publication date, else the first <time datetime>.
 * The day the page shows then decides between them: a URL date or a visible date one day off a
 * UTC timestamp gives the local day; a page that shows only its revision date is dated by it;
 * a generic date field loses to a visible <time>; a URL date days away from a declared date that
 * nothing shown confirms wins. Without declared dates: the written-out text of
 * a <time>, a date in the URL path (/2025/09/05/), a short date line next to the <h1>, the
 * first date in an element whose class says date/published/byline, a date line the content
 * leaves out, and last the body's dateline ("PYONGYANG, September 5 (KCNA) —").
 * Dates before 1990 or in the future are rejected at every step.
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
  // An archived copy (web.archive.org/web/2013…/http://blog.example/2008/05/…) is about the original page.
  const pageUrl = archivedOriginal(baseUrl) ?? baseUrl;
  const domain = hostOf(pageUrl ?? '') ?? hostOf(canonicalUrl ?? '');
  const siteName = meta('og:site_name', 'application-name', 'apple-mobile-web-app-title') ?? ld?.publisher;

  const { title, titleFull } = chooseTitle({ h1: signals.h1, titledHeadings: signals.titledHeadings, brandHeadings: signals.brandHeadings, ogTitle: meta('og:title', 'twitter:title'), headline: ld?.headline, htmlTitle: page.title }, siteName, domain);

  // Read before extractContent, which prunes the tree.
  const shown = shownDateTexts(page.root, title);
  const content = extractContent(page.root, [title, titleFull]);
  // A "Von …"/"By …" line at the top or bottom of the text is the byline: metadata, not body.
  // Headings above the text (kicker, subtitle) push the byline down, but a byline can be a heading itself.
  const paragraphs = content.blocks.filter((b) => b.kind !== 'heading');
  const edge = new Set([...content.blocks.slice(0, 3), ...paragraphs.slice(0, 3), ...content.blocks.slice(-2)]);
  const bylineBlocks = content.blocks.filter((b) => edge.has(b) && b.text.length <= 80 && BYLINE_LINE.test(b.text));
  // A byline can share its block with a place line ("Von Jane Doe\nKakuma/Kenia"): a name source, but the block stays text.
  // "Autorin: Uta Staschewski, Projektleiterin der HSS": what follows the comma is a role or a place.
  const bylineLines = [...edge].map((b) => b.text.split('\n', 1)[0]!).filter((line) => line.length <= 80 && BYLINE_LINE.test(line)).map((line) => line.replace(SECOND_CREDIT_TAIL, '').replace(/,\s[^,]*$/, ''));
  const blocks = content.blocks.filter((b) => !bylineBlocks.includes(b));
  const first = blocks.find((b) => b.kind === 'paragraph' || b.kind === 'other');
  const datelineFound = first ? parseDateline(first.text, now) : undefined;
  if (first && datelineFound) first.text = first.text.slice(datelineFound.length);
  const body = blocksToText(blocks.filter((b) => b.text));

  const dateSources: DateSources = { ld: ld?.datePublished, ldModified: ld?.dateModified, pageLd: jsonLd.pageDatePublished, meta: signals.meta, times: signals.times, url: pageUrl ?? '', dateTexts: signals.dateTexts, contentDates: content.dateLines, dateline: datelineFound?.date, opening: first?.text, titles: [page.title, meta('og:title', 'twitter:title') ?? ''], shown, language: signals.htmlLang ?? meta('og:locale', 'content-language') };
  const published = publicationDate(dateSources, now);
  const modified = modificationDate(dateSources, now);

  // Credit lines end the text: "Quelle: dpa" on its own, or "(FR mit dpa)" after the last sentence.
  const lastParagraphs = blocks.filter((b) => b.kind !== 'heading').slice(-3).map((b) => collapse(b.text));
  const creditLines = [
    ...signals.bylines.filter((line) => CREDIT_LABEL.test(line)),
    ...lastParagraphs.filter((text) => CREDIT_LABEL.test(text)),
    ...lastParagraphs.map((text) => /\(([^()]{2,40})\)$/.exec(text)?.[0]).filter((text): text is string => !!text),
    ...(datelineFound?.agency ? [datelineFound.agency] : []),
    ...signals.creditTexts,
  ];
  const authors = chooseAuthors({
    ldAuthors: ld?.authors ?? [],
    ldOrganisations: ld?.organisationAuthors,
    creditLines,
    pageLdAuthors: jsonLd.pageAuthors,
    meta: signals.meta,
    bylines: signals.bylines,
    bodyBylines: bylineLines,
    metaLines: [...signals.dateTexts, ...signals.metaTexts],
    headlineLines: { bylines: shown.nearBylines, dateLines: shown.headlineDateLine ? [shown.headlineDateLine] : [] },
    signatureLines: signatureLines(blocks),
    authorImageAlts: signals.authorImageAlts,
    documentTitle: page.title,
    site: { siteName, domain, brands: signals.brandHeadings },
    publisher: ld?.publisher,
  });

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

/** The original URL inside a Wayback Machine address, if this is one. */
function archivedOriginal(url: string | undefined): string | undefined {
  const match = url ? /^https?:\/\/web\.archive\.org\/web\/\d{1,14}[a-z_]*\/(https?:\/\/.+)$/i.exec(url) : null;
  return match ? validUrl(match[1]!) : undefined;
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

/**
 * The last two paragraphs when they are short enough to be a signature: one line, or a name line
 * over a date or place line. List items are not signatures (a cast list ends with names too), and neither is
 * the name under a "Kontakt"/"Pressekontakt" label.
 */
function signatureLines(blocks: Block[]): string[] {
  const paragraphs = blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'other');
  const lines: string[] = [];
  for (let i = paragraphs.length - 1; i >= Math.max(0, paragraphs.length - 2); i--) {
    const text = paragraphs[i]!.text;
    const before = paragraphs[i - 1]?.text ?? '';
    if (text.length > 80 || text.split('\n').length > 2 || /@|\d{4,}/.test(text.replace(/\b(?:19|20)\d{2}\b/g, ''))) continue;
    if (/(?:kontakt|contact|ansprechpartner(?:in)?|pressesprecher(?:in)?|presse)\s*:?\s*$/i.test(before)) continue;
    // "Jon Rego\nClayton": the line under the name gives the place or the date.
    lines.push(text.split('\n')[0]!);
  }
  return lines;
}
