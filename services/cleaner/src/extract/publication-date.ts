/**
 * Choosing the publication date among what a page declares and what it shows.
 *
 * Declared values (JSON-LD, meta tags, <time datetime>) are precise but not always the date
 * readers see: CMSs write them in UTC, so a late-evening story carries the next day, and
 * evergreen pages present their last revision as the date. The page's visible date decides
 * between declared candidates; it never overrides them on its own, because visible dates are
 * also "today" in headers and dates of comments.
 */
import { WRITTEN_DATE, dateFromUrl, monthFromUrl, normalizeDate, parseTextDate, slashOrderFor } from './dates';
import { collapse, elements, textOf, type Element } from './dom';
import { inPageFurniture, type PageSignals } from './metadata';

export type DateSource = 'json-ld' | 'meta' | 'json-ld-page' | 'vendor-meta' | 'time-element' | 'time-text' | 'url' | 'labelled-text' | 'headline-text' | 'title' | 'visible-text' | 'content-date' | 'dateline' | 'revision';

export const PUBLICATION_META = ['article:published_time', 'og:published_time', 'article:published', 'datepublished', 'dc.date.issued', 'dcterms.issued', 'dcterms.created', 'dc.date.created', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date', 'article.published', 'originalpublicationdate'];
/** Generic "date" meta: CMSs fill it with the publication, the revision or the page's build date. */
const GENERIC_DATE_META = ['date', 'dc.date', 'dcterms.date'];
const MODIFICATION_META = ['article:modified_time', 'og:updated_time', 'datemodified', 'dcterms.modified', 'last-modified'];

export interface DateSources {
  /** JSON-LD datePublished/dateModified of the Article-like object. */
  ld?: string | undefined;
  ldModified?: string | undefined;
  /** datePublished of another JSON-LD object (WebPage). */
  pageLd?: string | undefined;
  meta: Map<string, string>;
  times: PageSignals['times'];
  url: string;
  /** Short texts of elements styled as date/byline boxes, in document order. */
  dateTexts: string[];
  /** Date lines the content extractor took out of the article area. */
  contentDates: string[];
  /** The body's dateline day (YYYY-MM-DD), if any. */
  dateline?: string | undefined;
  /** The page's <title> and og:title, which some CMSs prefix or suffix with the date ("23.01.2022 - Headline"). */
  titles?: string[] | undefined;
  /** The text of the body's first paragraph, which press releases open with their date ("27.1.2022 - …"). */
  opening?: string | undefined;
  /** The page's declared language, which says how to read "3/5/2022". */
  language?: string | undefined;
  /** Dates the page shows next to its headline or after a label (see shownDateTexts). */
  shown?: ShownDateTexts | undefined;
}

export interface ChosenDate {
  value: string;
  source: DateSource;
}

interface DeclaredDate extends ChosenDate {
  /** Declared by a generic "date" field or an unmarked <time>, not as the publication date. */
  generic: boolean;
  /** Declared in UTC ("Z", "+00:00", "GMT"); a value without zone is the page's wall clock. */
  utc: boolean;
}

/** A revision note ("Aktualisiert am …", "Updated …") shows the modification, not the publication. */
const REVISION_NOTE = /aktualisiert|geändert|bearbeitet|updated|last modified|last edited|mis à jour|actualizado|atualizado|zuletzt/i;
/** How many visible dates count as "the date the page shows": later ones are lists and comments. */
const VISIBLE_LIMIT = 4;
/** This many different days among the first date boxes make them a list, not the page's date. */
const LIST_DATES = 3;

const day = (iso: string) => iso.slice(0, 10);

function dayDistance(a: string, b: string): number {
  return Math.abs(Date.parse(`${day(a)}T00:00:00Z`) - Date.parse(`${day(b)}T00:00:00Z`)) / 86_400_000;
}

/** Publication and revision dates the page declares in markup. */
function declaredDates(sources: DateSources, now: Date): { published?: DeclaredDate; modified?: string; alternatives: DeclaredDate[] } {
  const tryValue = (value: string | undefined, source: DateSource, generic = false): DeclaredDate | undefined => {
    const normalized = normalizeDate(value, now);
    return normalized ? { value: normalized, source, generic, utc: /(?:\dZ|[+-]00:?00|GMT|UTC)\s*$/i.test(value!.trim()) } : undefined;
  };
  const meta = (keys: string[]) => keys.map((key) => sources.meta.get(key)).find(Boolean);
  const markedTime = sources.times.find((t) => t.published && !t.modified && t.value);
  const candidates = [
    tryValue(sources.ld, 'json-ld'),
    tryValue(meta(PUBLICATION_META), 'meta'),
    tryValue(sources.pageLd, 'json-ld-page'),
    tryValue(vendorPublicationMeta(sources.meta), 'vendor-meta'),
    tryValue(meta(GENERIC_DATE_META), 'meta', true),
    tryValue(markedTime?.value, 'time-element'),
    tryValue(sources.times.find((t) => !t.modified && t.value)?.value, 'time-element', true),
  ].filter((c): c is DeclaredDate => c !== undefined);
  const modified = normalizeDate(sources.ldModified, now) ?? normalizeDate(meta(MODIFICATION_META), now) ?? normalizeDate(sources.times.find((t) => t.modified)?.value, now);
  return { ...(candidates[0] ? { published: candidates[0] } : {}), ...(modified ? { modified } : {}), alternatives: candidates.slice(1).filter((c) => !c.generic) };
}

/** Dates written out where the page shows its date: <time> texts, then date/byline boxes. */
function visibleDates(sources: DateSources, now: Date): { value: string; source: DateSource; revision: boolean }[] {
  const out: { value: string; source: DateSource; revision: boolean }[] = [];
  const reading = lineReading(sources);
  for (const time of sources.times) {
    if (out.length >= VISIBLE_LIMIT) break;
    const value = time.text ? parseTextDate(time.text, now) : undefined;
    if (value) out.push({ value, source: 'time-text', revision: time.modified || REVISION_NOTE.test(time.text) });
  }
  for (const text of (sources.shown?.labelled ?? []).slice(0, 1)) {
    const value = parseTextDate(text, now, reading);
    if (value) out.push({ value, source: 'labelled-text', revision: false });
  }
  for (const text of sources.shown?.nearHeadline ?? []) {
    if (out.length >= VISIBLE_LIMIT) break;
    const value = parseTextDate(text, now, reading);
    if (value) out.push({ value, source: 'headline-text', revision: REVISION_NOTE.test(text.slice(0, text.search(/\d/) + 1)) });
  }
  let boxes = 0;
  for (const text of sources.dateTexts) {
    if (boxes >= VISIBLE_LIMIT) break;
    const value = parseTextDate(text, now, reading);
    if (!value) continue;
    boxes++;
    out.push({ value, source: 'visible-text', revision: REVISION_NOTE.test(text.slice(0, text.search(/\d/) + 1)) });
  }
  return out;
}

/** How date lines are read: two-digit years allowed, slash dates in the page language's order. */
function lineReading(sources: DateSources): { shortYear: boolean; slashOrder: 'dmy' | 'mdy' | undefined } {
  return { shortYear: true, slashOrder: slashOrderFor(sources.language) };
}

/** The publication date and where it came from (order of trust: see extractArticle). */
export function publicationDate(sources: DateSources, now: Date): ChosenDate | undefined {
  const { published, modified, alternatives } = declaredDates(sources, now);
  const visible = visibleDates(sources, now);
  const url = dateFromUrl(sources.url, now);
  if (published) {
    const chosen = { value: localMidnight(published, sources.language) ?? published.value, source: published.source };
    // A URL's date is written once, when the story is created: the strongest confirmation.
    if (url && day(url) === day(published.value)) return chosen;
    // A UTC timestamp near midnight: the day the URL or the page writes is the local one.
    const shown = visible.filter((v) => !v.revision);
    if (published.utc && url && dayDistance(url, published.value) === 1) return { value: url, source: published.source };
    // A generic date field loses to the date the page shows as its own (a labelled date, a <time>,
    // or an earlier date in a date box: later ones are "today" in the header or upcoming events),
    // unless the line by the headline shows the same day.
    if (published.generic && shown.find((v) => v.source === 'headline-text')?.value.slice(0, 10) === day(published.value)) return chosen;
    const labelled = shown.find((v) => v.source === 'labelled-text');
    if (published.generic && labelled && day(labelled.value) !== day(published.value)) return { value: labelled.value, source: labelled.source };
    if (published.generic && shown[0] && day(shown[0].value) !== day(published.value) && (shown[0].source === 'time-text' || shown[0].value < published.value)) {
      return { value: shown[0].value, source: shown[0].source };
    }
    // A bare date right by the headline is the date the page presents; declared metadata more
    // than a day away from it is usually an import or revision stamp of the CMS.
    const bare = bareHeadlineDate(sources, now);
    if (bare && !url && dayDistance(bare, published.value) > 1) return { value: bare, source: 'headline-text' };
    if (shown.some((v) => day(v.value) === day(published.value))) return chosen;
    // Declared sources that disagree (JSON-LD in local time, meta in UTC, a CMS import stamp): the one the page shows wins.
    // Only the line by the headline or a labelled date confirms: <time> elements also date comments.
    const confirmed = alternatives.find((alt) => day(alt.value) !== day(published.value) && shown.some((v) => (v.source === 'headline-text' || v.source === 'labelled-text') && day(v.value) === day(alt.value)));
    if (confirmed) return { value: confirmed.value, source: confirmed.source };
    if (published.utc) {
      const local = shown.find((v) => dayDistance(v.value, published.value) === 1);
      if (local) return { value: local.value, source: published.source };
    }
    // The page presents its revision as its date (evergreen pages republished with a new date).
    if (modified && modified > published.value && visible[0] && day(visible[0].value) === day(modified)) return { value: modified, source: published.source };
    // The same when the revision date the page shows is not declared anywhere: it is the only date readers see.
    if (visible.length && visible.every((v) => v.revision) && visible[0]!.value > published.value) return { value: visible[0]!.value, source: visible[0]!.source };
    // Nothing the page shows confirms the declared date and the URL's date is days away: the URL
    // was written once, when the story was created; the declared value is a later stamp (a site
    // relaunch or import that re-dated the old stories).
    if (url && dayDistance(url, published.value) > 1) return { value: url, source: 'url' };
    return chosen;
  }
  // A URL that files the story under a month (/2017/09/slug) was written when the story was
  // published: a date shown before that month is something else the page mentions (a book's
  // release, an event, the post a reply quotes).
  const urlMonth = url ? undefined : monthFromUrl(sources.url);
  const possible = (value: string | undefined) => !!value && (!urlMonth || value.slice(0, 7) >= urlMonth);
  const candidates = visible.filter((v) => possible(v.value));
  const timeText = candidates.find((v) => v.source === 'time-text' && !v.revision);
  if (timeText) return { value: timeText.value, source: 'time-text' };
  if (url) return { value: url, source: 'url' };
  const labelled = candidates.find((v) => v.source === 'labelled-text');
  if (labelled) return { value: labelled.value, source: 'labelled-text' };
  const nearHeadline = candidates.find((v) => v.source === 'headline-text' && !v.revision);
  if (nearHeadline) return { value: nearHeadline.value, source: 'headline-text' };
  const titled = (sources.titles ?? []).map((t) => titleDate(t, now)).find(possible);
  if (titled) return { value: titled, source: 'title' };
  // Date boxes showing many different days are a list of other stories (teasers, archives).
  const boxDays = new Set(sources.dateTexts.slice(0, LIST_DATES).map((text) => parseTextDate(text, now, { shortYear: true })?.slice(0, 10)).filter(Boolean));
  const box = boxDays.size >= LIST_DATES ? undefined : (candidates.find((v) => v.source === 'visible-text' && !v.revision) ?? firstDate(sources.dateTexts.filter((text) => !REVISION_NOTE.test(text)), now, possible));
  if (box) return { value: box.value, source: 'visible-text' };
  // Only a line that is mostly its date dates the page; a sentence or a picture credit that
  // mentions one ("… befahren (Foto: U. Tischhauser, 15.01.2022).") dates what it describes.
  const content = firstDate(sources.contentDates.filter(isDateLine), now, possible);
  if (content) return { value: content.value, source: 'content-date' };
  const dateline = sources.dateline ? `${sources.dateline}T00:00:00Z` : undefined;
  if (possible(dateline)) return { value: dateline!, source: 'dateline' };
  const opening = openingDate(sources.opening, now);
  if (possible(opening)) return { value: opening!, source: 'dateline' };
  // Last: a page that states only when it was last changed (wikis, evergreen service pages) is
  // dated by that change, the best estimate of when its text was current.
  const revision = modified ?? visible.find((v) => v.revision)?.value ?? firstRevisionNote(sources, now);
  return revision ? { value: revision, source: 'revision' } : undefined;
}

/** A line that is a date with a label, a place or a name beside it, not a sentence that mentions one. */
function isDateLine(text: string): boolean {
  return collapse(text).replace(WRITTEN_DATE, '').length <= MAX_BESIDE_DATE;
}

function firstRevisionNote(sources: DateSources, now: Date): string | undefined {
  for (const text of [...sources.dateTexts, ...sources.contentDates]) if (REVISION_NOTE.test(text)) return parseTextDate(text, now);
  return undefined;
}

/** "27.1.2022 - Bei der Erinnerung …", "01.02.2022 „Der Arbeitsmarkt …": a date opening the text, set off by a dash or a quote. */
const OPENING_DATE = /^(?:\p{Lu}[\p{L}.-]+(?:\s\p{Lu}[\p{L}.-]+)?,?\s+)?(?:den\s+|am\s+)?(\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\.?\s+\p{L}{3,9}\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},\s+\d{4})\s*(?:[-–—|:]\s*|(?=[„"“«]))/u;

/** A date that is a whole segment at either end of a title: "23.01.2022 - …", "… | 08.11.2021", "… vom 22.04.2020". */
const TITLE_DATE = /^\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\s*[-–—|:]\s|\s(?:[-–—|]|vom)\s*(\d{1,2}\.\s?\d{1,2}\.\s?\d{4})\s*(?:[-–—|]|$)/u;

function titleDate(title: string, now: Date): string | undefined {
  const match = TITLE_DATE.exec(title);
  const text = match?.[1] ?? match?.[2];
  return text ? parseTextDate(text, now) : undefined;
}

function openingDate(text: string | undefined, now: Date): string | undefined {
  const match = text ? OPENING_DATE.exec(text.slice(0, 80)) : null;
  return match ? parseTextDate(match[1]!, now) : undefined;
}

/** Languages of countries on Central European time (UTC+1, +2 in summer). */
const CET_LANGUAGE = /^(?:de|fr|it|nl|pl|cs|sk|sl|hr|hu|da|sv|no|nb|nn|lb)\b/i;

/**
 * A date-only value that a CMS in Central Europe stored as local midnight and wrote in UTC
 * ("2022-11-06T23:00:00Z" for 7 November): on such pages the intended day is the next one.
 */
function localMidnight(published: DeclaredDate, language: string | undefined): string | undefined {
  if (!published.utc || !language || !CET_LANGUAGE.test(language.trim())) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(22|23):00:00/.exec(published.value);
  if (!match) return undefined;
  const instant = Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:00:00Z`);
  // Midnight is 23:00 UTC in winter time and 22:00 UTC in summer time; any other pairing is a real hour.
  const summer = isEuropeanSummerTime(instant, Number(match[1]));
  if ((match[4] === '22') !== summer) return undefined;
  const next = new Date(instant + 86_400_000).toISOString().slice(0, 10);
  return `${next}T00:00:00${summer ? '+02:00' : '+01:00'}`;
}

/** EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October. */
function isEuropeanSummerTime(instant: number, year: number): boolean {
  const lastSunday = (month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0));
    return Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
  };
  return instant >= lastSunday(2) && instant < lastSunday(9);
}

/** The nearest date line by the headline when it holds nothing but a date and a time. */
function bareHeadlineDate(sources: DateSources, now: Date): string | undefined {
  const text = sources.shown?.nearHeadline[0];
  if (!text || ISO_TEXT.test(text) || REVISION_NOTE.test(text) || AMBIGUOUS_SLASH.test(text)) return undefined;
  const rest = text.replace(WRITTEN_DATE, ' ').replace(/\d{1,2}[:.]\d{2}(?::\d{2})?/g, ' ').replace(/\b(?:um|uhr|at|a\.\s?m\.|p\.\s?m\.|am|pm)\b/gi, ' ');
  if (/\p{L}{2,}/u.test(rest)) return undefined;
  return parseTextDate(text, now, lineReading(sources));
}

/** Machine timestamps shown as text ("2018-08-29 14:15:57") are CMS stamps more than publication dates. */
const ISO_TEXT = /\d{4}-\d{2}-\d{2}/;
/** "11/01/2021": Austrian sites write US order too, so such a date cannot overrule metadata. */
const AMBIGUOUS_SLASH = /(?<!\d)(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|1[0-2])\/\d{4}/;

/** Vendor-prefixed publication meta ("shareaholic:article_published_time", "parsely-pub-date"). */
function vendorPublicationMeta(meta: Map<string, string>): string | undefined {
  for (const [key, value] of meta) if (/(?:publish|pub[-_]?date|issued|created)/.test(key) && !/modif|updat|expir/.test(key)) return value;
  return undefined;
}

/** The modification date the page declares, for the article's modifiedAt. */
export function modificationDate(sources: DateSources, now: Date): string | undefined {
  return declaredDates(sources, now).modified;
}

/** The first date in the texts that `accept` (by default any). */
function firstDate(texts: string[], now: Date, accept: (value: string) => boolean = () => true): { value: string } | undefined {
  for (const text of texts) {
    const value = parseTextDate(text, now);
    if (value && accept(value)) return { value };
  }
  return undefined;
}

/** Elements before the headline (kicker, topline) and after it (meta line, byline) that still count as "around" it. */
const BEFORE_HEADLINE = 15;
const AFTER_HEADLINE = 60;
const MAX_LINE = 100;
const MAX_RAW_TEXT = 2000;
const HEAD_CHARS = 600;
/** Raw length beyond which a text without digits cannot collapse to a label or a byline (indentation included). */
const NO_DATE_MAX_RAW = 400;
/** Characters besides the date: a place, a label, a name ("Pressemitteilung vom …| Berlin"). */
const MAX_BESIDE_DATE = 45;

/** A label that says the next text is the publication date ("Datum:", "Erschienen am"). */
const LABEL_WORDS = String.raw`(?:presse)?(?:mitteilung|meldung|information)\s+vom|fachmeldung\s+vom|datum|date|veröffentlicht(?: am)?|erschienen(?: am)?|publiziert(?: am)?|published(?: on)?|publication date|erscheinungsdatum|ausgabedatum|posted(?: on)?|fecha|publicado(?: el)?|publié le|data publikacji`;
const DATE_LABEL = new RegExp(String.raw`^(?:${LABEL_WORDS})\s*:?`, 'i');
/** A label inside a meta line ("Letzte Änderung: … Erschienen am: 01.11.2023"). */
const INNER_LABEL = new RegExp(String.raw`(?<!\p{L})(?:${LABEL_WORDS})\s*:?\s*`, 'giu');
/** How many elements after a bare label its date may come (label and value in sibling spans). */
const LABEL_REACH = 4;

/**
 * A line in comments, related stories, teasers, widgets or the page footer dates something else.
 * The line's own class is styling ("bb-teaser-meta" above a headline), so only its boxes count.
 */
function inSideBlock(element: Element): boolean {
  return element.tag === 'aside' || element.tag === 'footer' || element.tag === 'nav' || (element.parent !== null && inPageFurniture(element.parent, false));
}

const DATE_AT_START = new RegExp(String.raw`^(?:${WRITTEN_DATE.source})`, 'u');

/** "<li><span>Datum:</span> 26. Januar 2022</li>": the label is a child, the date the parent's own text. */
function hasLabelChild(element: Element): boolean {
  for (const child of element.children) {
    if (typeof child === 'string' || child.children.length !== 1 || typeof child.children[0] !== 'string') continue;
    const text = collapse(child.children[0]);
    const label = DATE_LABEL.exec(text);
    if (label && label[0].length === text.length) return true;
  }
  return false;
}

function labelledInside(text: string): string | undefined {
  for (const match of text.matchAll(INNER_LABEL)) {
    const rest = text.slice(match.index + match[0].length);
    if (DATE_AT_START.test(rest)) return rest;
  }
  return undefined;
}

export interface ShownDateTexts {
  /** Short date lines around the first <h1>, nearest first. */
  nearHeadline: string[];
  /** Dates introduced by a label ("Datum: 25.01.2022", "Erschienen am: 01.11.2023"), in page order. */
  labelled: string[];
  /** "von Andreas Kürten", "By Jane Doe" lines around the headline, nearest first: bylines without a telling class. */
  nearBylines: string[];
  /** The whole text of the first date line by the headline, names in child elements included ("Ein Artikel von <strong>Jane Doe</strong> | 27.01.2022"). */
  headlineDateLine?: string | undefined;
}

/** A short line that opens with a byline word and a capitalised name. */
const BYLINE_OPENING = /^(?:[Vv]on|[Bb]y|BY|VON|[Pp]ar|[Pp]or|[Dd]oor)\s+\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]*|von|van|de|der|da|und|and|&)){0,5}\s*$/u;
const MAX_BYLINE = 80;

/**
 * Dates the page shows without marking them up. Many pages show their date only next to the
 * headline, in markup without a telling class ("<p class=meta-info>", a bare "<h3>21.01.2022</h3>"
 * above the headline, "Hamburg, 2. November 2021" below it), or after a label.
 */
export function shownDateTexts(root: Element, title?: string): ShownDateTexts {
  const wanted = title ? collapse(title).toLowerCase() : '';
  let titleHeading = -1;
  const near: { order: number; text: string; element?: Element }[] = [];
  const bylines: { order: number; text: string }[] = [];
  const labelled: string[] = [];
  let order = 0;
  let headline = -1;
  let labelAt = -Infinity;
  let labelledParent: Element | undefined;
  for (const element of elements(root)) {
    order++;
    if (element.tag === 'h1' && headline < 0) headline = order;
    // The headline is the heading that carries the title: the first <h1> is sometimes the logo,
    // and blog themes put the post title in an <h2>.
    if (titleHeading < 0 && wanted && /^h[1-3]$/.test(element.tag) && collapse(textOf(element)).toLowerCase() === wanted) titleHeading = order;
    let own = '';
    for (const child of element.children) if (typeof child === 'string') own += child;
    if (own.length < 4) continue;
    const hasDigit = /\d/.test(own);
    // Without a digit a text can only be a label or a byline, both short: skip prose cheaply.
    if (!hasDigit && own.length > NO_DATE_MAX_RAW) continue;
    // Indentation can make the raw text long: measure it collapsed, but collapse only a head of
    // it (body paragraphs are long and only their opening can hold a date label).
    const head = own.length > HEAD_CHARS ? collapse(own.slice(0, HEAD_CHARS)) : '';
    if (head.length > MAX_LINE * 2 || own.length > MAX_RAW_TEXT) {
      // A lead paragraph that opens with "Pressemitteilung vom 25. Januar 2022 | Berlin – …".
      const opening = /\d/.test(head.slice(0, MAX_LINE)) ? labelledInside(head.slice(0, MAX_LINE)) : undefined;
      if (opening) labelled.push(opening);
      continue;
    }
    own = collapse(own);
    if (own.length < 4) continue;
    if (own.length > MAX_LINE * 2) {
      const opening = labelledInside(own.slice(0, MAX_LINE));
      if (opening) labelled.push(opening);
      continue;
    }
    // Neither a date nor short enough to be a label or a byline.
    if (own.length > MAX_BYLINE && !hasDigit) continue;
    const label = DATE_LABEL.exec(own);
    if (label && own.length === label[0].length) {
      // A label whose parent already gave its date (hasLabelChild below) labels nothing further.
      if (element.parent !== labelledParent) labelAt = order;
      continue;
    }
    if (own.length <= MAX_BYLINE && !/^h[1-6]$/.test(element.tag) && BYLINE_OPENING.test(own) && !inSideBlock(element)) bylines.push({ order, text: own });
    if (!hasDigit || !WRITTEN_DATE.test(own)) continue;
    if (own.length > MAX_LINE) {
      // A longer meta line can still hold a labelled date ("Letzte Änderung: … Erschienen am: …").
      const inner = labelledInside(own);
      if (inner) labelled.push(inner);
      continue;
    }
    const labelChild = !label && hasLabelChild(element);
    if (label || order - labelAt <= LABEL_REACH || labelChild) {
      labelled.push(label ? own.slice(label[0].length) : own);
      labelAt = -Infinity;
      if (labelChild) labelledParent = element;
    } else {
      const inner = labelledInside(own);
      if (inner) labelled.push(inner);
    }
    // A date line, not a sentence that mentions a date ("Am 9. Oktober wurde …"), and not the date
    // of a teaser in a side or footer widget.
    if (own.replace(WRITTEN_DATE, '').length <= MAX_BESIDE_DATE && !inSideBlock(element)) near.push({ order, text: own, element });
  }
  const anchor = titleHeading >= 0 ? titleHeading : headline;
  const aroundHeadline = (found: { order: number; text: string }[]) =>
    anchor < 0
      ? []
      : found
          .filter((f) => f.order >= anchor - BEFORE_HEADLINE && f.order <= anchor + AFTER_HEADLINE)
          .sort((a, b) => Math.abs(a.order - anchor) - Math.abs(b.order - anchor))
          .map((f) => f.text);
  const nearHeadline = aroundHeadline(near);
  const firstLine = near.find((f) => f.text === nearHeadline[0])?.element;
  const wholeLine = firstLine ? collapse(textOf(firstLine)) : undefined;
  return { nearHeadline, labelled, nearBylines: aroundHeadline(bylines), ...(wholeLine && wholeLine.length <= MAX_LINE ? { headlineDateLine: wholeLine } : {}) };
}
