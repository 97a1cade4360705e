import { data as francModels } from 'franc/data.js';
import { MACRO_TO_INDIVIDUAL } from '@newsflow/contracts';

/**
 * Language inventory: which codes the detectors speak, how they map to the ISO 639-3 individual
 * languages we output, and which languages are close enough to be confused with each other.
 */

/** The default supported list lives in the contracts (the enricher needs it too). */
export { DEFAULT_LANGUAGES } from '@newsflow/contracts';

export { toIso1, toIso3 } from '@newsflow/contracts';

/** The code franc uses for one of our languages (franc predates `zsm`). */
export function toFrancCode(code: string): string {
  return code === 'zsm' ? 'zlm' : code === 'pbt' ? 'pbu' : code;
}

export function fromFrancCode(code: string): string {
  return MACRO_TO_INDIVIDUAL[code] ?? code;
}

/**
 * franc also has Cyrillic models for languages that today write mostly in Latin script (Bosnian,
 * Uzbek, Azerbaijani, Turkmen); they pull Serbian and Ukrainian text their way, so they are left
 * out of Cyrillic.
 */
const LATIN_FIRST: ReadonlySet<string> = new Set(['bos', 'uzn', 'azj', 'tuk']);

/** franc's models grouped by the script franc picks them for ("Latin", "Cyrillic", ...), in our codes. */
export const FRANC_LANGUAGES_BY_SCRIPT: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(
    Object.entries(francModels).map(([script, models]) => [
      script,
      Object.keys(models)
        .map(fromFrancCode)
        .filter((code) => !(script === 'Cyrillic' && LATIN_FIRST.has(code))),
    ]),
  ),
);

/**
 * ELD's 60 classes → the ISO 639-3 languages each one stands for. ELD has one class for several
 * close relatives (no = Bokmål and Nynorsk, ms = Malay and Indonesian, hr = Croatian and
 * Bosnian, fa = Iranian Persian and Dari); distinctive words or franc then choose inside the
 * class. Members are listed by volume of news: when the text cannot tell them apart, the first
 * one is the better bet (the page's domain or declared language can still pick another).
 */
export const ELD_CLASS_MEMBERS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  am: ['amh'], ar: ['arb'], az: ['azj'], be: ['bel'], bg: ['bul'], bn: ['ben'], ca: ['cat'], cs: ['ces'], da: ['dan'],
  de: ['deu'], el: ['ell'], en: ['eng'], es: ['spa'], et: ['ekk'], eu: ['eus'], fa: ['pes', 'prs'], fi: ['fin'], fr: ['fra'],
  gu: ['guj'], he: ['heb'], hi: ['hin'], hr: ['hrv', 'bos'], hu: ['hun'], hy: ['hye'], is: ['isl'], it: ['ita'], ja: ['jpn'],
  ka: ['kat'], kn: ['kan'], ko: ['kor'], ku: ['ckb'], lo: ['lao'], lt: ['lit'], lv: ['lvs'], ml: ['mal'], mr: ['mar'],
  ms: ['ind', 'zsm'], nl: ['nld'], no: ['nob', 'nno'], or: ['ory'], pa: ['pan'], pl: ['pol'], pt: ['por'], ro: ['ron'],
  ru: ['rus'], sk: ['slk'], sl: ['slv'], sq: ['als'], sr: ['srp'], sv: ['swe'], ta: ['tam'], te: ['tel'], th: ['tha'],
  tl: ['tgl'], tr: ['tur'], uk: ['ukr'], ur: ['urd'], vi: ['vie'], yo: ['yor'], zh: ['cmn'],
});

export const ELD_LANGUAGES: ReadonlySet<string> = new Set(Object.values(ELD_CLASS_MEMBERS).flat());

/**
 * Latin-script languages that ELD has no class for and files under the class of a relative
 * (measured on langid-dev: Afrikaans comes out as Dutch, Cebuano as Tagalog, Galician as
 * Portuguese). franc gets to compare these against ELD's answer, so that a supported one is found
 * and an unsupported one is not forced onto its neighbour. Other scripts have few languages, so
 * there franc compares all of its models for the script.
 */
export const LATIN_SHADOWS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  nl: ['afr', 'nds'], de: ['nds'], tl: ['ceb', 'war', 'ilo', 'hil', 'bcl', 'pam'],
  ms: ['min', 'ban', 'sun', 'jav', 'ace', 'bug', 'mad'], hr: ['srp', 'slv'], sl: ['hrv', 'bos'], pt: ['glg'],
  es: ['glg', 'quy', 'quz', 'ayr'], it: ['vec', 'src'], ro: ['rup'], tr: ['tuk', 'azj'], az: ['tuk', 'uzn'],
  no: ['dan'], da: ['nob', 'nno'], cs: ['slk'], sk: ['ces'], yo: [], fr: ['hat'], ca: [],
});

/**
 * Written standards of one language that the text detectors cannot reliably tell apart; the page's
 * own signals (declared language, country domain) pick the member unless the text's distinctive
 * words already did. Other close pairs (Czech/Slovak, Norwegian/Danish, Bulgarian/Macedonian) ELD
 * separates well, so there the page only decides when the text is weak.
 */
export const CLOSE_GROUPS: readonly (readonly string[])[] = Object.freeze([
  ['zsm', 'ind'],
  ['hrv', 'bos', 'srp'],
  ['nob', 'nno'],
  ['pes', 'prs'],
]);

export function closeGroupOf(code: string): readonly string[] {
  return CLOSE_GROUPS.find((group) => group.includes(code)) ?? [code];
}
