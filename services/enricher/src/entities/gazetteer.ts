/**
 * Place gazetteers built at start-up from npm packages (nothing downloaded at run time):
 * - country names, official names, alternative spellings and English/French demonyms from
 *   `world-countries` (mledoze/countries, ODbL 1.0),
 * - country names in 78 languages from `i18n-iso-countries` (MIT),
 * - cities from `city-timezones` (MIT; Natural Earth populated places, public domain),
 * - country adjectives in de, es, fi, fr, it, nl, no from `i18n-nationality` (MIT).
 * Plus the short curated lists below, written for this project.
 */
import countryNames from 'i18n-iso-countries';
import nationalities from 'i18n-nationality';
import cityTimezones from 'city-timezones';
import worldCountries from 'world-countries';
import { macrolanguageOf, toIso1 } from '@newsflow/contracts';
import { tokenize } from './tokenize';

export type PlaceKind = 'country' | 'demonym' | 'city';

export interface PlaceEntry {
  kind: PlaceKind;
  /** Canonical display name: the English common name for countries, the city name for cities. */
  name: string;
  /** ISO 3166-1 alpha-2 of the country (for cities: the country they are in). */
  countryCode: string;
}

/**
 * Abbreviations for countries that news copy uses but the packages do not list (or list only
 * as the bare ISO code, which would also match ordinary words such as "IN" or "IT").
 */
const COUNTRY_ABBREVIATIONS: Record<string, string> = {
  US: 'US', 'U.S.': 'US', USA: 'US', 'U.S.A.': 'US', UK: 'GB', 'U.K.': 'GB', UAE: 'AE', PRC: 'CN', DPRK: 'KP', ROK: 'KR',
  DRC: 'CD',
};

/**
 * Adjective endings, so that inflected forms match the dictionary form the package lists
 * ("nordkoreanischen" → "Nordkoreanisch"). Only where the rule is this simple.
 */
const ADJECTIVE_ENDINGS: Record<string, string[]> = {
  deu: ['', 'e', 'en', 'er', 'es', 'em'],
  fra: ['', 'e', 's', 'es'],
};

/** Cities below this population only feed the model's gazetteer flag; matching needs a model tag. */
const CITY_MIN_POPULATION = 50_000;

/** Token sequence → value, matched longest-first on lower-cased token texts. */
export class PhraseMatcher<T> {
  private readonly phrases = new Map<string, T>();
  /** Longest phrase length per first token: most tokens start no phrase and cost one lookup. */
  private readonly longestByFirstToken = new Map<string, number>();

  add(phrase: string, value: T, overwrite = false): void {
    const tokens = tokenize(phrase).map((token) => token.text.toLowerCase());
    if (tokens.length === 0 || tokens.length > 8) return;
    const key = tokens.join(' ');
    if (!overwrite && this.phrases.has(key)) return;
    this.phrases.set(key, value);
    this.longestByFirstToken.set(tokens[0]!, Math.max(this.longestByFirstToken.get(tokens[0]!) ?? 0, tokens.length));
  }

  /** Length of the longest phrase starting with this (lower-cased) token; 0 when none does. */
  longestStartingWith(lowerToken: string): number {
    return this.longestByFirstToken.get(lowerToken) ?? 0;
  }

  /** Longest phrase starting at `start` in `lowerTokens`. */
  matchAt(lowerTokens: readonly string[], start: number): { length: number; value: T } | undefined {
    const longest = this.longestByFirstToken.get(lowerTokens[start]!);
    if (longest === undefined) return undefined;
    const maxLength = Math.min(longest, lowerTokens.length - start);
    let phrase = lowerTokens[start]!;
    let found: { length: number; value: T } | undefined;
    for (let length = 1; length <= maxLength; length++) {
      if (length > 1) phrase += ` ${lowerTokens[start + length - 1]!}`;
      const value = this.phrases.get(phrase);
      if (value !== undefined) found = { length, value };
    }
    return found;
  }

  /** Phrases as stored: lower-cased tokens joined by single spaces. */
  entries(): IterableIterator<[string, T]> {
    return this.phrases.entries();
  }

  get size(): number {
    return this.phrases.size;
  }
}

export interface Gazetteer {
  /** Countries, demonyms and cities in the given languages. */
  places: PhraseMatcher<PlaceEntry>;
  /** Country lookup by ISO code → canonical entry. */
  countryByCode: Map<string, PlaceEntry>;
}

/**
 * Sovereign, larger countries first: where names or adjectives are shared ("French" is also the
 * demonym of the French Southern Lands, "Congo" names two states), the first one added wins.
 */
const countriesByPriority = [...worldCountries].sort(
  (a, b) => Number(b.unMember) - Number(a.unMember) || Number(b.independent) - Number(a.independent) || b.area - a.area,
);

const englishNameByCode = new Map<string, string>(worldCountries.map((country) => [country.cca2, country.name.common]));

function countryEntry(code: string, kind: PlaceKind = 'country'): PlaceEntry {
  return { kind, name: englishNameByCode.get(code) ?? code, countryCode: code };
}

/** First letters of the words of a name ("Китайская Народная Республика" → "КНР"). */
function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/u)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('');
}

/**
 * "КНР (Китайская Народная Республика)" → both parts; "Korea, Republic of" is skipped (inverted
 * form). A parenthesised part is another name of the same country only when one side spells
 * out the other; otherwise it is a qualifier naming something else: "Виргинские Острова (США)"
 * are islands *of* the US, and "США" must not become their alias.
 */
function nameVariants(raw: string): string[] {
  if (raw.includes(',')) return [];
  const variants: string[] = [];
  const parenthesised = /^(.*?)\s*\((.*)\)\s*$/u.exec(raw);
  if (parenthesised) {
    const [outer, inner] = [parenthesised[1]!, parenthesised[2]!];
    variants.push(outer);
    const isAbbreviation = (short: string, long: string): boolean =>
      short === short.toUpperCase() && short.replace(/\./g, '') === initialsOf(long).toUpperCase();
    if (isAbbreviation(outer, inner) || isAbbreviation(inner, outer)) variants.push(inner);
  } else variants.push(raw);
  return variants.filter((variant) => variant.length >= 3 || variant === variant.toUpperCase());
}

/** world-countries keys Persian by its ISO 639-2/B code. */
const WORLD_COUNTRIES_LANGUAGE: Record<string, string> = { fas: 'per' };

const cache = new Map<string, Gazetteer>();

/**
 * The gazetteer behind the tagger's gazetteer features. It leaves out the i18n-nationality
 * adjectives: trained on WikiANN, where such adjectives mostly open organisation names, the
 * German model learned to start names at them ("chinesische Präsident Xi Jinping").
 */
export function loadFeatureGazetteer(language: string): Gazetteer {
  return loadGazetteer([language], { nationalityAdjectives: false });
}

/**
 * Builds (once per language set) the place gazetteer for ISO 639-3 `languages`; English is
 * always included because English country names and demonyms appear in copy of every language.
 */
export function loadGazetteer(languages: readonly string[], options: { nationalityAdjectives?: boolean } = {}): Gazetteer {
  const nationalityAdjectives = options.nationalityAdjectives ?? true;
  // Data here is keyed by macrolanguage (zho, ara, fas), the detector emits individual codes (cmn, arb, pes).
  const wanted = [...new Set(['eng', ...languages.map(macrolanguageOf)])].sort();
  const cacheKey = `${wanted.join(',')}${nationalityAdjectives ? '+adjectives' : ''}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;

  const places = new PhraseMatcher<PlaceEntry>();
  const countryByCode = new Map<string, PlaceEntry>();
  for (const country of worldCountries) countryByCode.set(country.cca2, countryEntry(country.cca2));

  // Countries first so that a city sharing a country's name (e.g. "Singapore") resolves to the country.
  for (const country of countriesByPriority) {
    const entry = countryByCode.get(country.cca2)!;
    const names = [country.name.common, country.name.official, ...country.altSpellings.filter((s) => s !== country.cca2)];
    for (const language of wanted) {
      const translation = country.translations[WORLD_COUNTRIES_LANGUAGE[language] ?? language];
      if (translation) names.push(translation.common, translation.official);
    }
    for (const name of names) for (const variant of nameVariants(name)) places.add(variant, entry);
  }
  for (const language of wanted) {
    const iso1 = toIso1(language);
    if (!iso1) continue;
    const byCode = countryNames.getNames(iso1, { select: 'all' });
    for (const [code, names] of Object.entries(byCode)) {
      const entry = countryByCode.get(code) ?? countryEntry(code);
      for (const name of names) for (const variant of nameVariants(name)) places.add(variant, entry);
    }
  }
  for (const [abbreviation, code] of Object.entries(COUNTRY_ABBREVIATIONS)) {
    places.add(abbreviation, countryByCode.get(code) ?? countryEntry(code), true);
  }
  for (const country of countriesByPriority) {
    const demonyms = country.demonyms as Record<string, { f: string; m: string }> | undefined;
    for (const language of ['eng', 'fra']) {
      const forms = demonyms?.[language];
      if (!forms || (language !== 'eng' && !wanted.includes(language))) continue;
      for (const form of new Set([forms.m, forms.f])) places.add(form, countryEntry(country.cca2, 'demonym'));
    }
  }
  for (const language of nationalityAdjectives ? wanted : []) {
    const iso1 = toIso1(language);
    if (!iso1 || language === 'eng') continue;
    const endings = ADJECTIVE_ENDINGS[language] ?? [''];
    for (const [code, adjective] of Object.entries(nationalities.getNames(iso1))) {
      for (const ending of endings) places.add(`${adjective}${ending}`, countryEntry(code, 'demonym'));
    }
  }
  for (const country of worldCountries) {
    for (const capital of country.capital) places.add(capital, { kind: 'city', name: capital, countryCode: country.cca2 });
  }
  for (const city of cityTimezones.cityMapping) {
    if (city.pop < CITY_MIN_POPULATION) continue;
    const entry: PlaceEntry = { kind: 'city', name: city.city, countryCode: city.iso2 };
    places.add(city.city, entry);
    // Some ASCII forms in the data are truncated; only accept pure transliterations.
    if (city.city_ascii && city.city_ascii !== city.city && city.city_ascii.length === city.city.length) places.add(city.city_ascii, entry);
  }

  const gazetteer = { places, countryByCode };
  cache.set(cacheKey, gazetteer);
  return gazetteer;
}
