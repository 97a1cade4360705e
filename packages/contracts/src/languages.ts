import { iso6393, iso6393To1 } from 'iso-639-3';

/**
 * The one mapping between language codes in Newsflow. The language detector emits ISO 639-3
 * *individual* languages (`cmn`, `arb`, `pes`, `zsm`, …); data keyed by ISO 639-1 or by
 * macrolanguage (`zh`/`zho`, `ar`/`ara`, stop-word lists, gazetteers, entity models, analyzers)
 * is reached through these functions, never through `iso6393To1` directly, which knows only
 * macrolanguages for those codes and silently answers nothing for `cmn`.
 */

/**
 * The default supported list: the most common news languages (by volume of online news), each
 * one the detectors have a model for. Anything outside the list is answered `und`
 * (`unsupported_language`) rather than forced onto its nearest supported neighbour.
 */
export const DEFAULT_LANGUAGES: readonly string[] = Object.freeze([
  // Latin script
  'eng', 'deu', 'fra', 'spa', 'por', 'ita', 'nld', 'pol', 'ces', 'slk', 'slv', 'hrv', 'bos', 'ron', 'hun', 'fin', 'swe',
  'dan', 'nob', 'ekk', 'lvs', 'lit', 'tur', 'vie', 'ind', 'zsm', 'tgl', 'swh', 'cat', 'glg', 'eus', 'isl', 'azj', 'uzn',
  'hau', 'als',
  // Cyrillic
  'rus', 'ukr', 'bul', 'mkd', 'srp', 'bel', 'kaz',
  // other scripts
  'ell', 'heb', 'arb', 'pes', 'urd', 'hin', 'ben', 'mar', 'tam', 'tel', 'guj', 'kan', 'mal', 'pan', 'cmn', 'jpn', 'kor',
  'tha', 'kat', 'hye', 'amh',
]);

/**
 * Where the individual language we output differs from the code a detector or a web page uses:
 * macrolanguages map to their standard member (a page saying `ar` means Modern Standard Arabic),
 * and franc's `zlm` (Malay) is Standard Malay `zsm`.
 */
export const MACRO_TO_INDIVIDUAL: Readonly<Record<string, string>> = Object.freeze({
  ara: 'arb', zho: 'cmn', fas: 'pes', msa: 'zsm', nor: 'nob', est: 'ekk', lav: 'lvs', swa: 'swh', uzb: 'uzn', aze: 'azj',
  sqi: 'als', mon: 'khk', nep: 'npi', yid: 'ydd', pus: 'pbt', kur: 'kmr', orm: 'gaz', mlg: 'plt', que: 'quy', ori: 'ory',
  zlm: 'zsm', pbu: 'pbt', hbs: 'hrv', kau: 'knc', ful: 'fuv', aym: 'ayr', kon: 'kng', grn: 'gug',
});

/** The macrolanguage of an individual language (arb → ara), for data keyed by macrolanguage. */
export const INDIVIDUAL_TO_MACRO: Readonly<Record<string, string>> = Object.freeze({
  arb: 'ara', cmn: 'zho', yue: 'zho', pes: 'fas', prs: 'fas', zsm: 'msa', nob: 'nor', nno: 'nor', ekk: 'est', lvs: 'lav',
  swh: 'swa', uzn: 'uzb', azj: 'aze', azb: 'aze', als: 'sqi', khk: 'mon', npi: 'nep', ydd: 'yid', pbt: 'pus', kmr: 'kur',
  ckb: 'kur', gaz: 'orm', plt: 'mlg', quy: 'que', ory: 'ori', ind: 'msa', zlm: 'msa',
});

const ISO1_TO_3: ReadonlyMap<string, string> = new Map(Object.entries(iso6393To1).map(([three, one]) => [one, three]));
const KNOWN_CODES: ReadonlySet<string> = new Set(iso6393.map((language) => language.iso6393));

/** Normalises an ISO 639-1/-3 or BCP 47-like tag ("de", "de-AT", "pt_BR", "zho") to an ISO 639-3 individual code. */
export function toIso3(tag: string): string | null {
  const primary = tag.trim().toLowerCase().split(/[-_]/u)[0] ?? '';
  if (!/^[a-z]{2,3}$/u.test(primary)) return null;
  const three = primary.length === 2 ? ISO1_TO_3.get(primary) : KNOWN_CODES.has(primary) ? primary : undefined;
  if (!three) return null;
  return MACRO_TO_INDIVIDUAL[three] ?? three;
}

/**
 * ISO 639-1 for an individual language, through its macrolanguage where only that has one
 * (cmn → zho → zh). Indonesian has its own (`id`), so it is looked up first.
 */
export function toIso1(code: string): string | undefined {
  return iso6393To1[code] ?? (INDIVIDUAL_TO_MACRO[code] ? iso6393To1[INDIVIDUAL_TO_MACRO[code]] : undefined);
}

/** The macrolanguage of `code` when it has one, else `code` itself (cmn → zho, deu → deu). */
export function macrolanguageOf(code: string): string {
  return INDIVIDUAL_TO_MACRO[code] ?? code;
}

/** The individual language that stands for `code` (zho → cmn, ara → arb; individual codes unchanged). */
export function individualLanguageOf(code: string): string {
  return MACRO_TO_INDIVIDUAL[code] ?? code;
}
