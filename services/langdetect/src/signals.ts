import { toIso3 } from './languages';

/**
 * What the page says about its own language, besides its text: the declared language (html
 * lang, og:locale, Content-Language) and the country-code top-level domain. Both are priors, not
 * facts: CMS templates declare `en` on German sites, and .de hosts publish English.
 */
export interface PageSignals {
  /** ISO 639-3 codes the page declares, most specific source first, without duplicates. */
  declared: string[];
  /** ISO 639-3 codes usual for the host's country-code TLD (empty for generic TLDs). */
  domain: string[];
}

/** Parses "de-AT", "pt_BR", "en-US, de;q=0.8", "und" into ISO 639-3 codes. */
export function parseDeclaredLanguages(values: readonly (string | undefined)[]): string[] {
  const codes: string[] = [];
  for (const value of values) {
    if (!value) continue;
    for (const part of value.split(',')) {
      const tag = part.split(';')[0]?.trim() ?? '';
      if (!tag || tag === '*') continue;
      const code = toIso3(tag);
      if (code && code !== 'und' && code !== 'mul' && code !== 'zxx' && !codes.includes(code)) codes.push(code);
    }
  }
  return codes;
}

/**
 * Country-code TLD → the languages its news is mostly written in. Only country codes that are
 * used as countries: .io, .ai, .co, .tv, .me, .fm, .ly and similar are sold worldwide and say
 * nothing about language, so they are left out on purpose.
 */
const TLD_LANGUAGES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  de: ['deu'], at: ['deu'], ch: ['deu', 'fra', 'ita'], li: ['deu'], lu: ['fra', 'deu'], fr: ['fra'], be: ['nld', 'fra'],
  nl: ['nld'], es: ['spa'], mx: ['spa'], ar: ['spa'], cl: ['spa'], pe: ['spa'], ve: ['spa'], uy: ['spa'], ec: ['spa'],
  bo: ['spa'], py: ['spa'], cu: ['spa'], do: ['spa'], gt: ['spa'], hn: ['spa'], sv: ['spa'], ni: ['spa'], cr: ['spa'],
  pa: ['spa'], pt: ['por'], br: ['por'], ao: ['por'], mz: ['por'], it: ['ita'], sm: ['ita'], pl: ['pol'], cz: ['ces'],
  sk: ['slk'], si: ['slv'], hr: ['hrv'], ba: ['bos', 'hrv', 'srp'], rs: ['srp'], mk: ['mkd'], bg: ['bul'], ro: ['ron'],
  md: ['ron'], hu: ['hun'], fi: ['fin'], se: ['swe'], no: ['nob', 'nno'], dk: ['dan'], is: ['isl'], ee: ['ekk'],
  lv: ['lvs'], lt: ['lit'], gr: ['ell'], cy: ['ell'], tr: ['tur'], ru: ['rus'], su: ['rus'], ua: ['ukr'], by: ['bel', 'rus'],
  kz: ['kaz', 'rus'], uz: ['uzn'], az: ['azj'], ge: ['kat'], am: ['hye'], il: ['heb'], sa: ['arb'], ae: ['arb'], eg: ['arb'],
  qa: ['arb'], kw: ['arb'], bh: ['arb'], om: ['arb'], jo: ['arb'], lb: ['arb'], sy: ['arb'], iq: ['arb'], dz: ['arb'],
  ma: ['arb'], tn: ['arb'], ir: ['pes'], af: ['prs', 'pbt'], pk: ['urd'], bd: ['ben'], cn: ['cmn'], tw: ['cmn'],
  hk: ['cmn', 'yue'], jp: ['jpn'], kr: ['kor'], vn: ['vie'], th: ['tha'], id: ['ind'], my: ['zsm'], bn: ['zsm'],
  ph: ['tgl', 'eng'], ke: ['swh', 'eng'], tz: ['swh'], et: ['amh'], al: ['als'], uk: ['eng'], ie: ['eng'], au: ['eng'],
  nz: ['eng'], us: ['eng'], ca: ['eng', 'fra'], za: ['eng'], ng: ['eng', 'hau'], gh: ['eng'], in: ['eng', 'hin'],
  cat: ['cat'], eus: ['eus'], gal: ['glg'], bzh: ['fra'], scot: ['eng'], wales: ['eng'],
});

export function domainLanguages(url: string | undefined): string[] {
  if (!url) return [];
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return [];
  }
  const tld = host.slice(host.lastIndexOf('.') + 1);
  return [...(TLD_LANGUAGES[tld] ?? [])];
}

export function pageSignals(input: { declaredLanguage?: string | undefined; contentLanguage?: string | undefined; url?: string | undefined }): PageSignals {
  return {
    declared: parseDeclaredLanguages([input.declaredLanguage, input.contentLanguage]),
    domain: domainLanguages(input.url),
  };
}
