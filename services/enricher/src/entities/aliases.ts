/**
 * The alias table: well-known entities with a fixed id, an English display name and their names
 * in many languages (`services/enricher/data/aliases.txt`, format in its header), plus every
 * country name that `i18n-iso-countries` (MIT) lists in the languages news arrives in, so that a
 * country the gazetteer did not resolve (an inflected form, a tagger's ORG) still gets its
 * ISO-coded id. Built once, on first use.
 */
import countryNames from 'i18n-iso-countries';
import worldCountries from 'world-countries';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
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
/** The index built from ALIAS_FILE and the country packages, shipped so that start-up only parses JSON. */
export const ALIAS_INDEX_FILE = fileURLToPath(new URL('../../data/alias-index.json', import.meta.url));
/** Bump when a change to the keys (identity-normalise.ts, transliterate.ts) makes shipped indexes stale. */
const INDEX_VERSION = 1;

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

/** The index as stored: entries by position, maps as plain objects (-1: a key two entries share). */
export interface SerializedAliasIndex {
  /** Hash of what the index was built from; see indexSourceHash. */
  source: string;
  entries: Array<{ id: string; name: string; type: AliasType; countryCode?: string }>;
  /** Keys and, at the same position, entry positions: parallel arrays parse faster than objects. */
  exactKeys: string[];
  exactEntries: number[];
  phoneticKeys: string[];
  phoneticEntries: number[];
  uncased: Array<[string, number]>;
}

/** Version of an installed package, from the package.json above its entry point (some packages do not export it). */
function packageVersion(name: string): string {
  let directory = path.dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = path.join(directory, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name) return manifest.version ?? '';
    }
    const parent = path.dirname(directory);
    if (parent === directory) return '';
    directory = parent;
  }
}

/** What an index depends on: the alias file, the country packages' versions and the key version. */
export function indexSourceHash(aliasText: string): string {
  const versions = ['i18n-iso-countries', 'world-countries', 'any-ascii', 'pinyin-pro'].map(packageVersion);
  return createHash('sha256').update(`${INDEX_VERSION}\n${versions.join(',')}\n${aliasText}`).digest('hex').slice(0, 16);
}

export function serializeAliasIndex(index: AliasIndex, source: string): SerializedAliasIndex {
  const position = new Map<AliasEntry, number>();
  const entries = index.entries.map((entry, at) => {
    position.set(entry, at);
    return { id: entry.id, name: entry.name, type: entry.type, ...(entry.countryCode ? { countryCode: entry.countryCode } : {}) };
  });
  return {
    source,
    entries,
    exactKeys: [...index.byExact.keys()],
    exactEntries: [...index.byExact.values()].map((entry) => position.get(entry)!),
    phoneticKeys: [...index.byPhonetic.keys()],
    phoneticEntries: [...index.byPhonetic.values()].map((entry) => (entry ? position.get(entry)! : -1)),
    uncased: index.uncasedNames.map(([name, entry]) => [name, position.get(entry)!]),
  };
}

/** A stored index (entries carry no name lists: lookups need only the maps). */
export function deserializeAliasIndex(stored: SerializedAliasIndex): AliasIndex {
  const entries: AliasEntry[] = stored.entries.map((entry) => ({ ...entry, names: [] }));
  const byExact = new Map<string, AliasEntry>();
  stored.exactKeys.forEach((key, at) => byExact.set(key, entries[stored.exactEntries[at]!]!));
  const byPhonetic = new Map<string, AliasEntry | undefined>();
  stored.phoneticKeys.forEach((key, at) => byPhonetic.set(key, entries[stored.phoneticEntries[at]!]));
  return { entries, byExact, byPhonetic, uncasedNames: stored.uncased.map(([name, at]) => [name, entries[at]!]) };
}

let shared: AliasIndex | undefined;

/**
 * The index of the alias file and country names: the shipped alias-index.json when it was built
 * from the current inputs, else built now (correct, only slower: ~150 ms), so an alias added
 * without rebuilding still works.
 */
export function aliasIndex(): AliasIndex {
  if (shared) return shared;
  const aliasText = readFileSync(ALIAS_FILE, 'utf8');
  const source = indexSourceHash(aliasText);
  if (existsSync(ALIAS_INDEX_FILE)) {
    const stored = JSON.parse(readFileSync(ALIAS_INDEX_FILE, 'utf8')) as SerializedAliasIndex;
    if (stored.source === source) shared = deserializeAliasIndex(stored);
  }
  shared ??= buildAliasIndex(parseAliases(aliasText));
  return shared;
}
