import { francAll } from 'franc';
import type { LanguageResult } from '@newsflow/contracts';

export const DETECTOR_VERSION = 'newsflow-langid/0.1';

/** ISO 639-3 → ISO 639-1 for the languages we support. */
export const ISO1: Readonly<Record<string, string>> = Object.freeze({
  eng: 'en', deu: 'de', fra: 'fr', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', ukr: 'uk', pol: 'pl',
  ces: 'cs', slk: 'sk', slv: 'sl', hrv: 'hr', srp: 'sr', bos: 'bs', bul: 'bg', mkd: 'mk', ron: 'ro', hun: 'hu',
  fin: 'fi', swe: 'sv', nob: 'nb', nno: 'nn', dan: 'da', isl: 'is', est: 'et', lvs: 'lv', lit: 'lt', ell: 'el',
  tur: 'tr', ara: 'ar', arb: 'ar', heb: 'he', pes: 'fa', urd: 'ur', hin: 'hi', ben: 'bn', tam: 'ta', tel: 'te',
  mar: 'mr', cmn: 'zh', jpn: 'ja', kor: 'ko', vie: 'vi', tha: 'th', ind: 'id', zsm: 'ms', tgl: 'tl', swh: 'sw',
  cat: 'ca', glg: 'gl', eus: 'eu', kat: 'ka', hye: 'hy', aze: 'az', kaz: 'kk', uzn: 'uz', amh: 'am', hau: 'ha',
});

export const DEFAULT_LANGUAGES: readonly string[] = Object.freeze(Object.keys(ISO1));

export interface DetectOptions {
  only: readonly string[];
  /** Below this many letters the answer is "und". */
  minLength: number;
  sampleLength: number;
}

export const DEFAULT_DETECT_OPTIONS: DetectOptions = Object.freeze({ only: DEFAULT_LANGUAGES, minLength: 20, sampleLength: 2_000 });

/** Detects the language of a text with franc restricted to the supported list. */
export function detectLanguage(text: string, options: DetectOptions = DEFAULT_DETECT_OPTIONS): LanguageResult {
  const sample = text.slice(0, options.sampleLength);
  const letters = sample.replace(/[\p{P}\p{S}\p{N}\s]/gu, '').length;
  if (letters < options.minLength) {
    return { code: 'und', confidence: 0, reason: 'too_short', detector: DETECTOR_VERSION };
  }
  const ranked = francAll(sample, { only: [...options.only], minLength: 1 });
  const [best, second] = ranked;
  if (!best || best[0] === 'und') return { code: 'und', confidence: 0, reason: 'no_match', detector: DETECTOR_VERSION };
  // franc scores are relative (best = 1); the gap to the runner-up is what carries information.
  const gap = second ? best[1] - second[1] : 1;
  const confidence = Math.max(0, Math.min(1, 0.5 + gap * 5));
  const iso1 = ISO1[best[0]];
  return {
    code: best[0],
    ...(iso1 ? { iso1 } : {}),
    confidence: Math.round(confidence * 1000) / 1000,
    ...(second ? { runnerUp: second[0] } : {}),
    detector: DETECTOR_VERSION,
  };
}
