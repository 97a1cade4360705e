/**
 * The alias table: well-known entities with a fixed id, an English display name and their names
 * in many languages (`services/enricher/data/aliases.txt`, format in its header), plus every
 * country name that `i18n-iso-countries` (MIT) lists in the languages news arrives in, so that a
 * country the gazetteer did not resolve (an inflected form, a tagger's ORG) still gets its
 * ISO-coded id. Built once, on first use.
 */
import countryNames from 'i18n-iso-countries';
import worldCountries from 'world-countries';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { exactKey, isNonLatin, phoneticKey } from './identity-normalise';
import { toLatin } from './transliterate';

export type AliasType = 'person' | 'organization' | 'place';

export interface AliasEntry {
  id: string;
  /** English display name. */
  name: string;
  type: AliasType;
  /** ISO 3166-1 alpha-2: of the country itself (place:country:XX) or of the city or organisation's seat. */
  countryCode?: string;
  /** Every name listed, in every script. */
  names: string[];
  /** Names looked up by exact form only (country names in languages without case endings). */
  exactOnly?: string[];
}

export interface AliasIndex {
  entries: AliasEntry[];
  /** exactKey(name) → entry. */
  byExact: Map<string, AliasEntry>;
  /** phoneticKey(Latin form) → entry; keys two entries share are left out (undefined). */
  byPhonetic: Map<string, AliasEntry | undefined>;
  /** Names in scripts without letter case, for substring search in such texts (longest first). */
  uncasedNames: Array<[string, AliasEntry]>;
}

export const ALIAS_FILE = fileURLToPath(new URL('../../data/aliases.txt', import.meta.url));

/** i18n-iso-countries languages (ISO 639-1) whose country names are indexed: those of the news the project reads. */
const COUNTRY_NAME_LANGUAGES = [
  'en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'ru', 'uk', 'pl', 'cs', 'sk', 'ro', 'hu', 'el', 'tr', 'ar', 'fa', 'he', 'hi', 'zh',
  'ja', 'ko', 'id', 'vi', 'sv', 'sr', 'hr', 'bg', 'da', 'no', 'fi',
];
/**
 * Languages whose country names also get phonetic keys: those that inflect names ("Japonsku",
 * "Німеччини"). Elsewhere the exact name is enough, and keying every name would cost start-up time.
 */
const INFLECTING = new Set(['ru', 'uk', 'pl', 'cs', 'sk', 'hu', 'el', 'sr', 'hr', 'bg', 'ro', 'tr', 'fi', 'de']);

/**
 * Phonetic keys shorter than this are not looked up: consonant skeletons of two letters
 * ("ml", "rm") are shared by too many unrelated names.
 */
const MIN_PHONETIC_KEY = 4;

const TYPE_BY_PREFIX: Record<string, AliasType> = { person: 'person', org: 'organization', place: 'place' };

/** Parses the alias file: `id | English name | country code or - | name; name; …`, # comments. */
export function parseAliases(text: string): AliasEntry[] {
  const entries: AliasEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split('|').map((field) => field.trim());
    const [id, name, country, names] = fields;
    const type = TYPE_BY_PREFIX[id?.split(':')[0] ?? ''];
    if (fields.length !== 4 || !id || !name || !type) throw new Error(`aliases.txt line ${index + 1}: expected "id | name | country | names", got "${line}"`);
    entries.push({
      id,
      name,
      type,
      ...(country && country !== '-' ? { countryCode: country } : {}),
      names: [name, ...names!.split(';').map((alias) => alias.trim()).filter(Boolean)],
    });
  });
  return entries;
}

function countryEntries(): AliasEntry[] {
  const names = new Map<string, Set<string>>();
  const exactOnly = new Map<string, Set<string>>();
  for (const country of worldCountries) {
    names.set(country.cca2, new Set([country.name.common]));
    exactOnly.set(country.cca2, new Set());
  }
  for (const language of COUNTRY_NAME_LANGUAGES) {
    const target = INFLECTING.has(language) ? names : exactOnly;
    for (const [code, list] of Object.entries(countryNames.getNames(language, { select: 'all' }))) {
      const set = target.get(code);
      if (!set) continue;
      for (const name of list) {
        // "Korea, Republic of" is an inverted form nobody writes in running text.
        if (!name.includes(',')) set.add(name.replace(/\s*\(.*\)\s*$/u, ''));
      }
    }
  }
  return worldCountries.map((country) => {
    const code = country.cca2;
    const keyed = names.get(code)!;
    return {
      id: `place:country:${code}`,
      name: country.name.common,
      type: 'place' as const,
      countryCode: code,
      names: [...keyed],
      exactOnly: [...exactOnly.get(code)!].filter((name) => !keyed.has(name)),
    };
  });
}

/** Builds the lookup maps; curated entries before country names, so a curated name wins an exact tie. */
export function buildAliasIndex(curated: readonly AliasEntry[]): AliasIndex {
  const byExact = new Map<string, AliasEntry>();
  const byPhonetic = new Map<string, AliasEntry | undefined>();
  const uncased = new Map<string, AliasEntry>();
  const curatedPhonetic = new Set<string>();
  const add = (entry: AliasEntry, isCurated: boolean): void => {
    for (const name of entry.exactOnly ?? []) {
      const exact = exactKey(name);
      if (exact && !byExact.has(exact)) byExact.set(exact, entry);
    }
    for (const name of entry.names) {
      const exact = exactKey(name);
      if (exact && !byExact.has(exact)) byExact.set(exact, entry);
      // Chinese names are matched exactly (pinyin of a short Han string is too ambiguous to key on).
      // Names in scripts without case are searched for in such texts (curated entries only: the
      // gazetteer already finds country names there).
      const caseless = isNonLatin(name) && !/\p{Lu}|\p{Ll}/u.test(name);
      if (caseless && isCurated && name.length >= 2 && !uncased.has(name)) uncased.set(name, entry);
      // Chinese and Japanese names are matched exactly (the pinyin of a short Han string is too
      // ambiguous to key on).
      if (/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}/u.test(name)) continue;
      const key = phoneticKey(toLatin(name, { isPerson: entry.type === 'person' }));
      if (key.replace(/-/g, '').length < MIN_PHONETIC_KEY) continue;
      const known = byPhonetic.get(key);
      if (!byPhonetic.has(key)) {
        byPhonetic.set(key, entry);
        if (isCurated) curatedPhonetic.add(key);
      } else if (known && known.id !== entry.id && !(curatedPhonetic.has(key) && !isCurated)) {
        // Two entities share a key: neither may claim it (a curated entry outranks country names).
        byPhonetic.set(key, undefined);
      }
    }
  };
  for (const entry of curated) add(entry, true);
  const countries = countryEntries();
  for (const entry of countries) add(entry, false);
  return {
    entries: [...curated, ...countries],
    byExact,
    byPhonetic,
    uncasedNames: [...uncased].sort((a, b) => b[0].length - a[0].length),
  };
}

let shared: AliasIndex | undefined;

/** The index of the shipped alias file and country names, built on first use. */
export function aliasIndex(): AliasIndex {
  shared ??= buildAliasIndex(parseAliases(readFileSync(ALIAS_FILE, 'utf8')));
  return shared;
}
