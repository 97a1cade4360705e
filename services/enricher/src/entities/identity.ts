/**
 * One identity per entity whatever the language of the article: a canonical id (what filters
 * and facets key on) and a display name. "Xi Jinping", "Си Цзиньпин", "Си Цзиньпина", "习近平"
 * → person:xi-jinping, "Xi Jinping".
 *
 * In order:
 * 1. Countries the gazetteer resolved keep their ISO code: place:country:CN.
 * 2. The alias table (aliases.ts, data/aliases.txt), tried with the name and each candidate base
 *    form of it (identity-normalise.ts: "Путиным" → "Путин"), first by exact name, then by
 *    phonetic key of the Latin form — so inflected and transliterated forms of a listed entity
 *    meet, and its id and English name are the same in every language.
 * 3. Anything else: `type:` + the phonetic key of the Latin form of the base form, which is what
 *    lets an unlisted name meet across scripts and case endings ("Сара Даниус", "Sara Danius"
 *    → person:sr-dns). Its display name is that Latin form.
 */
import { countryEntityId, entityId, entitySlug } from '@newsflow/contracts';
import { type AliasEntry, aliasIndex } from './aliases';
import { baseForms, displayBaseForm, exactKey, isNonLatin, phoneticKey } from './identity-normalise';
import { toLatin } from './transliterate';

export type IdentityType = 'person' | 'organization' | 'place';

const KIND_PREFIX: Record<IdentityType, string> = { person: 'person', organization: 'org', place: 'place' };
/** Bound of each answer cache: far more surface forms than a day of news has, far less memory than a model. */
const CACHE_LIMIT = 50_000;

/** Forgets cached answers (benchmarks measure the uncached cost; tests of a changed table). */
export function clearIdentityCaches(): void {
  cache.clear();
  aliasCache.clear();
  latinKeyCache.clear();
}

export interface IdentityInput {
  type: IdentityType;
  /** The name as the extractor resolved it (surface form, short forms already linked). */
  name: string;
  /** ISO 639-3 individual code of the article, as the language detector emits it. */
  language: string;
  /** ISO 3166-1 alpha-2 when the entity is a country (the gazetteer resolved it). */
  countryCode?: string;
  /** True when the gazetteer resolved it to a country (not a city in that country). */
  isCountry?: boolean;
}

export interface Identity {
  /** Stable, language-independent: "person:xi-jinping", "place:country:CN". */
  id: string;
  /** Display name, the same for every language the entity is found in. */
  name: string;
  /** ISO 3166-1 alpha-2 of a country, or of the country a listed city is in. */
  countryCode?: string;
}

/** lookupAlias answers by type, language and surface form (the extractor asks for every capitalised word). */
const aliasCache = new Map<string, AliasEntry | null>();

/** The alias entry for a name, trying each base form, exact names before phonetic keys. */
export function lookupAlias(name: string, language: string, type: IdentityType): AliasEntry | undefined {
  const cacheKey = `${type}\u0000${language}\u0000${name}`;
  let entry = aliasCache.get(cacheKey);
  if (entry === undefined) {
    entry = findAlias(name, language, type) ?? null;
    if (aliasCache.size >= CACHE_LIMIT) aliasCache.clear();
    aliasCache.set(cacheKey, entry);
  }
  return entry ?? undefined;
}

function findAlias(name: string, language: string, type: IdentityType): AliasEntry | undefined {
  const index = aliasIndex();
  const forms = baseForms(name, language, type);
  for (const form of forms) {
    const entry = index.byExact.get(exactKey(form));
    if (entry) return entry;
  }
  for (const form of forms) {
    const entry = index.byPhonetic.get(latinKey(form, type === 'person'));
    if (entry) return entry;
  }
  return undefined;
}

/** Phonetic key of a form's Latin rendering; base forms of different names recur ("Путин"), so cached. */
const latinKeyCache = new Map<string, string>();
function latinKey(form: string, isPerson: boolean): string {
  const cacheKey = isPerson ? `p\u0000${form}` : form;
  let key = latinKeyCache.get(cacheKey);
  if (key === undefined) {
    key = phoneticKey(toLatin(form, { isPerson }));
    if (latinKeyCache.size >= CACHE_LIMIT) latinKeyCache.clear();
    latinKeyCache.set(cacheKey, key);
  }
  return key;
}

/**
 * A listed person at the end of a longer span: taggers borrowed from another language glue
 * titles and places onto names ("Präsident der Vereinigten Staaten Donald Trump", "президент США
 * Джордж Буш"), which no alias spells out. Only people are taken this way, and only by two or
 * more trailing words or one long word, so "Bank of Trump" does not become the person.
 */
function lookupTrailingPerson(name: string, language: string): AliasEntry | undefined {
  const words = name.split(' ');
  for (let length = Math.min(3, words.length - 1); length >= 1; length--) {
    const tailWords = words.slice(words.length - length);
    if (!tailWords.every((word) => word.toLowerCase() !== word)) continue;
    const tail = tailWords.join(' ');
    if (length === 1 && tail.length < 5) break;
    const entry = lookupAlias(tail, language, 'person');
    if (entry?.type === 'person') return entry;
  }
  return undefined;
}

/** Title Case for a transliteration, which any-ascii leaves in the source's (absent) case. */
function titleCase(latin: string): string {
  return latin.replace(/(^|[\s-])(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

/**
 * A leading article is where taggers of different languages disagree most about span edges
 * ("The Fools Who Dream" / "Fools Who Dream", "l'ADT Corporation" / "ADT Corporation"); names
 * are compared without it. Only an elided article before a capital, or English "The" before a
 * further capitalised word, is taken off ("The Hague" is in the alias table, which is asked first).
 */
function withoutLeadingArticle(name: string): string {
  return name.replace(/^(?:[LlDd]['’](?=\p{Lu})|The (?=\p{Lu}))/u, '');
}

function computeIdentity(input: IdentityInput): Identity {
  if (input.isCountry && input.countryCode) return { id: countryEntityId(input.countryCode), name: input.name, countryCode: input.countryCode };
  const bare = withoutLeadingArticle(input.name);
  const entry =
    lookupAlias(input.name, input.language, input.type) ??
    (bare !== input.name ? lookupAlias(bare, input.language, input.type) : undefined) ??
    (bare.includes(' ') ? lookupTrailingPerson(bare, input.language) : undefined);
  if (entry) return { id: entry.id, name: entry.name, ...(entry.countryCode ? { countryCode: entry.countryCode } : {}) };
  const base = displayBaseForm(bare, input.language, input.type);
  const latin = toLatin(base, { isPerson: input.type === 'person' });
  const key = phoneticKey(latin);
  const display = isNonLatin(base) ? titleCase(latin) : base;
  // The key is already slug-shaped (a-z, 0-9, "-"), so it only gets the contract's kind prefix
  // (re-slugging it would cost as much as the rest); a name with no letters to key on (digits,
  // symbols) keeps its plain slug, as the contract's entityId gives it.
  return { id: key ? `${KIND_PREFIX[input.type]}:${key}` : entityId(input.type, entitySlug(input.name) || 'unnamed'), name: display };
}

/** identify() is called for every mention; surface forms repeat, so answers are cached (bounded). */
const cache = new Map<string, Identity>();

export function identify(input: IdentityInput): Identity {
  const cacheKey = `${input.type}\u0000${input.language}\u0000${input.name}\u0000${input.isCountry ? input.countryCode ?? '' : ''}`;
  let identity = cache.get(cacheKey);
  if (!identity) {
    identity = computeIdentity(input);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cacheKey, identity);
  }
  return identity;
}
