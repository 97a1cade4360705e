/**
 * Article-level entity extraction: tokenise, tag with the shipped model for the language, then
 * turn tagged spans into entities — titles stripped, countries and demonyms resolved to ISO
 * codes, acronyms in parentheses and initialisms tied to their full names, short person
 * mentions ("Xi") tied to the full name used elsewhere in the article ("Xi Jinping").
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { individualLanguageOf, toIso1 } from '@newsflow/contracts';
import { fileURLToPath } from 'node:url';
import { arabicMentions } from './arabic';
import { ENTITY_TYPES } from './features';
import { type Gazetteer, type PlaceEntry, loadFeatureGazetteer, loadGazetteer } from './gazetteer';
import { type AliasEntry, aliasIndex } from './aliases';
import { hanMentions, isHanModel } from './han-tagger';
import { identify, lookupAlias } from './identity';
import { inflectsNames } from './identity-normalise';
import { type FrozenModel, loadModelFile } from './model';
import { type LabelledSpan, labelsToSpans, tagDocument } from './tagger';
import { type Token, splitSentences, tokenize } from './tokenize';

export type EntityType = 'person' | 'organization' | 'place';

export interface Entity {
  /** Canonical, language-independent id ("person:xi-jinping", "place:country:CN"); see identity.ts. */
  id: string;
  /** Display name, the same in every language. */
  name: string;
  type: EntityType;
  /** Mentions in the text, short forms and acronyms included. */
  count: number;
  /** UTF-16 offset of the first mention in the text given to extract(). */
  firstOffset: number;
  /** ISO 3166-1 alpha-2, for countries. */
  countryCode?: string;
  /** Other surface forms seen for this entity ("KCNA", "DPRK", "Xi"). */
  aliases?: string[];
}

export interface EntityExtractor {
  /** `language` is ISO 639-3 ("eng", "deu", …). */
  extract(text: string, language: string): Entity[];
}

/** Shipped weights for an ISO 639-3 language. */
export function modelPath(language: string): string {
  return fileURLToPath(new URL(`../../models/ner-${language}.bin.gz`, import.meta.url));
}

/**
 * Words that name a role or title rather than a person; stripped from the front of person
 * names ("President Xi Jinping" → "Xi Jinping"). Curated for this project.
 */
const TITLE_WORDS = new Set(
  [
    'president', 'vice', 'prime', 'minister', 'premier', 'chancellor', 'leader', 'chairman', 'chairwoman', 'chair',
    'secretary', 'general', 'gen', 'gen.', 'king', 'queen', 'prince', 'princess', 'emperor', 'pope', 'sheikh', 'mr',
    'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'sir', 'dame', 'lord', 'lady', 'senator', 'sen', 'sen.', 'rep',
    'rep.', 'governor', 'gov', 'gov.', 'mayor', 'judge', 'justice', 'ambassador', 'comrade', 'commander', 'colonel',
    'col', 'col.', 'captain', 'capt', 'capt.', 'lieutenant', 'lt', 'lt.', 'sergeant', 'admiral', 'marshal', 'director',
    'ceo', 'coach', 'manager', 'spokesman', 'spokeswoman', 'spokesperson', 'foreign', 'defence', 'defense', 'interior',
    'finance', 'deputy', 'former', 'late', 'professor', 'prof', 'prof.', 'father', 'rev', 'rev.', 'cardinal',
    'archbishop', 'bishop', 'rabbi', 'imam', 'ayatollah', 'chief', 'head', 'envoy', 'state', 'supreme', 'crown',
    'präsident', 'präsidentin', 'bundeskanzler', 'bundeskanzlerin', 'kanzler', 'kanzlerin', 'ministerpräsident',
    'congressman', 'congresswoman', 'councilman', 'councilwoman', 'councillor', 'assemblyman', 'assemblywoman',
    'sheriff', 'officer', 'detective', 'attorney', 'president-elect', 'candidate', 'host', 'anchor', 'correspondent',
    'herr', 'frau', 'président', 'présidente', 'presidente', 'señor', 'monsieur', 'madame',
    // Titles before names in the languages with their own tagger (the tagger often keeps them).
    'staatschef', 'staatschefin', 'machthaber', 'regierungschef', 'regierungschefin', 'außenminister', 'außenministerin',
    'ministerin', 'ministre', 'ministro', 'ministra', 'primer', 'jefe', 'líder', 'leider', 'prezydent',
    'premier', 'minister', 'президент', 'председатель', 'премьер', 'премьер-министр', 'лидер', 'министр', 'глава',
    'канцлер', 'генсек', 'президента', 'президентом', 'председателя', 'лідер', 'голова', 'міністр', 'прем’єр-міністр',
  ],
);

/** Lower-case words that do not start an initialism ("Workers' Party of Korea" → WPK). */
const INITIALISM_SKIP = new Set(['of', 'the', 'and', 'for', 'de', 'des', 'du', 'la', 'le', 'der', 'die', 'das', 'für', 'y', 'del', "'", "'s", '&']);

/**
 * Languages that put case endings on names ("in Moskau" is fine, "в Москве" is not), for
 * inflectedPlace(). Romance languages, English and Dutch are left out: there a longer word that
 * starts with a country's stem is another word ("Francis", "Indiana").
 */
const INFLECTING_LANGUAGES: ReadonlySet<string> = new Set([
  'deu', 'swe', 'dan', 'nob', 'isl', 'fin', 'ekk', 'hun', 'tur', 'azj', 'uzn', 'kaz', 'eus', 'kat', 'hye', 'lit', 'lvs',
  'rus', 'ukr', 'bel', 'pol', 'ces', 'slk', 'slv', 'hrv', 'bos', 'srp', 'bul', 'mkd', 'ell', 'als',
]);
const FINAL_VOWEL = /[aeiouyäöüëáéíóúýąęěаеёиоуыэюяйіїєьαεηιουωάέήίόύώაეიოუաեէըիոօ]$/u;

/** Articles of the Romance languages without their own model (Catalan, Galician, Romanian…). */
const LEADING_ARTICLES: ReadonlySet<string> = new Set(['la', 'el', 'els', 'les', 'lo', 'los', 'le', 'il', 'l', "l'", 'a', 'o', 'os', 'as', 'un', 'una']);

/** Tokens that never occur inside a name. */
const SPAN_BREAKING_PUNCTUATION = /^[:;,"«»„“”‘|/\\<>[\]{}!?…–—]+$/u;

const stopwordLists = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
const stopwordCache = new Map<string, ReadonlySet<string>>();

/** stopwords-iso (MIT) list of an ISO 639-3 language, lower-cased; empty when it has none. */
function stopwordsOf(language: string): ReadonlySet<string> {
  let stopwords = stopwordCache.get(language);
  if (!stopwords) {
    const iso1 = toIso1(language);
    stopwords = new Set((iso1 ? stopwordLists[iso1] ?? [] : []).map((word) => word.toLowerCase()));
    stopwordCache.set(language, stopwords);
  }
  return stopwords;
}

const calendarCache = new Map<string, ReadonlySet<string>>();

/**
 * Month and weekday names of a language, lower-cased, in the forms dates use (Greek, Russian,
 * Polish write "15 Σεπτεμβρίου", "15 сентября"), from the runtime's CLDR data (Intl).
 */
function calendarWordsOf(language: string): ReadonlySet<string> {
  let words = calendarCache.get(language);
  if (!words) {
    const found = new Set<string>();
    const iso1 = toIso1(language);
    for (const locale of iso1 && iso1 !== 'en' ? [iso1, 'en'] : ['en']) {
      try {
        for (let month = 0; month < 12; month++) {
          const date = new Date(Date.UTC(2021, month, 15));
          for (const options of [{ month: 'long' }, { month: 'long', day: 'numeric' }] as const) {
            for (const part of new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).formatToParts(date)) if (part.type === 'month') found.add(part.value.toLowerCase());
          }
        }
        for (let day = 0; day < 7; day++) found.add(new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2021, 0, 3 + day))).toLowerCase());
      } catch {
        // A locale the runtime does not know has no calendar words to add.
      }
    }
    words = found;
    calendarCache.set(language, words);
  }
  return words;
}

export type MentionType = 'PER' | 'ORG' | 'LOC';

interface Mention {
  type: MentionType;
  tokens: Token[];
  start: number;
  end: number;
  place?: PlaceEntry;
  /** Set when resolved to another mention's entity (short name, acronym). */
  canonical?: string;
}

const ENTITY_TYPE: Record<MentionType, EntityType> = { PER: 'person', ORG: 'organization', LOC: 'place' };

const OPENING_QUOTES = new Set(['«', '„', '“', '"']);
const CLOSING_QUOTES = new Set(['»', '“', '”', '"']);

/**
 * An organisation name with its proper name in quotes, as Slavic and German copy writes them
 * ("ТОВ «Армшляхбуд»", "ТОВ «ЛБК «Наш Дом»»", "ПАТ „Укрнафта“"): quotes that open after the
 * first word and all close by the end of the span, no other punctuation that breaks names.
 */
function isQuotedName(tokens: readonly Token[]): boolean {
  if (tokens.length < 4 || OPENING_QUOTES.has(tokens[0]!.text) || !CLOSING_QUOTES.has(tokens[tokens.length - 1]!.text)) return false;
  let depth = 0;
  for (const token of tokens) {
    // '"' both opens and closes: it closes when a quote is open.
    if (CLOSING_QUOTES.has(token.text) && depth > 0) depth--;
    else if (OPENING_QUOTES.has(token.text)) depth++;
    else if (SPAN_BREAKING_PUNCTUATION.test(token.text)) return false;
  }
  return depth === 0;
}

/**
 * A tagger that stops one word short of a listed person's name ("Kim Jong" of "Kim Jong Un",
 * German reading "Un" as a word) is corrected by the alias table: the span takes the next
 * capitalised word when span + word is a listed name and the span alone is not.
 */
function completeListedName(sentence: readonly Token[], span: LabelledSpan, language: string): void {
  if (ENTITY_TYPES[span.type] !== 'PER' || span.end >= sentence.length || span.end - span.start > 3) return;
  const next = sentence[span.end]!;
  if (!isCapitalised(next.text)) return;
  const name = (end: number): string => sentence.slice(span.start, end).map((token) => token.text).join(' ');
  if (lookupAlias(name(span.end + 1), language, 'person') && !lookupAlias(name(span.end), language, 'person')) span.end++;
}

/** Taggers often stop a quoted name before its closing quotes ("ТОВ «Укрдорхім"): take them in. */
function closeQuotedName(sentence: readonly Token[], span: LabelledSpan): void {
  let depth = 0;
  for (let i = span.start; i < span.end; i++) {
    const text = sentence[i]!.text;
    if (CLOSING_QUOTES.has(text) && depth > 0) depth--;
    else if (OPENING_QUOTES.has(text)) depth++;
  }
  while (depth > 0 && span.end < sentence.length && CLOSING_QUOTES.has(sentence[span.end]!.text)) {
    span.end++;
    depth--;
  }
}

function isCapitalised(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90; // ASCII fast path: this runs for every token
  const first = word[0] ?? '';
  return first.toLowerCase() !== first;
}

function isAcronym(word: string): boolean {
  return /^\p{Lu}[\p{Lu}&]{1,7}$/u.test(word);
}

function initialism(tokens: readonly Token[]): string {
  let letters = '';
  for (const token of tokens) {
    if (INITIALISM_SKIP.has(token.text.toLowerCase())) continue;
    if (!isCapitalised(token.text)) return '';
    // "Sino-Japanese" contributes S and J.
    for (const part of token.text.split('-')) if (part) letters += part[0]!.toUpperCase();
  }
  return letters.length >= 2 ? letters : '';
}

/** Scripts without letter case give the tagger nothing to work with; those get gazetteer matching only. */
function isMostlyCased(text: string): boolean {
  let cased = 0;
  let uncased = 0;
  for (let i = 0; i < text.length && cased + uncased < 400; i++) {
    const char = text[i]!;
    // Georgian Mkhedruli has capitals (Mtavruli) in Unicode but running text never uses them.
    if (char >= '\u10d0' && char <= '\u10ff') uncased++;
    else if (char.toLowerCase() !== char.toUpperCase()) cased++;
    else if (char.charCodeAt(0) > 0x2ff && /\p{L}/u.test(char)) uncased++;
  }
  return uncased <= cased;
}

/**
 * Title Case Headlines ("Kim at Meeting With Xi Says …") capitalise everything, which the
 * tagger reads as one long name. Reuters training data has ALL-CAPS headlines instead, where the
 * model learned to discount capitalisation, so such lines are tagged in capitals. A line counts
 * as Title Case when nearly all its longer words are capitalised and so is at least one English
 * function word (never capitalised mid-sentence in prose, even in a sentence full of names).
 */
const TITLE_CASE_FUNCTION_WORDS = new Set([
  'with', 'from', 'for', 'and', 'the', 'says', 'said', 'over', 'into', 'after', 'amid', 'about', 'against', 'will',
  'that', 'this', 'than', 'are', 'was', 'were', 'has', 'have', 'its', 'his', 'her', 'their', 'who', 'what', 'how',
  'why', 'not', 'but', 'off', 'out', 'under', 'before', 'between', 'during', 'without', 'could', 'would', 'should',
  'may', 'might', 'can', 'new', 'more', 'most', 'back', 'set', 'gets', 'get', 'calls', 'vows', 'urges', 'warns',
]);

function isTitleCase(sentence: readonly Token[]): boolean {
  if (sentence.length < 4) return false;
  let words = 0;
  let capitalised = 0;
  let functionWords = 0;
  for (let index = 0; index < sentence.length; index++) {
    const text = sentence[index]!.text;
    if (!isCapitalised(text)) {
      // Lower-case words of four letters or more count against Title Case.
      if (text.length >= 4 && text.toUpperCase() !== text) words++;
      continue;
    }
    if (text === text.toUpperCase()) continue;
    if (index > 0 && text.length <= 7 && TITLE_CASE_FUNCTION_WORDS.has(text.toLowerCase())) functionWords++;
    if (text.length >= 4) {
      words++;
      capitalised++;
    }
  }
  return functionWords >= 1 && words >= 4 && capitalised / words >= 0.8;
}

/** Last words of organisation names that take "of <place>" ("Communist Party of China", "Bank of England"). */
const ORGANISATION_HEADS = new Set([
  'party', 'bank', 'university', 'ministry', 'council', 'agency', 'union', 'organisation', 'organization', 'committee',
  'association', 'federation', 'academy', 'institute', 'church', 'commission', 'league', 'front', 'movement', 'court',
  'assembly', 'congress', 'parliament', 'department', 'office', 'board', 'authority', 'company', 'corporation', 'army',
  'navy', 'force', 'forces', 'guard', 'government', 'chamber', 'society', 'foundation', 'college', 'school', 'museum',
]);

/**
 * The tagger often splits "Communist Party of China" into ORG + LOC; an organisation ending in
 * a head word, then "of", then a place or organisation, is one name.
 */
function mergeOrganisationOfPlace(sentence: readonly Token[], spans: LabelledSpan[]): LabelledSpan[] {
  const ORG = ENTITY_TYPES.indexOf('ORG');
  const LOC = ENTITY_TYPES.indexOf('LOC');
  const merged: LabelledSpan[] = [];
  for (let k = 0; k < spans.length; k++) {
    const span = spans[k]!;
    const next = spans[k + 1];
    if (
      span.type === ORG &&
      next &&
      (next.type === LOC || next.type === ORG) &&
      next.start === span.end + 1 &&
      sentence[span.end]!.text === 'of' &&
      ORGANISATION_HEADS.has(sentence[span.end - 1]!.text.toLowerCase())
    ) {
      merged.push({ type: ORG, start: span.start, end: next.end });
      k++;
    } else {
      merged.push(span);
    }
  }
  return merged;
}

const ALIAS_MENTION_TYPE: Record<AliasEntry['type'], MentionType> = { person: 'PER', organization: 'ORG', place: 'LOC' };

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const SPACED_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Hangul}]/u;
const KATAKANA = /[\p{Script=Katakana}ー]/u;
/** Prefixes written onto the next word: Arabic و ب ل ك ف س (then the article ال), Hebrew ה ו ב ל מ ש כ. */
const CLITIC_PREFIX = /^(?:[وبلكفس]{0,2}(?:ال)?|[הובלמשכ]{1,2})$/u;

/**
 * Whether text[start, end) stands as a whole word. Chinese has no word boundaries to check; in
 * Japanese a katakana name must not continue a longer katakana word ("パリ" in "パリティ");
 * Korean attaches particles after a name ("서울에서"), so only its start is checked.
 */
function atWordBoundaries(text: string, start: number, end: number): boolean {
  const first = text[start]!;
  const before = text[start - 1];
  const after = text[end];
  if (KATAKANA.test(first)) return !(before && KATAKANA.test(before)) && !(after && KATAKANA.test(after));
  if (!SPACED_SCRIPT.test(first)) return true;
  if (before && LETTER_OR_MARK.test(before)) {
    let wordStart = start - 1;
    while (wordStart > 0 && LETTER_OR_MARK.test(text[wordStart - 1]!)) wordStart--;
    if (!CLITIC_PREFIX.test(text.slice(wordStart, start))) return false;
  }
  if (/\p{Script=Hangul}/u.test(first)) return true;
  // A Persian plural or suffix after a zero-width non-joiner still ends the name.
  return !after || after === '\u200c' || !LETTER_OR_MARK.test(after);
}

/**
 * A country in a case form the gazetteer does not list ("Японии", "Stanach Zjednoczonych",
 * "Chinas"): the base forms of one or two capitalised words looked up in the alias table.
 */
function inflectedCountryAt(sentence: readonly Token[], index: number, language: string, gazetteer: Gazetteer): { length: number; value: PlaceEntry } | undefined {
  for (const length of [2, 1]) {
    const words = sentence.slice(index, index + length);
    if (words.length < length || !words.every((word) => isCapitalised(word.text)) || words[0]!.text.length < 4) continue;
    const entry = lookupAlias(words.map((word) => word.text).join(' '), language, 'place');
    const place = entry?.id.startsWith('place:country:') && entry.countryCode ? gazetteer.countryByCode.get(entry.countryCode) : undefined;
    if (place) return { length, value: place };
  }
  return undefined;
}

/**
 * Supported languages (DEFAULT_LANGUAGES) whose usual country names the gazetteer's packages do
 * not list, so their articles find countries only where written as the packages have them (often
 * the English spelling). Kept true by languages.test.ts; a curated supplement would lift them:
 * - no names at all: Tagalog (tgl), Telugu (tel), Gujarati (guj), Kannada (kan), Punjabi (pan);
 * - other forms only: Indonesian has "China", not the official "Tiongkok"; Hausa lists
 *   "Caina, Sin" as one string; Bengali only "গণচীন" (People's China), not "চীন"; Albanian the
 *   indefinite "Kinë", not the definite "Kina" running text uses.
 */
export const LANGUAGES_WITHOUT_LOCALISED_PLACES: ReadonlySet<string> = new Set<string>(['tgl', 'tel', 'guj', 'kan', 'pan', 'ind', 'hau', 'ben', 'als']);

/** A mention found in the text, before mentions of one entity are counted together. */
export interface MentionSpan {
  type: MentionType;
  /** Set when the gazetteer resolved the mention: a country, a country adjective ("Chinese"), a city. */
  placeKind?: PlaceEntry['kind'];
  /** UTF-16 offsets into the text given to mentions(); end exclusive. */
  start: number;
  end: number;
}

/** Where the shipped tagger of each language is; loaded on the first article of that language. */
export type ModelSource = (language: string) => FrozenModel | undefined;

/** Shipped weights found next to the code; undefined when a language has none. */
export const shippedModels: ModelSource = (language) => {
  const file = modelPath(language);
  return existsSync(file) ? loadModelFile(file) : undefined;
};

export class ArticleEntityExtractor implements EntityExtractor {
  private readonly models = new Map<string, FrozenModel | undefined>();
  private readonly uncasedPhrases = new WeakMap<Gazetteer, Map<string, Array<[string, PlaceEntry | AliasEntry]>>>();
  private readonly placeStems = new WeakMap<Gazetteer, Map<string, PlaceEntry>>();

  /** `models`: preloaded models by language, or where to load them from on first use. */
  constructor(private readonly source: ModelSource | ReadonlyMap<string, FrozenModel>) {
    if (typeof source !== 'function') for (const [language, model] of source) this.models.set(language, model);
  }

  /** The model of a language, loaded lazily so an English-only corpus pays nothing for the others. */
  private modelFor(language: string): FrozenModel | undefined {
    if (!this.models.has(language)) {
      this.models.set(language, typeof this.source === 'function' ? this.source(language) : undefined);
    }
    return this.models.get(language);
  }

  extract(text: string, detectedLanguage: string): Entity[] {
    const language = individualLanguageOf(detectedLanguage);
    return this.aggregate(text, language, this.findMentions(text, language));
  }

  /** The mentions extract() counts, with their offsets (used by the evaluation). */
  mentions(text: string, detectedLanguage: string): MentionSpan[] {
    return this.findMentions(text, individualLanguageOf(detectedLanguage)).map(({ type, start, end, place }) => ({
      type,
      start,
      end,
      ...(place ? { placeKind: place.kind } : {}),
    }));
  }

  private findMentions(text: string, language: string): Mention[] {
    // Callers pass what the detector emits (cmn, arb, pes); a macrolanguage code (zho) works too.
    const gazetteer = loadGazetteer([language]);
    if (!isMostlyCased(text)) return this.uncasedMentions(text, language, gazetteer);
    const tokens = tokenize(text);
    const sentences = splitSentences(text, tokens);
    // A character model (Chinese) cannot tag word tokens; a mostly Latin text then gets English's.
    const found = this.modelFor(language);
    const ownModel = isHanModel(found) ? undefined : found;
    const modelLanguage = ownModel ? language : 'eng';
    const model = ownModel ?? this.modelFor('eng');
    const mentions: Mention[] = [];
    const covered = new Uint8Array(text.length + 1);
    if (model) {
      const labels = tagDocument(
        sentences.map((sentence) =>
          modelLanguage === 'eng' && isTitleCase(sentence) ? sentence.map((token) => token.text.toUpperCase()) : sentence.map((token) => token.text),
        ),
        model,
        model.transitions,
        loadFeatureGazetteer(modelLanguage),
      );
      sentences.forEach((sentence, index) => {
        for (const span of mergeOrganisationOfPlace(sentence, labelsToSpans(labels[index]!))) {
          closeQuotedName(sentence, span);
          completeListedName(sentence, span, language);
          const spanTokens = sentence.slice(span.start, span.end);
          const resolved = this.resolveSpan(ENTITY_TYPES[span.type]!, spanTokens, gazetteer, modelLanguage === language, language);
          // A span that yields no mention (a MISC name, a lower-case false alarm) still hides
          // what is inside it from the gazetteer pass, unless it was dropped as not a name.
          if (resolved.length > 0 || ENTITY_TYPES[span.type] === 'MISC') for (const token of spanTokens) covered.fill(1, token.start, token.end);
          mentions.push(...resolved);
        }
      });
    }
    // Outside English, country adjectives are written in lower case ("russische", "chinois").
    mentions.push(...this.gazetteerPlaces(sentences, covered, gazetteer, language !== 'eng', language));
    this.linkAcronyms(tokens, mentions, covered);
    this.linkShortPersonNames(sentences, mentions, covered);
    dropSentenceInitialWords(sentences, mentions);
    // Month and weekday names are capitalised in many languages ("Agustus", "Σεπτεμβρίου",
    // "Çarşamba") and taggers take them for names; alone they never are one here.
    const calendar = calendarWordsOf(language);
    // A city that is spelt like a function word of the language ("Anda", a Chinese city, is
    // Indonesian for "you") is the word.
    const functionWords = language === 'eng' ? undefined : stopwordsOf(language);
    const notCalendar = (m: Mention): boolean => {
      if (m.tokens.length > 1 || m.canonical) return true;
      const word = m.tokens[0]!.text.toLowerCase();
      // (Stop-word lists hold names too: stopwords-iso's Russian list has "москва"; a listed city stays.)
      if (m.place) return m.place.kind !== 'city' || !functionWords?.has(word) || Boolean(lookupAlias(m.tokens[0]!.text, language, 'place'));
      return !calendar.has(word);
    };
    if (language !== 'eng' && ownModel) {
      // A model trained on the language knows its capitalisation; it only needs keeping off
      // function words that open a sentence ("Ich", "Это"). Only there: stop-word lists hold
      // names too (stopwords-iso's Russian list has "москва").
      const stopwords = stopwordsOf(language);
      const sentenceStarts = new Set(sentences.map((sentence) => sentence[0]!.start));
      return mentions.filter(
        (m) =>
          notCalendar(m) && (m.tokens.length > 1 || Boolean(m.place || m.canonical) || !sentenceStarts.has(m.start) || !stopwords.has(m.tokens[0]!.text.toLowerCase())),
      );
    }
    if (language !== 'eng') {
      // The English model on another language is weak and capitals say less there, so one-word
      // mentions need support: a person needs a full name in the article to resolve to, an
      // organisation must not be a function word, and a place outside the gazetteer must recur.
      const stopwords = stopwordsOf(language);
      const occurrences = new Map<string, number>();
      for (const m of mentions) if (m.tokens.length === 1) occurrences.set(m.tokens[0]!.text, (occurrences.get(m.tokens[0]!.text) ?? 0) + 1);
      const plausible = (m: Mention): boolean =>
        Boolean(m.place || m.canonical) ||
        m.tokens.length > 1 ||
        (m.type === 'ORG' && !stopwords.has(m.tokens[0]!.text.toLowerCase())) ||
        (m.type === 'LOC' && (occurrences.get(m.tokens[0]!.text) ?? 0) >= 2 && !stopwords.has(m.tokens[0]!.text.toLowerCase()));
      return mentions.filter((m) => notCalendar(m) && plausible(m));
    }
    return mentions.filter(notCalendar);
  }

  /** One tagged span → zero or more mentions (a MISC span yields only its country adjectives). */
  private resolveSpan(type: string, spanTokens: Token[], gazetteer: Gazetteer, modelKnowsLanguage: boolean, language: string): Mention[] {
    // Names start with a capital somewhere ("de Gaulle"); an all-lower-case span is an adjective
    // or a common noun the tagger got wrong ("russische").
    if (!spanTokens.some((token) => isCapitalised(token.text))) {
      // …except a lower-case country adjective, which CoNLL-trained taggers tag MISC ("russischen").
      const adjective = spanTokens.length === 1 ? gazetteer.places.matchAt([spanTokens[0]!.text.toLowerCase()], 0) : undefined;
      if (adjective?.value.kind !== 'demonym') return [];
      const token = spanTokens[0]!;
      return [{ type: 'LOC', tokens: [token], start: token.start, end: token.end, place: adjective.value }];
    }
    // A lower-case country adjective opening a span ("chinesische Außenminister Li Wen") is a
    // place mention of its own, not the start of the name.
    const first = spanTokens[0]!;
    if (!isCapitalised(first.text) && spanTokens.length > 1) {
      const adjective = gazetteer.places.matchAt([first.text.toLowerCase()], 0);
      if (adjective?.value.kind === 'demonym') {
        return [
          { type: 'LOC', tokens: [first], start: first.start, end: first.end, place: adjective.value },
          ...this.resolveSpan(type, spanTokens.slice(1), gazetteer, modelKnowsLanguage, language),
        ];
      }
    }
    // "КНДР Ким Чен Ын", "США Дональд Трамп": a country's acronym glued before a person's name
    // (a tagger reading "Лидер КНДР Ким Чен Ын" as one name) is a place of its own. Acronyms
    // only: a country's full name can be a first name ("Georgia", "Jordan").
    if (type === 'PER') {
      let at = 0;
      while (at < spanTokens.length - 1 && TITLE_WORDS.has(spanTokens[at]!.text.toLowerCase())) at++;
      const token = spanTokens[at]!;
      const country = at < spanTokens.length - 1 && isAcronym(token.text) ? gazetteer.places.matchAt([token.text.toLowerCase()], 0) : undefined;
      if (country && country.value.kind === 'country') {
        return [
          { type: 'LOC', tokens: [token], start: token.start, end: token.end, place: country.value },
          ...this.resolveSpan(type, spanTokens.slice(at + 1), gazetteer, modelKnowsLanguage, language),
        ];
      }
    }
    let tokens = spanTokens;
    // "La Xina", "El Salvador": an article opening a span borrowed from another language's model
    // is not part of the name, unless the gazetteer knows the whole phrase.
    if (!modelKnowsLanguage && tokens.length > 1 && LEADING_ARTICLES.has(tokens[0]!.text.toLowerCase()) && !gazetteer.places.matchAt(tokens.map((t) => t.text.toLowerCase()), 0)) {
      tokens = tokens.slice(1);
    }
    if (type === 'PER') {
      let first = 0;
      while (first < tokens.length - 1 && TITLE_WORDS.has(tokens[first]!.text.toLowerCase())) first++;
      tokens = tokens.slice(first);
    }
    if (tokens.length > 1 && tokens[tokens.length - 1]!.text === "'s") tokens = tokens.slice(0, -1);
    // A span running across a colon, quote or bracket is two things glued together by a
    // tagging error ("Bild: Gregory …"); no name is better than a wrong one.
    if (tokens.some((token) => SPAN_BREAKING_PUNCTUATION.test(token.text)) && !isQuotedName(tokens)) return [];
    const lower = tokens.map((token) => token.text.toLowerCase());
    const whole = gazetteer.places.matchAt(lower, 0) ?? (tokens.length === 1 ? this.inflectedPlace(lower[0]!, gazetteer, language) : undefined);
    const mention = (mentionType: MentionType, mentionTokens: Token[], place?: PlaceEntry): Mention => ({
      type: mentionType,
      tokens: mentionTokens,
      start: mentionTokens[0]!.start,
      end: mentionTokens[mentionTokens.length - 1]!.end,
      ...(place ? { place } : {}),
    });
    // A short span that is an inflected form of a listed entity ("Пекине", "Путину") is that
    // entity, whatever a borrowed model called it (it often says MISC, or PER for a city); a
    // model trained on the language is trusted except for MISC.
    if (
      (!whole || whole.length !== tokens.length) &&
      tokens.length <= 2 &&
      (!modelKnowsLanguage || type === 'MISC') &&
      inflectsNames(language) &&
      !(tokens.length === 1 && stopwordsOf(language).has(lower[0]!))
    ) {
      const entry = lookupAlias(tokens.map((token) => token.text).join(' '), language, 'place');
      if (entry) {
        const country = entry.id.startsWith('place:country:') && entry.countryCode ? gazetteer.countryByCode.get(entry.countryCode) : undefined;
        const surface = tokens.map((token) => token.text).join(' ');
        if (country) return [mention('LOC', tokens, country)];
        return [{ ...mention(ALIAS_MENTION_TYPE[entry.type], tokens), canonical: surface }];
      }
    }
    if (whole && whole.length === tokens.length) {
      const place = whole.value;
      // A country's name or adjective is a place mention whatever the tagger called it, except a
      // person of that name ("Jordan") and cities used as team names (tagged ORG). A model
      // borrowed from another language is not trusted over the gazetteer.
      if (place.kind !== 'city' && (type !== 'PER' || !modelKnowsLanguage)) return [mention('LOC', tokens, place)];
      if (place.kind === 'city' && type === 'LOC') return [mention('LOC', tokens, place)];
    }
    if (type === 'MISC') return this.countryAdjectivesIn(tokens, gazetteer);
    return [mention(type as MentionType, tokens)];
  }

  /**
   * "North Korean-Chinese", "U.S.-led": the country parts of a MISC span become place mentions.
   * A span with other capitalised words is the name of something else ("Sino-Japanese War",
   * "Chinese New Year") and yields nothing.
   */
  private countryAdjectivesIn(tokens: Token[], gazetteer: Gazetteer): Mention[] {
    const parts: Token[] = [];
    for (const token of tokens) {
      let offset = 0;
      for (const piece of token.text.split('-')) {
        if (piece) parts.push({ text: piece, start: token.start + offset, end: token.start + offset + piece.length });
        offset += piece.length + 1;
      }
    }
    const lower = parts.map((part) => part.text.toLowerCase());
    const mentions: Mention[] = [];
    for (let i = 0; i < parts.length; i++) {
      const match = gazetteer.places.matchAt(lower, i);
      // Lower-case country adjectives count too: outside English they are written so
      // ("chinesische"), and CoNLL-trained taggers tag them MISC.
      if (!match || match.value.kind === 'city' || (!isCapitalised(parts[i]!.text) && match.value.kind !== 'demonym')) {
        if (isCapitalised(parts[i]!.text)) return [];
        continue;
      }
      const matched = parts.slice(i, i + match.length);
      mentions.push({ type: 'LOC', tokens: matched, start: matched[0]!.start, end: matched[matched.length - 1]!.end, place: match.value });
      i += match.length - 1;
    }
    return mentions;
  }

  /** Capitalised countries, demonyms (and, without a model, cities) the tagger did not cover. */
  /**
   * A one-word place written with a case ending, in languages that inflect names: "Moskvassa",
   * "Москве", "Китая", "Çin'de", "Russlands" → the gazetteer's "Moskva", "Москва", "Китай",
   * "Çin", "Russland". The name's stem (without a final vowel or й) plus at most three letters;
   * stems of at least four letters only, so short names cannot swallow other words.
   */
  private inflectedPlace(lowerToken: string, gazetteer: Gazetteer, language: string): { length: 1; value: PlaceEntry } | undefined {
    if (!INFLECTING_LANGUAGES.has(language)) return undefined;
    let stems = this.placeStems.get(gazetteer);
    if (!stems) {
      stems = new Map();
      for (const [phrase, place] of gazetteer.places.entries()) {
        if (phrase.includes(' ') || phrase.length < 4 || !/^\p{L}+$/u.test(phrase)) continue;
        const stem = phrase.replace(FINAL_VOWEL, '');
        if (stem.length >= 4 && !stems.has(stem)) stems.set(stem, place);
      }
      this.placeStems.set(gazetteer, stems);
    }
    const word = lowerToken.replace(/['’].*$/u, ''); // Turkish "moskova'da"
    if (word !== lowerToken) {
      const whole = gazetteer.places.matchAt([word], 0);
      if (whole) return { length: 1, value: whole.value };
    }
    for (let cut = 0; cut <= 3 && word.length - cut >= 4; cut++) {
      const place = stems.get(word.slice(0, word.length - cut));
      if (place) return { length: 1, value: place };
    }
    return undefined;
  }

  private gazetteerPlaces(sentences: Token[][], covered: Uint8Array, gazetteer: Gazetteer, lowercaseAdjectives: boolean, language: string): Mention[] {
    const mentions: Mention[] = [];
    const inflects = inflectsNames(language);
    const functionWords = stopwordsOf(language);
    for (const sentence of sentences) {
      let lower: string[] | undefined;
      for (let i = 0; i < sentence.length; i++) {
        const token = sentence[i]!;
        const capitalised = isCapitalised(token.text);
        if (covered[token.start] || (!capitalised && !lowercaseAdjectives)) continue;
        lower ??= sentence.map((t) => t.text.toLowerCase());
        // A function word capitalised at a sentence start is no inflected place ("Самое" is not
        // Samoa, Serbian "Само" neither).
        const inflectable = capitalised && !functionWords.has(lower[i]!);
        const match =
          gazetteer.places.matchAt(lower, i) ??
          (inflectable ? ((inflects ? inflectedCountryAt(sentence, i, language, gazetteer) : undefined) ?? this.inflectedPlace(lower[i]!, gazetteer, language)) : undefined);
        if (!match || match.value.kind === 'city' || (!capitalised && match.value.kind !== 'demonym')) continue;
        const matched = sentence.slice(i, i + match.length);
        if (matched.some((t) => covered[t.start])) continue;
        // A bare all-capital two-letter alias ("US") only counts when written exactly so; a
        // three-letter one ("Çin", "Ira") only when capitalised.
        if (match.length === 1 && token.text.length <= 2 && token.text !== token.text.toUpperCase()) continue;
        if (match.length === 1 && token.text.length === 3 && !capitalised) continue;
        mentions.push({ type: 'LOC', tokens: matched, start: matched[0]!.start, end: matched[matched.length - 1]!.end, place: match.value });
        for (const t of matched) covered.fill(1, t.start, t.end);
        i += match.length - 1;
      }
    }
    return mentions;
  }

  /**
   * Texts in scripts without case: Arabic's rules; the character tagger where the language has
   * one (Chinese, han-tagger.ts), plus substring search for the countries it did not tag (whole
   * ICU words only, see hanMentions); countries only otherwise.
   */
  private uncasedMentions(text: string, language: string, gazetteer: Gazetteer): Mention[] {
    // Arabic has rules and lists for people and organisations too (arabic.ts).
    if (language === 'arb') {
      const ruled: Mention[] = arabicMentions(text, gazetteer).map(({ type, start, end, name, place, canonical }) => ({
        type, start, end, tokens: [{ text: name, start, end }], ...(place ? { place } : {}), ...(canonical ? { canonical } : {}),
      }));
      // Plus the alias table's Arabic names the rules did not cover ("الأمم المتحدة", "بوتين").
      const taken = new Uint8Array(text.length + 1);
      for (const mention of ruled) taken.fill(1, mention.start, mention.end);
      return [...ruled, ...this.substringPlaces(text, gazetteer, language).filter((mention) => !taken.subarray(mention.start, mention.end).includes(1))];
    }
    const model = this.modelFor(language);
    if (!isHanModel(model)) return this.substringPlaces(text, gazetteer, language);
    const { mentions, covered, wordEdge } = hanMentions(text, model, loadFeatureGazetteer(language), gazetteer);
    const missed = this.substringPlaces(text, gazetteer, language).filter(
      (mention) => !covered.subarray(mention.start, mention.end).includes(1) && wordEdge[mention.start] === 1 && wordEdge[mention.end] === 1,
    );
    return [...mentions.map(({ text: name, ...mention }) => ({ ...mention, tokens: [{ text: name, start: mention.start, end: mention.end }] })), ...missed];
  }

  /**
   * Texts in scripts without case: substring search for country names and demonyms, and for the
   * alias table's names in such scripts (people, organisations, cities: "习近平", "الأمم المتحدة").
   * Where the script separates words with spaces, a match must start and end at a word boundary
   * ("مالي", Mali, is also the adjective "financial" inside longer words), allowing the clitic
   * prefixes of Arabic and Hebrew ("والقاهرة", "בירושלים").
   */
  private substringPlaces(text: string, gazetteer: Gazetteer, language: string): Mention[] {
    let byFirstChar = this.uncasedPhrases.get(gazetteer);
    if (!byFirstChar) {
      // Latin-script names are left out: in such texts they are rare and short ones match inside words.
      const countries: Array<[string, PlaceEntry | AliasEntry]> = [...gazetteer.places.entries()].filter(
        ([phrase, place]) => place.kind !== 'city' && phrase.length >= 2 && !/[a-z]/.test(phrase),
      );
      // Languages that inflect names (Georgian "ჩინეთი" → "ჩინეთმა") also match by the stem.
      if (INFLECTING_LANGUAGES.has(language)) {
        for (const [phrase, place] of [...countries]) {
          const stem = phrase.replace(FINAL_VOWEL, '');
          if (!phrase.includes(' ') && stem !== phrase && stem.length >= 4) countries.push([stem, place]);
        }
      }
      // Indexed by the first two characters (every phrase has two), longest first: one pass over the text, instead of one
      // indexOf per name (thousands of names in every script), measured 4× faster on Arabic.
      byFirstChar = new Map();
      for (const entry of [...countries, ...aliasIndex().uncasedNames].sort((a, b) => b[0].length - a[0].length)) {
        // Two characters: Arabic names mostly start with the article "ال", one is not selective.
        const first = entry[0].slice(0, 2);
        const list = byFirstChar.get(first);
        if (list) list.push(entry);
        else byFirstChar.set(first, [entry]);
      }
      this.uncasedPhrases.set(gazetteer, byFirstChar);
    }
    const mentions: Mention[] = [];
    // Leftmost, then longest, so "Северная Корея" is not also counted as "Корея".
    for (let at = 0; at < text.length; at++) {
      const candidates = byFirstChar.get(text.slice(at, at + 2));
      if (!candidates) continue;
      for (const [phrase, value] of candidates) {
        if (!text.startsWith(phrase, at) || !atWordBoundaries(text, at, at + phrase.length)) continue;
        const tokens = [{ text: phrase, start: at, end: at + phrase.length }];
        if ('kind' in value) mentions.push({ type: 'LOC', tokens, start: at, end: at + phrase.length, place: value });
        else mentions.push({ type: ALIAS_MENTION_TYPE[value.type], tokens, start: at, end: at + phrase.length, canonical: phrase });
        at += phrase.length - 1;
        break;
      }
    }
    return mentions;
  }

  /**
   * "Korean Central News Agency (KCNA)" makes KCNA an alias; an acronym equal to the initials
   * of an organisation named in the article ("WPK" for "Workers' Party of Korea") too. Every
   * use of the acronym then counts for the full name.
   */
  private linkAcronyms(tokens: Token[], mentions: Mention[], covered: Uint8Array): void {
    const fullNameByAcronym = new Map<string, Mention>();
    const tokenIndexByStart = (start: number): number | undefined => {
      let low = 0;
      let high = tokens.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const at = tokens[middle]!.start;
        if (at === start) return middle;
        if (at < start) low = middle + 1;
        else high = middle - 1;
      }
      return undefined;
    };
    for (const mention of mentions) {
      if (mention.type === 'PER' || mention.place || mention.tokens.length < 2) continue;
      const lastIndex = tokenIndexByStart(mention.tokens[mention.tokens.length - 1]!.start);
      if (lastIndex === undefined) continue;
      const open = tokens[lastIndex + 1];
      const acronym = tokens[lastIndex + 2];
      const close = tokens[lastIndex + 3];
      if (open && acronym && close && (open.text === '(' || open.text === '[') && (close.text === ')' || close.text === ']') && isAcronym(acronym.text)) {
        if (!fullNameByAcronym.has(acronym.text)) fullNameByAcronym.set(acronym.text, mention);
      }
      const initials = initialism(mention.tokens);
      if (initials && mention.type === 'ORG' && !fullNameByAcronym.has(initials)) fullNameByAcronym.set(initials, mention);
    }
    if (fullNameByAcronym.size === 0) return;
    const byStart = new Map(mentions.map((mention) => [mention.start, mention]));
    const canonicalOf = (mention: Mention): string => mention.canonical ?? surface(mention);
    for (const token of tokens) {
      const full = fullNameByAcronym.get(token.text);
      if (!full) continue;
      const existing = byStart.get(token.start);
      if (existing) {
        if (existing.tokens.length === 1 && !existing.place) {
          existing.type = full.type;
          existing.canonical = canonicalOf(full);
        }
      } else if (!covered[token.start]) {
        // (An acronym inside a longer name is part of that name, not a mention of its own.)
        mentions.push({ type: full.type, tokens: [token], start: token.start, end: token.end, canonical: canonicalOf(full) });
        covered.fill(1, token.start, token.end);
      }
    }
  }

  /**
   * Ties "Kim" and "Xi" to "Kim Jong Un" and "Xi Jinping": a shorter person mention, or an
   * untagged capitalised word, equal to the first or last words of a longer person name in
   * the same article. Ambiguous short forms (two Kims) go to the name mentioned most.
   */
  private linkShortPersonNames(sentences: Token[][], mentions: Mention[], covered: Uint8Array): void {
    const fullNames = new Map<string, { mention: Mention; count: number }>();
    for (const mention of mentions) {
      if (mention.type !== 'PER' || mention.tokens.length < 2) continue;
      const name = surface(mention);
      const entry = fullNames.get(name);
      if (entry) entry.count++;
      else fullNames.set(name, { mention, count: 1 });
    }
    if (fullNames.size === 0) return;
    const candidates = new Map<string, { name: string; count: number }>();
    for (const [name, { mention, count }] of fullNames) {
      const words = mention.tokens.map((token) => token.text);
      for (let length = 1; length < words.length; length++) {
        for (const part of [words.slice(0, length).join(' '), words.slice(words.length - length).join(' ')]) {
          const known = candidates.get(part);
          if (!known || known.count < count) candidates.set(part, { name, count });
        }
      }
    }
    for (const mention of mentions) {
      if (mention.place || mention.canonical) continue;
      const full = candidates.get(surface(mention));
      if (!full || (mention.type !== 'PER' && mention.tokens.length > 1)) continue;
      mention.type = 'PER';
      mention.canonical = full.name;
    }
    // A bare word that the text also uses in lower case ("Will", "Rose") is not linked when it is
    // capitalised only because it starts a sentence.
    let lowercaseWords: Set<string> | undefined;
    for (const sentence of sentences) {
      for (let index = 0; index < sentence.length; index++) {
        const token = sentence[index]!;
        if (covered[token.start] || !isCapitalised(token.text)) continue;
        const full = candidates.get(token.text);
        if (!full) continue;
        if (index === 0) {
          lowercaseWords ??= new Set(sentences.flat().map((t) => t.text).filter((text) => text.toLowerCase() === text));
          if (lowercaseWords.has(token.text.toLowerCase())) continue;
        }
        mentions.push({ type: 'PER', tokens: [token], start: token.start, end: token.end, canonical: full.name });
      }
    }
  }

  private aggregate(text: string, language: string, mentions: Mention[]): Entity[] {
    const entities = new Map<string, Entity & { aliasSet: Set<string> }>();
    mentions.sort((a, b) => a.start - b.start);
    for (const mention of mentions) {
      const seen = text.slice(mention.start, mention.end).replace(/\s+/g, ' ');
      const type = ENTITY_TYPE[mention.type];
      const isCountry = Boolean(mention.place && mention.place.kind !== 'city');
      const countryCode = isCountry ? mention.place!.countryCode : undefined;
      const resolved = isCountry ? mention.place!.name : (mention.canonical ?? surface(mention));
      const identity = identify({ type, name: resolved, language, ...(countryCode ? { countryCode, isCountry } : {}) });
      // The alias table fixes the type ("Earth" tagged ORG is still the place) and knows countries
      // the gazetteer missed in an inflected form ("Japonsku").
      const entityType = entityTypeOfId(identity.id) ?? type;
      const code = identity.id.startsWith('place:country:') ? identity.countryCode : undefined;
      let entity = entities.get(identity.id);
      if (!entity) {
        entity = { id: identity.id, name: identity.name, type: entityType, count: 0, firstOffset: mention.start, aliasSet: new Set(), ...(code ? { countryCode: code } : {}) };
        entities.set(identity.id, entity);
      } else if (entity.name === entity.name.toUpperCase() && identity.name !== identity.name.toUpperCase()) {
        entity.name = identity.name; // prefer "Kim Jong Un" from the body over "KIM JONG UN" from a headline
      }
      entity.count++;
      entity.aliasSet.add(seen);
    }
    const result: Entity[] = [];
    for (const { aliasSet, ...entity } of entities.values()) {
      aliasSet.delete(entity.name);
      const aliases = [...aliasSet].filter((alias) => alias.toLowerCase() !== entity.name.toLowerCase());
      result.push(aliases.length > 0 ? { ...entity, aliases } : entity);
    }
    return result.sort((a, b) => b.count - a.count || a.firstOffset - b.firstOffset);
  }
}

function entityTypeOfId(id: string): EntityType | undefined {
  const prefix = id.slice(0, id.indexOf(':'));
  return prefix === 'person' ? 'person' : prefix === 'org' ? 'organization' : prefix === 'place' ? 'place' : undefined;
}

/**
 * A one-word mention that opens a sentence and that the text also uses in lower case ("Will the
 * talks go on?" next to "they will") is a word capitalised by its position, not a name. Mentions
 * resolved to a place or to another mention are kept.
 */
function dropSentenceInitialWords(sentences: Token[][], mentions: Mention[]): void {
  const starts = new Set(sentences.map((sentence) => sentence[0]!.start));
  let lowercaseWords: Set<string> | undefined;
  for (let i = mentions.length - 1; i >= 0; i--) {
    const mention = mentions[i]!;
    if (mention.tokens.length !== 1 || mention.place || !starts.has(mention.start)) continue;
    lowercaseWords ??= new Set(sentences.flat().map((t) => t.text).filter((text) => text.toLowerCase() === text));
    if (lowercaseWords.has(mention.tokens[0]!.text.toLowerCase())) mentions.splice(i, 1);
  }
}

/** Mention text as written: tokens joined by one space where the text had any, possessive dropped. */
function surface(mention: Mention): string {
  let name = '';
  let previous: Token | undefined;
  for (const token of mention.tokens) {
    if (token.text === "'s") break;
    if (previous && token.start > previous.end) name += ' ';
    name += token.text;
    previous = token;
  }
  return name;
}

let shared: ArticleEntityExtractor | undefined;

/**
 * The extractor with the shipped models. English is loaded now (it is also the fallback tagger
 * of every cased language without its own model); every other language's model on its first
 * article, so an English-only corpus pays nothing for the others.
 */
export function loadEntityExtractor(): EntityExtractor & { mentions(text: string, language: string): MentionSpan[] } {
  if (shared) return shared;
  if (!existsSync(modelPath('eng'))) throw new Error(`English NER model missing at ${modelPath('eng')}: run npm run train:ner -- eng`);
  shared = new ArticleEntityExtractor(shippedModels);
  shared.mentions('Warm-up', 'eng');
  loadGazetteer(['eng']);
  loadFeatureGazetteer('eng');
  return shared;
}
