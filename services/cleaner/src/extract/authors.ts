/** Author names: from declared metadata and visible bylines, cleaned of roles, dates and site names. */
import { decodeHTML } from 'entities';
import { WRITTEN_DATE } from './dates';
import { collapse } from './dom';
import { isGivenName } from './given-names';
import { CREDIT_LABEL, squash, type SiteNames } from './metadata';

const ROLE_WORDS =
  /^(?:staff|staff writer|writer|editor|editors|phd|ph\.d|md|dr|prof|redaktion|redacción|redaccion|agencies|agencias|agences|collectif|redakteur(?:in)?|reporter|correspondent|korrespondent(?:in)?|admin|administrator|guest|gast|autor|author|team|newsroom|editorial|online|webmaster|the editors|ap|ein gastbeitrag|gastbeitrag|mitarbeiter|freie? mitarbeiter(?:in)?|chefredakteur(?:in)?|senior editor|contributor|photographer|fotograf(?:in)?|posted|veröffentlicht|published|updated|aktualisiert)$/i;

/** Words that end a byline's name part: what follows is a date, a category or page furniture. */
const NAME_STOP_WORDS = new Set(['chefredakteur', 'chefredakteurin', 'redakteur', 'redakteurin', 'redaktion', 'editor', 'reporter', 'korrespondent', 'korrespondentin', 'autor', 'autorin', 'author', 'post', 'posted', 'kategorien', 'kategorie', 'categories', 'category', 'am', 'on', 'um', 'at', 'mo', 'di', 'mi', 'do', 'fr', 'sa', 'so', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'veröffentlicht', 'published', 'updated', 'aktualisiert', 'vor', 'ago', '-', '–', '—', '|', '•', '·', '»', 'shares', 'comments', 'kommentare', 'edit', 'über', 'about', 'mehr', 'more', 'alle', 'all', 'view', 'profil', 'profile', 'follow', 'folgen', 'kontakt', 'contact', 'e-mail', 'email']);

function cutAtStopWord(part: string): string {
  const words = part.trim().split(/\s+/);
  const stop = words.findIndex((w, i) => i > 0 && (NAME_STOP_WORDS.has(w.toLowerCase().replace(/[.:,]$/, '')) || /^https?:/i.test(w)));
  return stop > 0 ? words.slice(0, stop).join(' ') : part;
}

/**
 * What stands before the name in a byline: "Von", "Posted by", "Eine Kolumne von", "Autor:",
 * "FOCUS-Online-Experte". Several can follow each other ("Von FOCUS-Online-Experte X"), so the
 * caller strips until nothing matches.
 */
const NAME_PREFIX =
  /^(?:(?:(?:written|posted|text|texte|reported|published|photos?|fotos?|erstellt|artikel|beitrag|pressemitteilung|veröffentlicht|publiziert|geschrieben|verfasst|gespeichert|eingestellt|alle posts|publié|écrit|publicado|escrito|pubblicato|scritto|eine?\s+(?:kolumne|kommentar|gastbeitrag|beitrag|analyse|reportage|glosse|artikel|text|interview))\s+)?(?:by|von|vom|par|por|di|da|door|de|przez)(?:\s*:\s*|\s+|$)|(?:post author|author|auteur|autor(?:in)?|autoren|authors?|text|texte|interview|[\p{L}-]+-experte|[\p{L}-]+-expertin|~)(?:\s*:\s*|\s+|$))/iu;

/** A label glued to the name by markup without spaces: "AuthorAndreas Kalt", "PorRodolfo Costa". */
const GLUED_PREFIX = /^(?:Author|Autor|Autorin|AUTHOR|AUTOR|By|BY|Von|VON|Por|Par|Text)(?=\p{Lu}\p{Ll})/u;

/** A word glued to what follows it ("ImhofQuelle: Livenet"): a long lower-case run, then a capital. Short heads ("McDonald", "DeLuca") are names. */
const GLUED_TAIL = /^(.*\s\p{Lu}\p{Ll}{3,})\p{Lu}\p{Ll}.*$/u;

/** A name part that is a label, a date word or a placeholder, never a person. */
const NOT_A_NAME =
  /^(?:name|posted on|veröffentlicht am|publiziert(?: am)?|eingetragen|erstellt|geschrieben|verfasst|gespeichert|published on|von|vom|by|por|par|says|sagt|no author|unknown|anonymous|anonym|alle beiträge|all posts|text|foto|fotos|photo|photos|bild|null|undefined|none|artikel von|quelle|source)\b/i;

/** Words that stand where a name should be: CMS defaults and labels left in the author field. */
const NOT_A_PERSON = /^(?:publisher|article by|letters to the(?: editor)?|super user|editorial staff|an[oó]nimo|anonyme?|anonimo|guest author|gastautor(?:in)?)$/i;
const NEWSROOM_WORD = /(?:^|[\s-])(?:redaktion|redacción|redaccion|rédaction|redakcja|redazione|redactie|newsroom)(?:$|\s)/i;
const STOCK_PHOTO = /^(?:pixabay|unsplash|shutterstock|getty images|gettyimages|istock(?:photo)?|adobe stock|fotolia|depositphotos|imago|picture alliance)$/i;

const WRITTEN_BY_LABEL = /^(?:written by|verfasst von|geschrieben von|écrit par|escrito por|scritto da|geschreven door|autor(?:in)?|author)$/i;

const EMAIL = /\s*<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?/g;

/** Text as read, entities decoded: JSON-LD is read raw from the script element ("Redacci&oacute;n"). */
function plainText(raw: string): string {
  return collapse(raw.includes('&') ? decodeHTML(raw) : raw);
}

/** A name for comparing: accents and punctuation go ("gabor_munier" and "Gàbor Muniér" meet). */
function nameKey(name: string): string {
  return squash(name.normalize('NFD').replace(/\p{M}+/gu, ''));
}

/** Stand-ins for a missing author, whatever follows them. */
const PLACEHOLDER = /^\s*(?:no author|unknown|anonymous|anonym|null|undefined|none|n\/a)\b/i;

/**
 * The name after "von", "by" or an "Autor:" label in a meta line ("Veröffentlicht am 5. Mai 2020 von Jane Doe").
 * Editors, translators and photographers are named with "by"/"von" too: the lookbehind skips them.
 */
const NAME_IN_TEXT =
  /(?<![Ee]dited|[Tt]ranslated|[Pp]hotos?|[Pp]hotographed|[Ii]llustrated|[Ff]otos?|[Bb]ild(?:er)?|[Üü]bersetzt)(?:^|[\s|·•,(])(?:[Vv]on|VON|[Bb]y|BY|[Pp]ar|[Pp]or|[Dd]oor|(?:[Aa]utor(?:in)?|AUTOR|[Aa]uthor|[Vv]erfasst von|[Tt]ext|[Rr]edaktion)\s*:)\s*:?\s+(\p{Lu}[\p{L}'’.-]+(?:\s+(?:\p{Lu}[\p{L}'’.-]*|von|van|de|der|da|del|la|le|zu)){0,3}|[\p{Ll}\d][\p{L}\d._-]{2,30}(?=\s+(?:am|on|um|at|@)\s|\s*[—–|·•,»]|\s*$))/u;

/** "… von Jane Doe", "By John Roe", "Autor: Jane Doe" inside a meta line; also a lower-case handle right before a date ("von rasos am 24. Juli"). */
export function bylineInText(text: string): string | undefined {
  const match = NAME_IN_TEXT.exec(text);
  const name = match?.[1];
  // "von Jane Doe am 5. Mai": the name part ends before the particle that starts the date.
  return name?.replace(/\s+(?:von|van|de|der|da|del|la|le|zu)$/, '');
}

/** "Kristen Falc'honKristen Falc'hon": the same name twice, glued by markup (a visible and a hidden copy). */
function undouble(name: string): string {
  const half = name.length / 2;
  return Number.isInteger(half) && half >= 3 && name.slice(0, half) === name.slice(half) ? name.slice(0, half) : name;
}

function stripPrefixes(part: string): string {
  let name = part;
  for (let round = 0; round < 3; round++) {
    const next = name.replace(NAME_PREFIX, '').replace(GLUED_PREFIX, '');
    if (next === name) break;
    name = next;
  }
  return name;
}

/** "By Jane Doe and John Roe, Staff Writer" → ["Jane Doe", "John Roe"]. Dates, roles and links go. */
export function cleanAuthors(raw: string[], siteName?: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    // A profile link is not a name, and splitting it on "/" would make names of its parts.
    if (/^\s*(?:https?:\/\/|www\.)/i.test(entry)) continue;
    // "Jane Doe - http://janedoe.example", "X und Y designed": theme and site credits, not this article's byline.
    if (/\shttps?:\/\/|\b(?:designed|powered|theme)\b/i.test(entry)) continue;
    // A contact box ("Telefon: 00800 400 … urlaub@…") is not a byline.
    if (/\b(?:tel|telefon|phone|fax)\b\.?\s*:?\s*[+(]?\d/i.test(entry)) continue;
    const stripped = plainText(entry)
      .replace(/\b(?:am|on|le|el|il|em|dnia)?\s*\d{1,2}[./]\s?\d{1,2}[./]\s?\d{2,4}.*$/i, '')
      .replace(/\b\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}.*$/u, '')
      .replace(/\b\d{4}-\d{2}-\d{2}.*$/, '')
      .replace(/\|.*$/, '')
      .replace(/\(.*?\)/g, '')
      // "Jane Doe jane@example.org": the address is contact detail, the name stays.
      .replace(EMAIL, '');
    for (const part of stripped.split(/\s*(?:,|;|\/|&|\s(?:and|und|et|y|e|i)\s|\n)\s*/i)) {
      // Before the cut at stop words: "No Author" would leave "No".
      if (PLACEHOLDER.test(part)) continue;
      const name = undouble(stripPrefixes(cutAtStopWord(part).trim()))
        .replace(GLUED_TAIL, '$1')
        .replace(/\s+(?:says|sagt|schreibt|writes|dice|dit)\s*:?$/i, '')
        .replace(/\s*→$/, '')
        .replace(/^[\s\-–—:·•@]+|[\s\-–—:·•,.]+$/g, '')
        .trim();
      // Digits only in one-word handles ("freeman1984"); a name never starts with one.
      if (!name || name.length < 2 || name.length > 60 || /^\d|https?:|www\.|@|\.(?:com|de|org|net|at|ch|it|fr|es|eu|info|io|uk|pl|nl|be)\b/i.test(name)) continue;
      if (/\d/.test(name) && /\s/.test(name)) continue;
      if (ROLE_WORDS.test(name)) continue;
      // A name is a few words, most of them capitalised.
      const words = name.split(/\s+/);
      if (words.length > 5) continue;
      // Either a name (capitalised words) or a single user handle ("gizzmo").
      if (!words.some((w) => /^\p{Lu}/u.test(w)) && words.length > 1) continue;
      if (NOT_A_NAME.test(name) || /\*$/.test(name) || NOT_A_PERSON.test(name) || /[<>]|\.html?$/i.test(name)) continue;
      // Newsroom credits ("TVT-Redaktion", "Redacción EC") name no one; stock-photo credits name no author.
      if (NEWSROOM_WORD.test(name) || STOCK_PHOTO.test(name)) continue;
      if (/^(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday|heute|today|gestern|yesterday)$/i.test(name)) continue;
      if (siteName && name.toLowerCase() === siteName.toLowerCase()) continue;
      // What follows an organisation's name in the same entry describes it ("Landesanstalt für Wald und Forstwirtschaft").
      if (/\be\.\s?V\b|\bgGmbH\b|\bStiftung\b|\bVerband\b|\bInstitut\b|\bUniversit|ministerium\b|\bDepartement\b/i.test(name)) break;
      if (/\b(?:GmbH|AG|Ltd|Inc|LLC|Verlag|Zeitung|Redaktion|Media|Média|Medien|News|Press|Presse|Agentur|Team|designed|Theme|Online|Magazin|Magazine|Illustrierte|Blog|Landesanstalt|Ministerium|Bundesamt|Department|Ministry|Association|Foundation)\b/iu.test(name) && words.length > 1) break;
      // Person names start with a capital or a particle ("von der Leyen"); "deinen Hochzeitsbloggern" is prose,
      // and so is a lower-case word inside ("Kontakt zur" left of a cut "Redaktion").
      if (words.length > 1 && !/^(?:\p{Lu}|(?:von|van|de|da|di|del|der|den|la|le|al|el|ten|ter|zu)$)/u.test(words[0]!)) continue;
      if (words.length > 1 && /^\p{Lu}/u.test(words[0]!) && words.slice(1).some((w) => /^(?:zur|zum|für|fur|mit|bei|über|aus|und|the|of|for|to|with|from|at|on|in|im|am|an|auf|des|dem|die|das)$/.test(w))) continue;
      const key = name.toLowerCase();
      if (!seen.has(key)) {
        seen.add(key);
        out.push(name);
      }
    }
  }
  // Initials ("TK") and handles ("jane.doe") beside full names repeat the same person.
  const full = out.filter((n) => /\s/.test(n));
  return full.length ? out.filter((n) => /\s/.test(n) || !(/^\p{Lu}{1,3}$/u.test(n) || /^[\p{Ll}\d]+[._][\p{Ll}\d._]+$/u.test(n))) : out;
}

/** Title-case words, initials and name particles: "Jane Doe", "J. R. Stone", "Ursula von der Leyen". */
function looksLikePersonName(name: string): boolean {
  const words = name.split(/\s+/);
  if (words.length < 2 || words.length > 5) return false;
  return words.every((w) => /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u.test(w) || /^(?:\p{Lu}\.)+$/u.test(w) || /^(?:von|van|der|den|de|da|del|di|la|le|zu|du)$/.test(w));
}

/**
 * "11.12.2019 - Amelie Loevenich", "1. Februar 2022, Daniel Dillenburg": a date line by the
 * headline whose other part is a person's name (title-case words, nothing else).
 */
export function nameBesideDate(line: string | undefined): string | undefined {
  if (!line || !WRITTEN_DATE.test(line)) return undefined;
  const rest = line
    .replace(WRITTEN_DATE, ' ')
    .replace(/\d{1,2}[:.]\d{2}(?:\s*uhr)?/gi, ' ')
    .replace(/^[\s|,·•–—-]+|[\s|,·•–—-]+$/g, '')
    .trim();
  const name = stripPrefixes(rest).trim();
  return looksLikePersonName(name) ? name : undefined;
}

/**
 * Brands given as the author: the publisher, the site name ("Interscenario" on INTERSCENAR.IO), or
 * a name that holds the site name or domain plus more ("Die FURCHE" on furche.at). A name that
 * equals the domain label stays: blogs live on their author's handle (creeny.wordpress.com), and
 * person-like names stay because personal sites are named after their author.
 */
function isSiteBrand(name: string, site: SiteNames, publisher: string | undefined): boolean {
  const s = squash(name);
  if (!s) return false;
  if ((publisher && s === squash(publisher)) || (site.siteName && s === squash(site.siteName))) return true;
  if (looksLikePersonName(name)) return false;
  const labels = (site.domain ?? '').split('.').filter((l) => l.length >= 4 && !/^(?:www|blog|blogspot|wordpress|home)$/.test(l)).map(squash);
  const siteName = site.siteName ? squash(site.siteName) : '';
  return labels.some((l) => s !== l && s.includes(l)) || (siteName.length >= 4 && s !== siteName && (s.includes(siteName) || (s.length >= 4 && siteName.includes(s))));
}

/**
 * News agencies as articles credit them ("dpa", "AFP", "APA/AP"). Researchers filter by agency, so
 * a credited agency is kept as the author when no person is named. A fixed list, because an
 * unlabelled bracket or copyright note naming anything else is more often an aside or a photo credit.
 */
const AGENCIES = new Set(['dpa', 'afp', 'ap', 'apa', 'reuters', 'kna', 'epd', 'sid', 'dapd', 'ddp', 'ots', 'kathpress', 'kap', 'sda', 'keystone-sda', 'ats', 'ansa', 'efe', 'jiji', 'kyodo', 'xinhua', 'aap', 'pa', 'pti', 'ians', 'upi', 'tass', 'ria novosti', 'belga', 'anp', 'ntb', 'ctk', 'pap', 'mti', 'hina', 'bta', 'lusa', 'europa press', 'yonhap', 'bloomberg', 'kipa', 'agenturen', 'agencies', 'agences', 'agencias']);

/** "© 2012 APA/AP", "(c) dpa". */
const COPYRIGHT_MARK = /^(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?/i;

/**
 * The credit of a credit line ("Quelle: hessenschau.de/bb", "(FR mit dpa)", "© 2012 APA/AP"), as
 * written. Without a "Quelle:" label it must name an agency, so that photo credits and asides in
 * brackets stay out; besides agencies it may hold editors' initials ("lno"), short abbreviations
 * ("FR") and the site's name ("AFP/The Local"). A credit that is only the site's name is no author.
 */
export function creditInLine(line: string, site: SiteNames, publisher?: string): string | undefined {
  let text = collapse(line);
  const labelled = CREDIT_LABEL.test(text);
  // "Quelle: (Strato)" cites where a quote comes from; a credit is not bracketed after its label.
  if (labelled && /^\(/.test(text.replace(CREDIT_LABEL, ''))) return undefined;
  text = text
    .replace(CREDIT_LABEL, '')
    .replace(COPYRIGHT_MARK, '')
    .replace(/^(?:pressemitteilung|pressemeldung|press release|communiqué de presse|nota de prensa)\s+(?:der\s+|des\s+|von\s+|from\s+|of\s+)?/i, '')
    .replace(/^\((.*)\)$/, '$1')
    .replace(/[\s.;,]+$/, '')
    .trim();
  if (!text || text.length > 40) return undefined;
  const siteNames = [site.siteName, publisher, site.domain, site.domain?.replace(/\.[a-z]+$/i, '')].filter((n): n is string => !!n).map(squash);
  const isSite = (part: string) => siteNames.includes(squash(part));
  if (isSite(text)) return undefined;
  const parts = text.split(/\s*(?:\/|,|;|&|\s(?:mit|with|und|and)\s)\s*/i).filter(Boolean);
  if (parts.length > 4) return undefined;
  let agency = false;
  for (const part of parts) {
    if (AGENCIES.has(part.toLowerCase())) agency = true;
    // "red" is the newsroom ("Redaktion"), which credits no one.
    else if (/^(?:red|redaktion|team)$/i.test(part) || ROLE_WORDS.test(part)) return undefined;
    else if (/^\p{Ll}{2,4}$/u.test(part) || /^\p{Lu}{2,5}$/u.test(part) || isSite(part)) continue;
    // A labelled credit may name another organisation: "MDR THÜRINGEN", "hessenschau.de", "kathpress".
    else if (!labelled || !/^(?:\p{Lu}[\p{L}.-]*|[\p{Ll}-]+(?:\.[a-z]{2,4})?)(?:\s\p{Lu}[\p{L}.-]*){0,2}$/u.test(part)) return undefined;
  }
  return agency || labelled ? text : undefined;
}

/** Blog platforms that give each blog a subdomain named after its owner's account. */
const HOSTED_BLOG = /^([a-z0-9][a-z0-9-]{2,40})\.(?:wordpress\.com|blogspot\.[a-z.]{2,6}|tumblr\.com|substack\.com|livejournal\.com|typepad\.com|over-blog\.com|hatenablog\.com)$/i;

/**
 * The account a hosted blog belongs to (zahlenzauberin.wordpress.com → "zahlenzauberin"): with
 * no byline on the page, the blog's owner wrote the post.
 */
export function hostedBlogOwner(domain: string | undefined): string | undefined {
  const match = domain ? HOSTED_BLOG.exec(domain.replace(/^www\./, '')) : null;
  return match?.[1];
}

export interface AuthorSources {
  /** Person names of the JSON-LD Article-like object. */
  ldAuthors: string[];
  /** Organisations the JSON-LD Article-like object names as its author. */
  ldOrganisations?: string[] | undefined;
  /**
   * Credit lines, tried in this order when no person is found: labelled lines ("Quelle: dpa") and
   * the trailing bracket of the text's last paragraphs ("(FR mit dpa)"), the dateline's agency,
   * then copyright and source notes ("© 2012 APA/AP").
   */
  creditLines?: string[] | undefined;
  /** Authors of another JSON-LD object (WebPage, Recipe), as older Yoast graphs declare them. */
  pageLdAuthors: string[];
  meta: Map<string, string>;
  /** Texts of byline elements, the precise ones (rel/itemprop/class author) first. */
  bylines: string[];
  /** "Von …"/"By …" lines at the top or bottom of the article text. */
  bodyBylines: string[];
  /** Short meta lines ("Veröffentlicht am 5. Mai von Jane Doe") to search for "von"/"by". */
  metaLines: string[];
  /** Lines by the headline: bylines without markup ("von Andreas Kürten") and date lines that name a person ("11.12.2019 - Amelie Loevenich"). */
  headlineLines?: { bylines: string[]; dateLines: string[] } | undefined;
  /** Alt texts of portraits in author boxes ("Kathrin Führes", "Profile picture for user Anna Galazka"). */
  authorImageAlts?: string[] | undefined;
  /** Short last lines of the article text, where a signature stands ("Stefan Wasmer", "Denis Clerc"). */
  signatureLines?: string[] | undefined;
  /** The document's `<title>`, whose segments name a personal site's owner ("Gregory Szorc's Digital Home"). */
  documentTitle?: string | undefined;
  site: SiteNames;
  publisher?: string | undefined;
}

/**
 * Author meta tags in order of trust. Google Scholar's citation_author is per paper, where a plain
 * "author" on publisher pages can hold cited authors; vendor tags (Parse.ly, Cxense, Shareaholic)
 * are written per article.
 */
const AUTHOR_META = ['citation_author', 'author', 'article:author', 'og:article:author', 'article:author_name', 'sailthru.author', 'parsely-author', 'cxenseparse:author', 'shareaholic:article_author_name', 'dc.creator', 'byl', 'dcterms.creator'];

/**
 * Chooses the authors: the first source that yields a person wins, in this order:
 *  1. JSON-LD authors of the Article-like object;
 *  2. author meta tags (AUTHOR_META order; a tag naming the site or a profile URL is skipped);
 *  3. JSON-LD authors of another object (WebPage);
 *  4. the first visible byline element that yields a name;
 *  5. a "Von …"/"By …" line at the top or bottom of the text;
 *  6. "von X"/"by X"/"Autor: X" in a short meta line;
 *  7. with no person anywhere, a credited organisation (creditedOrganisations), a personal site's
 *     owner, a hosted blog's owner, then the newsroom or publisher the page puts in its author field
 *     (declaredOrganisation).
 * Declared values come first: visible bylines also sit in teasers and author boxes of other posts.
 */
export function chooseAuthors(sources: AuthorSources): string[] {
  const clean = (raw: string[]) => {
    // A whole entry that names the site ("Süddeutsche.de GmbH, Munich, Germany", "Jane Doe, John Roe ebrosia, Germany") is a site-wide default.
    const entries = raw.filter((r) => !isSiteBrand(collapse(r.replace(EMAIL, ' ')), sources.site, sources.publisher));
    return cleanAuthors(entries, sources.site.siteName).filter((name) => !isSiteBrand(name, sources.site, sources.publisher));
  };
  const declared: string[][] = [sources.ldAuthors];
  for (const key of AUTHOR_META) {
    const value = sources.meta.get(key);
    // Profile URLs and social handles ("@NatGeoUK") are accounts, often the publisher's.
    if (value && !/^(?:https?:|@)/.test(value.trim())) declared.push([value]);
  }
  // Yoast writes the author into Twitter's label/data pairs ("Verfasst von" / "Jane Doe").
  for (const n of [1, 2]) {
    const label = sources.meta.get(`twitter:label${n}`);
    const data = sources.meta.get(`twitter:data${n}`);
    if (label && data && WRITTEN_BY_LABEL.test(label.trim())) declared.push([data]);
  }
  declared.push(sources.pageLdAuthors);
  const visible: string[][] = [];
  for (const byline of sources.bylines) {
    visible.push([byline]);
    // "Posted on September 21, 2020 by Jane Doe": the date defeats the cleaning, the "by" still finds the name.
    const name = bylineInText(byline);
    if (name) visible.push([name]);
  }
  for (const line of sources.bodyBylines) visible.push([line]);
  for (const line of sources.metaLines) {
    const name = bylineInText(line);
    if (name) visible.push([name]);
  }
  for (const line of sources.headlineLines?.bylines.slice(0, 2) ?? []) visible.push([line]);
  const besideDate = nameBesideDate(sources.headlineLines?.dateLines[0]);
  if (besideDate) visible.push([besideDate]);
  // "06.11.2023 13:30 von Olga": a date line by the headline that says who wrote it.
  const dateLine = sources.headlineLines?.dateLines[0];
  const byOnDateLine = dateLine ? bylineInText(dateLine) : undefined;
  // The whole word: "von Marianne1" names the account "Marianne1", not a Marianne.
  const wholeWord = byOnDateLine && !/[\p{L}\d]/u.test(dateLine!.charAt(dateLine!.indexOf(byOnDateLine) + byOnDateLine.length));
  if (byOnDateLine && wholeWord && (isPersonName(byOnDateLine) || isGivenName(byOnDateLine))) visible.push([byOnDateLine]);
  const signature = (sources.signatureLines ?? []).map(signatureName).find(Boolean);
  if (signature) visible.push([signature]);
  const portrait = (sources.authorImageAlts ?? []).map(portraitName).find(Boolean);
  if (portrait) visible.push([portrait]);
  let authors: string[] = [];
  let rest: string[][] = [];
  const groups = [...declared, ...visible];
  for (let i = 0; i < groups.length && !authors.length; i++) {
    if (groups[i]!.length) authors = clean(groups[i]!);
    rest = groups.slice(i + 1);
  }
  if (!authors.length) {
    const credited = creditedOrganisations(sources);
    if (credited.length) return credited;
    const siteOwner = personalSiteOwner([sources.site.siteName, ...(sources.documentTitle?.split(TITLE_SEPARATOR) ?? [])], sources.site.domain);
    if (siteOwner) return [siteOwner];
    // A hosted blog's account names its owner; the blog's declared name is only the blog.
    const owner = hostedBlogOwner(sources.site.domain);
    if (owner) return [writtenOutHandle(owner, sources)];
    const organisation = declaredOrganisation([...(sources.ldOrganisations ?? []).map((name) => [name]), ...declared, ...sources.bylines.map((byline) => [byline])], sources);
    return organisation ? [organisation] : [];
  }
  const key = nameKey;
  // Another declared list that repeats these names and adds some is the fuller byline (JSON-LD often lists only the first author).
  for (const group of declared) {
    if (!group.length || !rest.includes(group)) continue;
    const names = clean(group);
    const have = new Set(names.map(key));
    if (names.length > authors.length && authors.every((a) => have.has(key(a)))) authors = names;
  }
  // So is a visible byline ("von Rudolf Fischer, Simon Kohler"), when what it adds are persons:
  // a byline's comma also leads to a place or a role ("Jane Doe, Berlin").
  for (const group of visible) {
    if (!group.length || !rest.includes(group)) continue;
    const names = clean(group);
    const have = new Set(names.map(key));
    const chosen = new Set(authors.map(key));
    if (names.length > authors.length && authors.every((a) => have.has(key(a))) && names.every((n) => chosen.has(key(n)) || isPersonName(n))) {
      authors = names;
      break;
    }
  }
  // A handle ("arianschlichenmayer", "edilson.la.rosa") that another source writes out as a name,
  // or a first name ("Todd") that another source gives with the surname ("By Todd Bates").
  if (authors.some((a) => !/\s/.test(a))) {
    const written = new Map<string, string>();
    const byFirst = new Map<string, string>();
    for (const group of rest.slice(0, 12)) {
      for (const name of clean(group)) {
        if (!/\s/.test(name)) continue;
        if (!written.has(key(name))) written.set(key(name), name);
        const first = name.split(/\s+/)[0]!;
        // "Henry IN Aktuell" is a byline running on into its category, not a surname.
        if (looksLikePersonName(name) && name.split(/\s+/).length <= 3 && !/\s(?:in|im|am|at|on|aus|bei|for|für)(?:\s|$)/i.test(name) && !byFirst.has(first)) byFirst.set(first, name);
      }
    }
    authors = authors.map((a) => (/\s/.test(a) ? a : (written.get(key(a)) ?? (/^\p{Lu}\p{Ll}+$/u.test(a) ? byFirst.get(a) : undefined) ?? a)));
  }
  return authors.map((a) => (/\s/.test(a) ? a : writtenOutHandle(a, sources)));
}

/**
 * The name behind an account handle: the page's own site name, `<title>` segment or a meta value
 * that spells the handle ("alexanderlasch" → "Alexander Lasch"); a hosted blog named by a longer
 * form of its handle ("chabermu" on a blog named "C.Habermueller"); else a handle made of a given
 * name and a surname ("robert.stitz" → "Robert Stitz").
 */
function writtenOutHandle(handle: string, sources: AuthorSources): string {
  const key = squash(handle);
  if (key.length < 5) return handle;
  const candidates = [sources.site.siteName, ...(sources.documentTitle?.split(TITLE_SEPARATOR) ?? []), ...sources.meta.values()];
  for (const raw of candidates) {
    if (!raw || raw.length > 40) continue;
    const name = collapse(raw);
    if (/\s/.test(name) && isPersonName(name) && nameKey(name) === key) return name;
  }
  const blogName = sources.site.siteName ? collapse(sources.site.siteName) : '';
  if (hostedBlogOwner(sources.site.domain) === handle && key.length >= 6 && /^\p{Lu}[\p{L}.]+$/u.test(blogName) && squash(blogName).startsWith(key) && squash(blogName) !== key) return blogName;
  const parts = /^(\p{Ll}+)[._-](\p{Ll}+)$/u.exec(handle);
  if (parts && parts[2]!.length >= 2 && isGivenName(parts[1]!)) return parts.slice(1, 3).map((p) => p[0]!.toUpperCase() + p.slice(1)).join(' ');
  return handle;
}

/**
 * Organisations credited as the author, for pages that name no person: a JSON-LD Organization
 * other than the publisher and the site, an agency in an author meta tag ("AFP/The Local"), else
 * the first credit line that reads as one.
 */
function creditedOrganisations(sources: AuthorSources): string[] {
  const { site, publisher } = sources;
  const organisations = (sources.ldOrganisations ?? []).map(collapse).filter((name) => name && !isSiteBrand(name, site, publisher) && !/^(?:redaktion|team|editorial|newsroom|staff)\b/i.test(name) && !PLACEHOLDER.test(name));
  if (organisations.length) return [...new Set(organisations)];
  for (const key of AUTHOR_META) {
    const value = sources.meta.get(key);
    const credit = value && !/^(?:https?:|@)/.test(value.trim()) ? creditInLine(value, site, publisher) : undefined;
    // A meta tag holds the author field itself, so only an agency counts, not any organisation.
    if (credit && !CREDIT_LABEL.test(collapse(value!))) return [credit];
  }
  for (const line of sources.creditLines ?? []) {
    const credit = creditInLine(line, site, publisher);
    if (credit) return [credit];
  }
  return [];
}

/** A credit that names a newsroom or a team rather than a person: "Redaktion", "PETA-Team", "Staff Writer". */
const NEWSROOM_CREDIT = /(?:^|[\s.-])(?:redaktion|redacción|redaccion|rédaction|redakcja|redazione|redactie|newsroom|team|webteam|staff|editorial|editors|onlineredaktion)(?:$|[\s.,-])/iu;

/**
 * The organisation a page names in its own author field or byline when it names no person: its
 * newsroom ("Redaktion", "Teufel Blog Redaktion", "By Staff Writer") or the publisher itself (a
 * JSON-LD author or an author meta tag that is the site's name). This is the page's credit as
 * written, so it is kept; the publisher is not inferred for pages that credit no one.
 */
export function declaredOrganisation(groups: string[][], sources: Pick<AuthorSources, 'site' | 'publisher'>): string | undefined {
  for (const group of groups) {
    for (const raw of group) {
      if (/^\s*(?:https?:|@|www\.)/i.test(raw)) continue;
      // What follows a comma places or describes the organisation ("GIROMATCH, Frankfurt a. M.").
      const text = stripPrefixes(plainText(raw))
        .replace(/[|,].*$/, '')
        .replace(/^[\s\-–—:·•]+|[\s\-–—:·•,.]+$/g, '')
        .trim();
      if (!text || text.length > 60 || PLACEHOLDER.test(text) || NOT_A_PERSON.test(text) || /^(?:admin|administrator|webmaster)$/i.test(text)) continue;
      const words = text.split(/\s+/);
      // A path or an address is an account ("facebook.com/vegolosi"), a slash joins several credits.
      if (words.length > 6 || /\d{3}|https?:|[/@]/.test(text)) continue;
      if (NEWSROOM_CREDIT.test(text) || isSiteBrand(text, sources.site, sources.publisher)) return text;
    }
  }
  return undefined;
}

/** A person's name: title-case words (looksLikePersonName) of which the first is a known given name. */
function isPersonName(name: string): boolean {
  return looksLikePersonName(name) && isGivenName(name.split(/\s+/)[0]!);
}

/**
 * A signature closing the text: a line that is only a person's name, maybe with a date
 * ("Stefan Wasmer", "Denis Clerc", "– Jane Doe, 10. September 2017"). The name must start with a
 * known given name: German capitalises nouns, so the shape alone also fits "Weitere Informationen".
 */
export function signatureName(line: string): string | undefined {
  const text = collapse(line)
    .replace(WRITTEN_DATE, ' ')
    .replace(/^[\s\-–—~•·]+|[\s,.;\-–—|]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return isPersonName(text) ? text : undefined;
}

const TITLE_SEPARATOR = /\s+[|–—:·•»-]\s+|\s+&#8211;\s+/;
const HONORIFIC = /^(?:dr\.?|prof\.?|prof\. dr\.?|dipl\.-\S+|mag\.?|ing\.?)\s+/i;

/**
 * The owner of a personal site: a site name or a `<title>` segment that is a person's name and
 * the site's domain at once ("Dr. Alexander Klier" on alexander-klier.net, "Gregory Szorc's
 * Digital Home" on gregoryszorc.com). Sites named after a person are written by that person;
 * the domain match keeps out persons a page is merely about.
 */
export function personalSiteOwner(names: (string | undefined)[], domain: string | undefined): string | undefined {
  const domainLabels = (domain ?? '').toLowerCase().replace(/^www\./, '').split('.').slice(0, -1);
  const labels = domainLabels.map(squash).filter((l) => l.length >= 6);
  if (!labels.length) return undefined;
  for (const raw of names) {
    if (!raw) continue;
    const written = plainText(raw);
    let name = written;
    for (let round = 0; round < 2; round++) name = name.replace(HONORIFIC, '');
    name = name.replace(/[’']s\s.*$/, '').trim();
    if (!isPersonName(name)) continue;
    const key = nameKey(name);
    if (!labels.some((label) => label === key || (label.startsWith(key) && key.length >= 8))) continue;
    // A brand can be named like a person ("Royal Road" on royalroad.com): it takes a title, a
    // possessive ("Gregory Szorc's …") or a domain that spells the name word by word.
    const spelled = domainLabels.includes(name.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, '-'));
    if (name !== written || spelled) return name;
  }
  return undefined;
}

/** The person an author portrait's alt text names: "Profilbild von Jane Doe", "Jane Doe Portrait", "Jane Doe". */
export function portraitName(alt: string): string | undefined {
  const name = stripPrefixes(collapse(alt).replace(/^(?:profile picture|profilbild|avatar|portrait|porträt|foto|photo|bild|picture)(?:\s+(?:for user|of|von|de|du))?\s*:?\s+/i, ''))
    .replace(/\s+(?:portrait|porträt|avatar|foto|photo)$/i, '')
    .trim();
  return isPersonName(name) ? name : undefined;
}
