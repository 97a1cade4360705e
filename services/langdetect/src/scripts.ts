/**
 * The writing system of a text is the strongest and cheapest evidence there is: Hangul is Korean,
 * kana is Japanese, and a Cyrillic text with "ы" cannot be Bulgarian. This module counts letters
 * per script with one pass over the code points (a regex per script would scan the text ~30 times).
 */

export type ScriptName =
  | 'Latin' | 'Greek' | 'Cyrillic' | 'Armenian' | 'Hebrew' | 'Arabic' | 'Syriac' | 'Thaana' | 'Devanagari' | 'Bengali'
  | 'Gurmukhi' | 'Gujarati' | 'Oriya' | 'Tamil' | 'Telugu' | 'Kannada' | 'Malayalam' | 'Sinhala' | 'Thai' | 'Lao'
  | 'Tibetan' | 'Myanmar' | 'Georgian' | 'Hangul' | 'Ethiopic' | 'Khmer' | 'Mongolian' | 'OlChiki' | 'Tifinagh'
  | 'Kana' | 'Han';

/** [first, last, script], sorted by first code point. */
const RANGES: readonly (readonly [number, number, ScriptName])[] = [
  [0x41, 0x5a, 'Latin'], [0x61, 0x7a, 'Latin'], [0xaa, 0xaa, 'Latin'], [0xba, 0xba, 'Latin'], [0xc0, 0xd6, 'Latin'],
  [0xd8, 0xf6, 'Latin'], [0xf8, 0x2af, 'Latin'], [0x370, 0x3ff, 'Greek'], [0x400, 0x52f, 'Cyrillic'],
  [0x531, 0x58f, 'Armenian'], [0x591, 0x5f4, 'Hebrew'], [0x600, 0x6ff, 'Arabic'], [0x700, 0x74f, 'Syriac'],
  [0x750, 0x77f, 'Arabic'], [0x780, 0x7bf, 'Thaana'], [0x8a0, 0x8ff, 'Arabic'], [0x900, 0x97f, 'Devanagari'],
  [0x980, 0x9ff, 'Bengali'], [0xa00, 0xa7f, 'Gurmukhi'], [0xa80, 0xaff, 'Gujarati'], [0xb00, 0xb7f, 'Oriya'],
  [0xb80, 0xbff, 'Tamil'], [0xc00, 0xc7f, 'Telugu'], [0xc80, 0xcff, 'Kannada'], [0xd00, 0xd7f, 'Malayalam'],
  [0xd80, 0xdff, 'Sinhala'], [0xe00, 0xe7f, 'Thai'], [0xe80, 0xeff, 'Lao'], [0xf00, 0xfff, 'Tibetan'],
  [0x1000, 0x109f, 'Myanmar'], [0x10a0, 0x10ff, 'Georgian'], [0x1100, 0x11ff, 'Hangul'], [0x1200, 0x139f, 'Ethiopic'],
  [0x1780, 0x17ff, 'Khmer'], [0x1800, 0x18af, 'Mongolian'], [0x1c50, 0x1c7f, 'OlChiki'], [0x1c80, 0x1c8f, 'Cyrillic'],
  [0x1c90, 0x1cbf, 'Georgian'], [0x1e00, 0x1eff, 'Latin'], [0x1f00, 0x1fff, 'Greek'], [0x2d30, 0x2d7f, 'Tifinagh'],
  [0x2de0, 0x2dff, 'Cyrillic'], [0x3005, 0x3007, 'Han'], [0x3041, 0x30ff, 'Kana'], [0x3130, 0x318f, 'Hangul'],
  [0x31f0, 0x31ff, 'Kana'], [0x3400, 0x4dbf, 'Han'], [0x4e00, 0x9fff, 'Han'], [0xa640, 0xa69f, 'Cyrillic'],
  [0xac00, 0xd7af, 'Hangul'], [0xf900, 0xfaff, 'Han'], [0xfb1d, 0xfb4f, 'Hebrew'], [0xfb50, 0xfdff, 'Arabic'],
  [0xfe70, 0xfeff, 'Arabic'], [0xff21, 0xff3a, 'Latin'], [0xff41, 0xff5a, 'Latin'], [0xff66, 0xff9f, 'Kana'],
  [0x20000, 0x3134f, 'Han'],
];

function scriptOf(codePoint: number): ScriptName | null {
  let low = 0;
  let high = RANGES.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last, script] = RANGES[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return script;
  }
  return null;
}

export interface ScriptProfile {
  /** Letters (and combining signs of letter scripts) counted, by script. */
  counts: Partial<Record<ScriptName, number>>;
  letters: number;
  dominant: ScriptName | null;
  /** Share of the letters in the dominant script. */
  dominantShare: number;
}

export function scriptProfile(text: string): ScriptProfile {
  const counts: Partial<Record<ScriptName, number>> = {};
  let letters = 0;
  for (let index = 0; index < text.length; index++) {
    let codePoint = text.charCodeAt(index);
    // Fast path for ASCII, most of the text in most news.
    if (codePoint < 0x80) {
      if ((codePoint >= 0x41 && codePoint <= 0x5a) || (codePoint >= 0x61 && codePoint <= 0x7a)) {
        counts.Latin = (counts.Latin ?? 0) + 1;
        letters++;
      }
      continue;
    }
    if (codePoint >= 0xd800 && codePoint <= 0xdbff) {
      codePoint = text.codePointAt(index) ?? codePoint;
      index++;
    }
    const script = scriptOf(codePoint);
    if (script) {
      counts[script] = (counts[script] ?? 0) + 1;
      letters++;
    }
  }
  let dominant: ScriptName | null = null;
  let best = 0;
  for (const [script, count] of Object.entries(counts) as [ScriptName, number][]) {
    if (count > best) {
      best = count;
      dominant = script;
    }
  }
  // Chinese, Japanese and Korean are decided together below, so count the CJK scripts as one block.
  const cjk = (counts.Han ?? 0) + (counts.Kana ?? 0) + (counts.Hangul ?? 0);
  if (cjk > best) {
    best = cjk;
    dominant = (counts.Hangul ?? 0) >= (counts.Kana ?? 0) && (counts.Hangul ?? 0) >= (counts.Han ?? 0) ? 'Hangul' : (counts.Kana ?? 0) > 0 ? 'Kana' : 'Han';
  }
  return { counts, letters, dominant, dominantShare: letters ? best / letters : 0 };
}

/**
 * Chinese, Japanese or Korean from the mix of Han, kana and Hangul. Japanese writes many sentences
 * mostly in kanji (Han) but almost never without kana; Korean news mixes in a few Hanja.
 */
export function cjkLanguage(profile: ScriptProfile): 'kor' | 'jpn' | 'cmn' | null {
  const han = profile.counts.Han ?? 0;
  const kana = profile.counts.Kana ?? 0;
  const hangul = profile.counts.Hangul ?? 0;
  const cjk = han + kana + hangul;
  if (cjk === 0 || cjk < profile.letters / 2) return null;
  if (hangul >= 0.3 * cjk) return 'kor';
  if (kana >= Math.max(1, 0.05 * (han + kana))) return 'jpn';
  return hangul > 0 ? 'kor' : 'cmn';
}

const RUSSIAN = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';
const without = (alphabet: string, letters: string) => [...alphabet].filter((letter) => !letters.includes(letter)).join('');

/**
 * Cyrillic alphabets. A language is ruled out when the text uses letters its alphabet does not
 * have (ы and э are Russian/Belarusian, і/ї/є/ґ Ukrainian, ў Belarusian, ђ/ћ Serbian, ќ/ѓ/ѕ
 * Macedonian, ә/қ/ң/ө/ү... Kazakh and other Turkic languages).
 */
const CYRILLIC_ALPHABETS: Readonly<Record<string, string>> = Object.freeze({
  rus: RUSSIAN,
  ukr: `${without(RUSSIAN, 'ёъыэ')}іїєґ`,
  bel: `${without(RUSSIAN, 'ищъ')}іў`,
  bul: `${without(RUSSIAN, 'ёыэ')}ѝ`,
  mkd: 'абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ',
  srp: 'абвгдђежзијклљмнњопрстћуфхцчџш',
  kaz: `${RUSSIAN}әғқңөұүһі`,
  kir: `${RUSSIAN}ңөү`,
  tat: `${RUSSIAN}әөүҗңһ`,
  bak: `${RUSSIAN}әөүғҙҡңҫһ`,
  tgk: `${RUSSIAN}ғӣқӯҳҷ`,
  khk: `${RUSSIAN}өү`,
});

/**
 * Languages whose alphabet lacks letters this text uses often enough to be more than a quoted
 * name: at least one, and at least 0.5% of the Cyrillic letters.
 */
export function cyrillicExclusions(text: string): Set<string> {
  const lower = text.toLowerCase();
  const frequency = new Map<string, number>();
  let total = 0;
  for (const char of lower) {
    const code = char.charCodeAt(0);
    if (code >= 0x400 && code <= 0x52f) {
      frequency.set(char, (frequency.get(char) ?? 0) + 1);
      total++;
    }
  }
  const excluded = new Set<string>();
  if (total === 0) return excluded;
  const threshold = Math.max(1, 0.005 * total);
  for (const [language, alphabet] of Object.entries(CYRILLIC_ALPHABETS)) {
    let foreign = 0;
    for (const [char, count] of frequency) if (!alphabet.includes(char)) foreign += count;
    if (foreign >= threshold) excluded.add(language);
  }
  return excluded;
}

/**
 * Ethiopic: Tigrinya writes the ቐ and ኸ series, which Amharic does not use; franc's Tigrinya
 * model wins over Amharic text often, so text without them is not taken for Tigrinya (a short
 * Tigrinya line without them then reads as Amharic, the nearer miss).
 */
export function ethiopicExclusions(text: string): Set<string> {
  return /[\u1250-\u125d\u12b8-\u12be]/u.test(text) ? new Set() : new Set(['tir']);
}

/** Languages the letters of `text` rule out, for its dominant script. */
export function scriptExclusions(text: string, dominant: ScriptName | null): Set<string> {
  if (dominant === 'Cyrillic') return cyrillicExclusions(text);
  if (dominant === 'Ethiopic') return ethiopicExclusions(text);
  return new Set();
}
