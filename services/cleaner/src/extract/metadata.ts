/** Page metadata: what the page declares (meta tags, JSON-LD, microdata) and what it shows. */
import { collapse, elements, shortTextOf, textOf, type Element, type Node } from './dom';

export interface PageSignals {
  meta: Map<string, string>;
  canonical?: string;
  htmlLang?: string;
  h1: string[];
  /** h2/h3 whose class says title/headline (blog themes put the post title there, the blog name in h1). */
  titledHeadings: string[];
  /** Headings that are the site's brand: they link to the home page or are styled as site title/logo. */
  brandHeadings: string[];
  /** <time> elements and microdata dates: machine value, visible text, and whether they say "published". */
  times: { value?: string; text: string; published: boolean; modified: boolean }[];
  /** Texts of byline-like elements (itemprop=author, rel=author, class "author"/"byline"). */
  bylines: string[];
  /** Short texts of elements whose class/id says "date"/"published"/"datum", except those of comments and teaser links (datesOtherItem). */
  dateTexts: string[];
  /** Short texts of post meta lines ("meta", Drupal's "submitted"), which name the author beside the date ("Submitted by jane on …"). */
  metaTexts: string[];
  /** Short copyright and source notes ("© 2012 APA/AP", class "credit"/"source"), which can credit an agency. */
  creditTexts: string[];
  /** Alt texts of pictures in author boxes ("author-bio", an "autor_thumbnail" image): the portrait names its author. */
  authorImageAlts: string[];
}

/** "Quelle: dpa", "Source: Reuters", a press release's "Herausgeber: Nordex SE": a label that introduces a credit, not a person's byline. */
export const CREDIT_LABEL = /^(?:quelle|quellen|source|sources|fuente|fonte|herausgeber(?:in)?|issued by)\s*:\s*/i;

const CREDIT_CLASS = /(?:^|[\s_-])(?:credits?|source|quelle|agency|agentur)(?:$|[\s_-])/i;
/** Images carry their own credits: a photo agency is not the article's. */
const IMAGE_AREA = /(?:^|[\s_-])(?:figure|figcaption|picture|img|image|images|photo|photos|foto|fotos|bild|media|caption|gallery|slider?|slideshow)(?:$|[\s_-])/i;

function inImageArea(element: Element): boolean {
  let depth = 0;
  for (let e: Element | null = element; e && e.tag !== 'body' && depth < 4; e = e.parent, depth++) {
    if (e.tag === 'figure' || e.tag === 'figcaption' || e.tag === 'picture' || (e !== element && IMAGE_AREA.test(`${e.attrs.class ?? ''} ${e.attrs.id ?? ''}`))) return true;
  }
  return false;
}

const AUTHOR_CLASS = /(?:^|[\s_-])(?:author|authors|autor|autoren|autorenzeile|byline|by-line|verfasser|writer|creator|contributors?|article-?author|post-?author|entry-?author|wrote[_-]?by|written[_-]?by|posted[_-]by)(?:$|[\s_-]|name)/i;
const AUTHOR_CLASS_EXCLUDE = /(?:box|bio|info|avatar|image|img|photo|description|about|social|link-list)/i;
/** "header-info__author": the author element of an info block, unlike "author-info", the author's bio block. */
const AUTHOR_LAST = /(?:^|\s)[\w-]*(?:box|bio|info|meta)[\w-]*?[_-](?:authors?|autor|autoren|byline)(?:\s|$)/i;
const DATE_CLASS = /(?:date|datum|time|publish|posted|dateline|postmeta|post-meta|entry-meta|article-meta|postinfo|post-info|byline|created)/i;

/** Post meta lines that are not dated by class; kept apart from dateTexts so that dates keep their sources. */
const META_CLASS = /(?:^|[\s_-])(?:meta|submitted|postdata|post-?details|article-?info|post-?info|entry-?info)(?:$|[\s_-])/i;

const TITLE_CLASS = /title|headline|heading|ueberschrift|überschrift/i;
const BRAND_CLASS = /site-?title|site-?name|logo|brand|blog-?title|site-?branding|masthead/i;
const BRAND_BOX_DEPTH = 3;

/** A heading that names the site: it links to the home page, or it sits in a site-title/logo box. */
function isBrand(heading: Element): boolean {
  // Only the heading's own box: page-wide wrappers carry theme classes such as "has-logo".
  let depth = 0;
  for (let e: Element | null = heading; e && e.tag !== 'body' && depth < BRAND_BOX_DEPTH; e = e.parent, depth++) if (BRAND_CLASS.test(`${e.attrs.class ?? ''} ${e.attrs.id ?? ''}`)) return true;
  const stack: Element[] = [heading];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.tag === 'a' && e.attrs.href && /^(?:https?:\/\/[^/]+)?\/?(?:index\.\w+)?$/i.test(e.attrs.href.trim())) return true;
    for (const child of e.children) if (typeof child !== 'string') stack.push(child);
  }
  return false;
}

const KICKER_CLASS = /kicker|dachzeile|overline|topline|eyebrow|roofline|spitzmarke|supertitle|pretitle|headline-?intro|flag|rubric/i;

/** A heading's text without its kicker ("Covid-19:" above the headline) or screen-reader extras. */
function headingText(heading: Element): string {
  const out: string[] = [];
  const stack: Node[] = [heading];
  while (stack.length) {
    const next = stack.pop()!;
    if (typeof next === 'string') {
      out.push(next);
      continue;
    }
    const names = `${next.attrs.class ?? ''} ${next.attrs.id ?? ''}`;
    if (next !== heading && (KICKER_CLASS.test(names) || /sr-only|visually-hidden|screen-reader/i.test(names))) {
      out.push(' ');
      continue;
    }
    for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
  return out.join('').replace(/^\s*[:|–-]\s*/, '');
}

/** Comments, related posts and teasers name other people, wherever they sit. */
const FOREIGN_AREA = /(?:^|[\s_-])(?:comment\w*|kommentar\w*|respond|reply|related\w*|teaser\w*|recommend\w*)(?:$|[\s_-])/i;
/** Footers, sidebars and widgets of the page. Inside a post they hold that post's byline (Blogger's "post-footer", an article's <footer>). */
const SIDE_AREA = /(?:^|[\s_-])(?:footer|(?<!(?:with|has|no)-)sidebar|widget\w*)(?:$|[\s_-])/i;
/** Blogger wraps the post list in a "widget Blog": once inside a post, only sidebars and footers above it count. */
const PAGE_SIDE_AREA = /(?:^|[\s_-])(?:footer|(?<!(?:with|has|no)-)sidebar)(?:$|[\s_-])/i;
const POST_CONTAINER = /(?:^|\s)(?:hentry|h-entry|post|type-post|blog-post)(?:\s|$)/;

/**
 * Bylines in comments, forms, footers and side blocks name someone other than the author; a footer or aside within the post does not.
 * Wrappers around the headline are the page's main column whatever their class says ("vw-blog-sidebar-position-right" is a layout
 * setting): they are never a side block.
 */
export function inPageFurniture(element: Element, formsAreFurniture = true, headlineBoxes?: Set<Element>): boolean {
  let side = false;
  let inPost = false;
  for (let e: Element | null = element; e; e = e.parent) {
    if ((e.tag === 'form' && formsAreFurniture) || e.tag === 'nav' || e.tag === 'label') return true;
    if (e.tag === 'body' || e.tag === 'html' || e.tag === 'main') continue;
    if (e.tag === 'article' || POST_CONTAINER.test(e.attrs.class ?? '')) {
      side = false;
      inPost = true;
      continue;
    }
    const names = `${e.attrs.class ?? ''} ${e.attrs.id ?? ''}`;
    if (FOREIGN_AREA.test(names)) return true;
    if (headlineBoxes?.has(e)) continue;
    if (e.tag === 'footer' || e.tag === 'aside' || (inPost ? PAGE_SIDE_AREA : SIDE_AREA).test(names)) side = true;
  }
  return side;
}

/** The elements that hold the page's headline (the first <h1> that is not the site's brand). */
function headlineBoxes(root: Element): Set<Element> {
  const boxes = new Set<Element>();
  for (const e of elements(root)) {
    if (e.tag !== 'h1' || isBrand(e)) continue;
    for (let box = e.parent; box; box = box.parent) boxes.add(box);
    break;
  }
  return boxes;
}

/**
 * A teaser card: the byline sits inside a link to another article together with its headline or
 * summary ("<a href=…>Auf ins Metaverse … Von Jörn Mecher am 08.12.2022</a>"). A link that holds
 * only the name is the author's profile link.
 */
function inTeaserLink(element: Element, text: string): boolean {
  let depth = 0;
  for (let e: Element | null = element; e && e.tag !== 'body' && depth < 5; e = e.parent, depth++) {
    if (e.tag === 'a' && e.attrs.href) return collapse(textOf(e)).length > text.length + 20;
  }
  return false;
}

/** Comment threads: their date boxes date the comments, not the page. */
const COMMENT_AREA = /(?:^|[\s_-])(?:comment\w*|kommentar\w*|respond|reply)(?:$|[\s_-])/i;

/**
 * A date box that dates something other than the page: a comment (the comment thread's box, up to
 * the boxes that hold the headline, which are the article whatever their class says), or a teaser
 * card linking to another story (see inTeaserLink). Teaser *classes* alone do not count: themes style
 * the article's own header as a "teaser" ("teaser-small__metadata" under the <h1>).
 */
function datesOtherItem(element: Element, text: string, headlineBoxes: Set<Element>): boolean {
  for (let e: Element | null = element; e && e.tag !== 'body'; e = e.parent) {
    if (headlineBoxes.has(e)) break;
    if (COMMENT_AREA.test(`${e.attrs.class ?? ''} ${e.attrs.id ?? ''}`)) return true;
  }
  return inTeaserLink(element, text);
}

/** Labels are a word or two; a longer raw text (indentation allowed for) is prose, not worth collapsing. */
const MAX_LABEL_RAW = 200;

/** Characters of text in a near-leaf element, without building the string. */
function rawLength(element: Element): number {
  let length = 0;
  for (const child of element.children) length += typeof child === 'string' ? child.length : child.children.reduce((sum, c) => sum + (typeof c === 'string' ? c.length : 0), 0);
  return length;
}

/** An element that only labels the author beside it. */
const AUTHOR_LABEL = /^(?:autor|autorin|autoren|author|authors|von|by|verfasser|verfasserin|geschrieben von|written by)\s*:?$/i;

/**
 * The text that follows an element: the first non-empty string or element text among its siblings,
 * else after its wrapper's ("<div><p>By</p></div><div><p>Todd Bates</p></div>"), when the label is all the wrapper holds.
 */
function textAfter(element: Element): string | undefined {
  let e: Element = element;
  for (let level = 0; level < 3 && e.parent; level++, e = e.parent) {
    const siblings = e.parent.children;
    for (let i = siblings.indexOf(e) + 1; i < siblings.length; i++) {
      const sibling = siblings[i]!;
      const text = collapse(typeof sibling === 'string' ? sibling : textOf(sibling));
      if (text) return text;
    }
    if (e.parent.tag === 'body' || collapse(textOf(e.parent)) !== collapse(textOf(element))) return undefined;
  }
  return undefined;
}

function startsLine(element: Element): boolean {
  for (const sibling of element.parent?.children ?? []) {
    if (sibling === element) return true;
    if (typeof sibling === 'string' ? sibling.trim() : sibling.tag !== 'br' && textOf(sibling).trim()) return false;
  }
  return false;
}

const AUTHOR_BOX = /(?:^|[\s_/-])(?:author|autor|autorin|byline)/i;

/** A picture whose own names, file path or near ancestors (four levels) say "author", and no ancestor is a comment or teaser. */
function inAuthorBox(img: Element): boolean {
  let author = AUTHOR_BOX.test(`${img.attrs.class ?? ''} ${img.attrs.src ?? ''} ${img.attrs['data-id'] ?? ''}`);
  let level = 0;
  for (let e = img.parent; e && level < 8; e = e.parent, level++) {
    const names = `${e.attrs.class ?? ''} ${e.attrs.id ?? ''} ${e.attrs['data-id'] ?? ''}`;
    if (FOREIGN_AREA.test(names)) return false;
    if (level < 4 && AUTHOR_BOX.test(names)) author = true;
  }
  return author;
}

/** Reads meta tags, canonical link, language, headlines, dates and bylines in one walk. */
export function collectSignals(root: Element): PageSignals {
  const meta = new Map<string, string>();
  const signals: PageSignals = { meta, h1: [], titledHeadings: [], brandHeadings: [], times: [], bylines: [], dateTexts: [], metaTexts: [], creditTexts: [], authorImageAlts: [] };
  const preciseBylines: string[] = [];
  const headline = headlineBoxes(root);
  for (const e of elements(root)) {
    const a = e.attrs;
    switch (e.tag) {
      case 'html':
        if (!signals.htmlLang && (a.lang || a['xml:lang'])) signals.htmlLang = (a.lang || a['xml:lang'])!.trim();
        break;
      case 'meta': {
        const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'])?.trim().toLowerCase();
        const content = a.content?.trim();
        if (key && content && !meta.has(key)) meta.set(key, content);
        if (a.itemprop && content && /^date(published|created)$/i.test(a.itemprop)) signals.times.push({ value: content, text: '', published: true, modified: false });
        continue;
      }
      case 'link':
        if (!signals.canonical && /(?:^|\s)canonical(?:\s|$)/i.test(a.rel ?? '') && a.href) signals.canonical = a.href.trim();
        if (/(?:^|\s)author(?:\s|$)/i.test(a.rel ?? '') && e.children.length === 0) continue;
        break;
      case 'h1':
      case 'h2':
      case 'h3': {
        const titled = e.tag === 'h1' || TITLE_CLASS.test(`${a.class ?? ''} ${a.id ?? ''} ${a.itemprop ?? ''}`);
        if (!titled) break;
        const text = collapse(headingText(e));
        if (!text || text.length >= 400) break;
        if (isBrand(e)) signals.brandHeadings.push(text);
        else if (e.tag === 'h1') signals.h1.push(text);
        else signals.titledHeadings.push(text);
        break;
      }
      case 'img':
        if (a.alt && a.alt.length <= 60 && signals.authorImageAlts.length < 5 && inAuthorBox(e)) signals.authorImageAlts.push(collapse(a.alt));
        continue;
      case 'time': {
        const names = `${a.class ?? ''} ${a.id ?? ''} ${a.itemprop ?? ''}`;
        signals.times.push({
          value: a.datetime ?? a.content,
          text: collapse(textOf(e)),
          published: 'pubdate' in a || /publish|created|posted|date-?published/i.test(names),
          modified: /modif|updat/i.test(names),
        });
        continue;
      }
    }
    if (a.itemprop && /^date(published|created)$/i.test(a.itemprop) && e.tag !== 'time') {
      signals.times.push({ value: a.content ?? a.datetime, text: collapse(textOf(e)), published: true, modified: false });
    }
    const isAuthorProp = /(?:^|\s)author(?:\s|$)/i.test(a.itemprop ?? '') || /(?:^|\s)author(?:\s|$)/i.test(a.rel ?? '') || e.tag === 'address';
    const names = `${a.class ?? ''} ${a.id ?? ''}`;
    const authorClass = AUTHOR_CLASS.test(names);
    if (authorClass && !isAuthorProp && AUTHOR_CLASS_EXCLUDE.test(names) && !AUTHOR_LAST.test(names) && signals.bylines.length < 20 && !inPageFurniture(e, true, headline)) {
      // An "authorbox" is mostly a bio, but one that holds only "von Jane Doe" is the byline.
      const text = collapse(textOf(e));
      if (text.length <= 60 && /^(?:von|by|par|por)\s+\p{Lu}/iu.test(text)) signals.bylines.push(text);
    }
    // Only near-leaf elements can be a label: reading the text of every wrapper would cost a pass per level.
    const leafish = e.children.length <= 2 && e.children.every((c) => typeof c === 'string' || c.children.every((x) => typeof x === 'string'));
    const label = leafish && /^(?:h[3-6]|b|strong|span|dt|th|label|div|p|em)$/.test(e.tag) && rawLength(e) <= MAX_LABEL_RAW ? collapse(textOf(e)) : '';
    // Without a colon, a label must start its line: "Marie Arana, <span>author</span>" describes the name before it.
    if (label && AUTHOR_LABEL.test(label) && (label.endsWith(':') || startsLine(e)) && signals.bylines.length < 20 && !inPageFurniture(e, true, headline)) {
      // "<h5>Autor:</h5> Peter Maahn", "<dt>Autor</dt><dd>Jane Doe</dd>": the name follows the label element.
      const next = textAfter(e);
      if (next && next.length <= 80) signals.bylines.push(`Autor: ${next}`);
    }
    if ((isAuthorProp || (authorClass && (!AUTHOR_CLASS_EXCLUDE.test(names) || AUTHOR_LAST.test(names)))) && signals.bylines.length + preciseBylines.length < 20 && !inPageFurniture(e, true, headline)) {
      const nameElement = isAuthorProp ? [...elements(e)].find((x) => x !== e && /(?:^|\s)name(?:\s|$)/i.test(x.attrs.itemprop ?? '')) : undefined;
      const text = nameElement ? (nameElement.attrs.content ?? collapse(textOf(nameElement))) : collapse(textOf(e));
      // rel/itemprop=author and "author" classes name the author alone; "byline" boxes mix in dates.
      const precise = isAuthorProp || /(?:^|[\s_-])(?:author|autor|fn)(?:$|[\s_-])/i.test(names);
      if (text && text.length <= 120 && !inTeaserLink(e, text)) (precise ? preciseBylines : signals.bylines).push(text);
    }
    if (signals.creditTexts.length < 10 && e.tag !== 'html' && e.tag !== 'body' && e.tag !== 'head') {
      const lead = e.children.find((c): c is string => typeof c === 'string' && c.trim() !== '')?.trim() ?? '';
      // ASP.NET pages wrap the whole page in one <form>: a credit line is not a form field.
      // "© 2012 APA/AP" under the article's picture credits the story's agency too (agency names only, see creditInLine);
      // a "Quelle:" note or a "credit" box in a figure names the picture's or the chart's source.
      const copyright = /^(?:©|\(c\))/i.test(lead);
      const noted = CREDIT_LABEL.test(lead) || CREDIT_CLASS.test(names);
      const text = copyright || noted ? (shortTextOf(e, 60) ?? '') : '';
      if (text && !signals.creditTexts.includes(text) && !inPageFurniture(e, false) && (copyright || !inImageArea(e))) signals.creditTexts.push(text);
    }
    if (DATE_CLASS.test(names) && signals.dateTexts.length < 20) {
      const text = shortTextOf(e, 120);
      if (text && !datesOtherItem(e, text, headline)) signals.dateTexts.push(text);
    } else if (META_CLASS.test(names) && signals.metaTexts.length < 10 && !inPageFurniture(e, true, headline)) {
      const text = shortTextOf(e, 120);
      if (text) signals.metaTexts.push(text);
    }
  }
  signals.bylines = [...preciseBylines, ...signals.bylines];
  return signals;
}

export interface JsonLdArticle {
  headline?: string;
  datePublished?: string;
  dateModified?: string;
  authors: string[];
  /** Organisations named as the author: the publisher, or a credited agency. */
  organisationAuthors: string[];
  section?: string;
  keywords: string[];
  publisher?: string;
  image?: string;
  types: string[];
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|ReportageNewsArticle|BlogPosting|AnalysisNewsArticle|OpinionNewsArticle|Report|LiveBlogPosting|ScholarlyArticle|BackgroundNewsArticle|TechArticle|SocialMediaPosting|AdvertiserContentArticle|SatiricalArticle|ReviewNewsArticle|Review|Posting|DiscussionForumPosting)$/;
/** Objects whose author is the page's author when there is no Article object (comments and reviews name others). */
const PAGE_TYPES = /^(?:WebPage|ItemPage|Recipe|HowTo|QAPage|Blog)$/;
/** Page types that are not a single article. */
export const LISTING_TYPES = /^(?:CollectionPage|ItemList|SearchResultsPage|ProfilePage|VideoObject|VideoGallery|ImageGallery)$/;

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

/**
 * Names of a JSON-LD author field, persons apart from organisations: an organisation is most often
 * the publisher itself, but can be a credited agency ("dpa"), which the caller keeps only when no
 * person is named. References ({"@id": …}, as Yoast and other generators write them) are resolved in the graph.
 */
function authorNames(value: unknown, byId: Map<string, Record<string, unknown>>, out: { persons: string[]; organisations: string[] } = { persons: [], organisations: [] }, depth = 0): { persons: string[]; organisations: string[] } {
  if (value == null || depth > 3) return out;
  if (typeof value === 'string') out.persons.push(value);
  else if (Array.isArray(value)) for (const v of value) authorNames(v, byId, out, depth + 1);
  else if (typeof value === 'object') {
    let record = value as Record<string, unknown>;
    const ref = typeof record['@id'] === 'string' ? byId.get(record['@id']) : undefined;
    if (ref && record.name === undefined) record = ref;
    const organisation = asStrings(record['@type']).some((t) => /Organization|Corporation|NewsMediaOrganization/i.test(t));
    if (organisation) out.organisations.push(...asStrings(record.name));
    else out.persons.push(...asStrings(record.name).map((name) => withSurname(name, record.description)));
  }
  return out;
}

/**
 * Yoast's Person carries the display name, often the first name only ("Nils"), and the author's bio,
 * which opens with the full name ("Nils Pickert ist freier Autor …"): the name as the bio writes it.
 */
function withSurname(name: string, description: unknown): string {
  const first = name.trim();
  if (typeof description !== 'string' || !/^\p{Lu}\p{Ll}+$/u.test(first)) return name;
  const bio = description.trim();
  if (!bio.startsWith(`${first} `)) return name;
  const surname = /^\s(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?=$|[\s,.:;–—-])/u.exec(bio.slice(first.length));
  return surname ? `${first} ${surname[1]}` : name;
}

function indexIds(node: unknown, byId: Map<string, Record<string, unknown>>, depth: number): void {
  if (depth > 8 || node == null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) indexIds(item, byId, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record['@id'] === 'string' && record.name !== undefined && !byId.has(record['@id'])) byId.set(record['@id'], record);
  if (record['@graph']) indexIds(record['@graph'], byId, depth + 1);
}

export interface JsonLdSummary {
  article?: JsonLdArticle;
  /** datePublished of any other object (WebPage), for pages without an Article object. */
  pageDatePublished?: string;
  /** Authors of a WebPage-like object, for pages whose graph puts the author there (older Yoast) or has no Article. */
  pageAuthors: string[];
  /** All @type values seen, to tell listing pages from articles. */
  types: string[];
}

/** Finds the first Article-like object in JSON-LD blocks, however nested (@graph, arrays). */
export function parseJsonLd(blocks: string[]): JsonLdSummary {
  const summary: JsonLdSummary = { types: [], pageAuthors: [] };
  const parsed: unknown[] = [];
  for (const block of blocks) {
    try {
      // Some CMSs leave HTML comments or CDATA wrappers around the JSON.
      // Raw line breaks inside strings are invalid JSON but common (CMS templates paste text in); as spaces they parse.
      parsed.push(JSON.parse(block.trim().replace(/^<!--|-->$|^\/\*<!\[CDATA\[\*\/|\/\*\]\]>\*\/$/g, '').replace(/[\n\r\t]+/g, ' ')));
    } catch {
      continue;
    }
  }
  const byId = new Map<string, Record<string, unknown>>();
  for (const data of parsed) indexIds(data, byId, 0);
  for (const data of parsed) visit(data, 0, summary, byId);
  return summary;
}

function visit(node: unknown, depth: number, summary: JsonLdSummary, byId: Map<string, Record<string, unknown>>): void {
  if (depth > 8 || node == null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) visit(item, depth + 1, summary, byId);
    return;
  }
  const record = node as Record<string, unknown>;
  const types = asStrings(record['@type']);
  summary.types.push(...types);
  if (!summary.article && types.some((t) => ARTICLE_TYPES.test(t))) {
    const image = record.image;
    const keywords = record.keywords;
    const authors = authorNames(record.author ?? record.creator, byId);
    summary.article = {
      types,
      headline: typeof record.headline === 'string' ? record.headline : typeof record.name === 'string' ? record.name : undefined,
      datePublished: typeof record.datePublished === 'string' ? record.datePublished : typeof record.dateCreated === 'string' ? record.dateCreated : undefined,
      dateModified: typeof record.dateModified === 'string' ? record.dateModified : undefined,
      authors: authors.persons,
      organisationAuthors: authors.organisations,
      section: asStrings(record.articleSection)[0],
      keywords: typeof keywords === 'string' ? keywords.split(',').map((k) => k.trim()).filter(Boolean) : asStrings(keywords),
      publisher: asStrings(record.publisher)[0],
      image: typeof image === 'string' ? image : Array.isArray(image) ? asStrings(image)[0] ?? (typeof image[0] === 'object' && image[0] ? asStrings((image[0] as { url?: unknown }).url)[0] : undefined) : typeof image === 'object' && image ? asStrings((image as { url?: unknown }).url)[0] : undefined,
    };
  }
  if (!summary.pageDatePublished && typeof record.datePublished === 'string' && !types.some((t) => /Organization|Person|WebSite/i.test(t))) summary.pageDatePublished = record.datePublished;
  if (!summary.pageAuthors.length && record.author && types.some((t) => PAGE_TYPES.test(t))) summary.pageAuthors = authorNames(record.author, byId).persons;
  if (record['@graph']) visit(record['@graph'], depth + 1, summary, byId);
  if (record.mainEntity && typeof record.mainEntity === 'object') visit(record.mainEntity, depth + 1, summary, byId);
}

const TITLE_SEPARATORS = [' | ', ' - ', ' — ', ' – ', ' :: ', ' · ', ' « ', ' » ', ' // ', ' / ', ': '];

export const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** True when a title segment names the site: matches the site name, the domain's label or a brand heading. */
function namesSite(segment: string, site: SiteNames, strict = false): boolean {
  const s = squash(segment);
  if (!s) return false;
  if (strict) {
    // A whole headline that mentions the site ("Wir sind NEOS") is still the headline.
    const name = site.siteName ? squash(site.siteName) : '';
    const labels = (site.domain ?? '').split('.').map(squash);
    return (name !== '' && (s === name || (s.length >= 4 && name.includes(s)))) || labels.includes(s) || site.brands.some((b) => squash(b) === s);
  }
  const labels = (site.domain ?? '').split('.').filter((l) => l.length >= 3 && !/^(www|com|org|net|co)$/.test(l)).map(squash);
  const name = site.siteName ? squash(site.siteName) : '';
  // A segment that holds the name plus a little ("Automobilwoche.de", "Spiegel Online") names the
  // site; one that merely mentions it ("Tote Hummeln unter Linden" on "Hummeln") is a headline.
  const near = (whole: string, part: string) => whole.length <= part.length + MAX_SITE_NAME_EXTRA;
  if (name && (s === name || (name.length >= 4 && ((s.includes(name) && near(s, name)) || name.includes(s))))) return true;
  if (site.brands.some((b) => squash(b) === s)) return true;
  return labels.some((l) => s === l || (l.length >= 4 && s.includes(l) && near(s, l)) || (s.length >= 4 && l.includes(s)));
}

const MAX_SITE_NAME_EXTRA = 12;

/** Headings and title parts that are page furniture, never a headline. */
const FURNITURE_TITLE = /^(?:home|homepage|startseite|start|blog|blog archive|blog archiv|archiv|archive|archives|news|aktuelles|neuigkeiten|sections|kategorien|categories|menu|menue|menü|navigation|suche|search|detail|details|index|übersicht|overview)$/i;
const isFurnitureTitle = (text: string) => FURNITURE_TITLE.test(text.replace(/[^\p{L}\p{N} ]+/gu, ' ').trim().replace(/\s+/g, ' '));

export interface SiteNames {
  siteName?: string | undefined;
  domain?: string | undefined;
  brands: string[];
}

/**
 * Removes a site-name suffix or prefix ("Story - Site" → "Story") only when the removed part
 * names the site (site name, domain or the page's brand heading). " - State Media" on a Sputnik
 * page is an attribution, not the site, and stays.
 */
export function cleanTitle(title: string, site: SiteNames): string {
  let full = collapse(title);
  for (let round = 0; round < 2; round++) {
    let changed = false;
    for (const separator of TITLE_SEPARATORS) {
      const last = full.lastIndexOf(separator);
      if (last > 0) {
        const tail = full.slice(last + separator.length);
        if (namesSite(tail, site)) {
          full = full.slice(0, last).trim();
          changed = true;
          break;
        }
      }
      const first = full.indexOf(separator);
      if (first > 0) {
        const lead = full.slice(0, first);
        if (namesSite(lead, site) && full.length - first - separator.length > 10) {
          full = full.slice(first + separator.length).trim();
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return full;
}

/**
 * Chooses the headline. The page's own headline (<h1>, else an h2/h3 styled as title) is the best
 * source when it agrees with a declared title (og:title, JSON-LD headline or <title>, without the
 * site name); brand headings never count. Otherwise the declared title without the site name.
 */
export function chooseTitle(
  candidates: { h1: string[]; titledHeadings: string[]; brandHeadings: string[]; ogTitle?: string | undefined; headline?: string | undefined; htmlTitle: string },
  siteName: string | undefined,
  domain: string | undefined,
): { title: string; titleFull: string } {
  const htmlTitle = collapse(candidates.htmlTitle);
  const og = candidates.ogTitle ? collapse(candidates.ogTitle) : '';
  const headline = candidates.headline ? collapse(candidates.headline) : '';
  const titleFull = htmlTitle || og || headline || candidates.h1[0] || '';
  const declared = [headline, og, htmlTitle].filter(Boolean);
  const squashedDeclared = declared.map(squash);
  // A "brand" heading that repeats the declared headline is the headline in a styled box.
  // Some pages put the page title into application-name: a "site name" holding the headline is none.
  const declaredHeadline = squash(headline || og);
  if (siteName && declaredHeadline.length >= 8 && squash(siteName).includes(declaredHeadline)) siteName = undefined;
  const site: SiteNames = { siteName, domain, brands: candidates.brandHeadings.filter((b) => !squashedDeclared.slice(0, 2).includes(squash(b))) };
  const cleaned = declared.map((t) => trimSeparators(cleanTitle(t, site))).filter((t) => squash(t).length >= 2 && !namesSite(t, site, true) && !isFurnitureTitle(t));
  const headings = [...candidates.h1, ...candidates.titledHeadings].filter((h) => squash(h).length >= 4 && !namesSite(h, site, true) && !isFurnitureTitle(h));
  const exact = headings.find((h) => cleaned.some((d) => squash(d) === squash(h)));
  if (exact) return { title: exact, titleFull };
  // The declared title holds the headline plus furniture: the headline is the cleaner of the two,
  // unless the heading itself is a declared title with a kicker glued on ("Open ProgressWhy …").
  const squashedCleaned = cleaned.map(squash);
  const contained = headings
    .filter((h) => squash(h).length >= MIN_CONTAINED_HEADING && squashedDeclared.some((d) => d.includes(squash(h))))
    .filter((h) => !squashedCleaned.some((d) => d.length >= 8 && squash(h).includes(d)))
    .reduce<string | undefined>((longest, h) => (!longest || squash(h).length > squash(longest).length ? h : longest), undefined);
  if (contained) return { title: contained, titleFull };
  // A page's single headline is the one readers see, even when the declared title differs.
  const pageHeadlines = headings.filter((h) => candidates.h1.includes(h));
  if (pageHeadlines.length === 1 && pageHeadlines[0]!.split(/\s+/).length >= 3 && !squashedCleaned.some((d) => d.length >= 8 && squash(pageHeadlines[0]!).includes(d))) return { title: pageHeadlines[0]!, titleFull };
  // A headline that extends the declared title (kicker, subtitle) loses to the declared one.
  const best = cleaned.find((t) => t.length >= 8) ?? cleaned[0] ?? headings.find((h) => candidates.h1.includes(h)) ?? headings[0] ?? htmlTitle;
  return { title: dropTrailingSiteSegment(best), titleFull };
}

/** Separator debris left at the edges once a site name is cut ("» Jens Weber"). */
const trimSeparators = (title: string) => title.replace(/^[\s|»«:·•–—-]+|[\s|»«:·•–—-]+$/g, '').trim();

/** Squashed length below which a heading found inside the declared title may be a generic word. */
const MIN_CONTAINED_HEADING = 4;
// Not "»": it separates breadcrumbs ("Site » Section » Headline"), where the headline comes last.
const STRONG_SEPARATORS = [' | ', ' :: ', ' · ', ' │ ', ' – ', ' — '];
/** Dashes also join a headline's own parts ("… – worauf wartet die Politik?", "… – die Dritte"). */
const looksLikeSiteName = (segment: string) => /^[\p{Lu}\p{N}]/u.test(segment) && !/[?!.:]$/.test(segment);
const MAX_SITE_SEGMENT = 40;

/**
 * "Headline | Some Site" whose site part names nothing we know (no og:site_name, a domain that
 * reads differently): by convention the last segment after a strong separator is the site, when it
 * is short and shorter than the headline. Plain hyphens are left alone: headlines use them.
 */
function dropTrailingSiteSegment(title: string): string {
  let best = title;
  for (const separator of STRONG_SEPARATORS) {
    const at = title.lastIndexOf(separator);
    if (at <= 0) continue;
    const head = title.slice(0, at).trim();
    const tail = title.slice(at + separator.length).trim();
    if (separator.trim().length === 1 && /[–—]/.test(separator) && !looksLikeSiteName(tail)) continue;
    if (tail.length <= MAX_SITE_SEGMENT && tail.length < head.length && head.length < best.length) best = head;
  }
  return best;
}
