/**
 * Numbers as they survive translation: "1,250", "1.250", "1 250" and "١٬٢٥٠" are one figure;
 * "3.5" and "3,5" are one decimal. Digits are the most translation-proof evidence an article
 * carries (years, counts, percentages, scores), but small integers ("2 people", "3 times")
 * occur everywhere and say nothing about which story it is.
 */

/** Digits of other scripts (Arabic-Indic, Persian, Devanagari, Bengali, Thai…) → ASCII. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810, 0xff10];

function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u17e0-\u17e9\u1810-\u1819\uff10-\uff19]/g, (digit) => {
    const code = digit.charCodeAt(0);
    const zero = DIGIT_ZEROS.find((z) => code >= z && code <= z + 9)!;
    return String(code - zero);
  });
}

/**
 * A run of digits with separators inside: ASCII and Arabic separators, spaces (incl. narrow
 * no-break) and apostrophes (Swiss "1'250"). A separator must be followed by a digit, so a
 * sentence-final "2016." or a list "3, 4" stays apart.
 */
const NUMBER = /\d+(?:[.,\u066b\u066c'\u2019\u00a0\u202f ]\d+)*/g;

export interface StoryNumber {
  /** Canonical value as text: "1250", "3.5". */
  value: string;
  /** What kind of figure it is, for weighting. */
  kind: 'year' | 'decimal' | 'large' | 'count';
}

const DECIMAL_SEPARATOR = /^[.,\u066b]$/;

/**
 * Reads one matched run left to right. A group of at most three digits followed by groups of
 * exactly three, all behind one separator, is a number with thousands ("1,250", "1.250",
 * "4 500", "12 500 000"); a decimal separator other than that one, then digits, ends it with a
 * decimal part ("297,9", "12,500.75"). Anything else starts a new number, so "2021 297,9" is
 * 2021 and 297.9, and "1 2 3" are three.
 */
function readRun(run: string): number[] {
  const groups = run.split(/[.,\u066b\u066c'\u2019\u00a0\u202f ]/);
  const separators = run.match(/[.,\u066b\u066c'\u2019\u00a0\u202f ]/g) ?? [];
  const values: number[] = [];
  for (let i = 0; i < groups.length; i++) {
    let integer = groups[i]!;
    let thousands: string | undefined;
    // "0.125" is a decimal: no number is written with thousands after a lone zero.
    if (integer.length <= 3 && integer !== '0') {
      while (i + 1 < groups.length && groups[i + 1]!.length === 3 && (thousands === undefined || separators[i] === thousands)) {
        // "1.250,5" and "1,250.5": the separator used for thousands is never the decimal one.
        if (thousands === undefined && i + 2 < groups.length && separators[i + 1] === separators[i] && groups[i + 2]!.length !== 3) break;
        thousands = separators[i]!;
        integer += groups[++i]!;
      }
    }
    let value = Number(integer);
    const separator = separators[i];
    if (i + 1 < groups.length && separator !== undefined && separator !== thousands && DECIMAL_SEPARATOR.test(separator)) {
      value = Number(`${integer}.${groups[++i]!}`);
    }
    values.push(value);
  }
  return values;
}

function kindOf(value: number, isDecimal: boolean): StoryNumber['kind'] {
  if (isDecimal) return 'decimal';
  if (value >= 1000 && value <= 2100) return 'year';
  if (value >= 100) return 'large';
  return 'count';
}

/** Smallest integer kept: below it a figure is too common to tell stories apart. */
export const MIN_STORY_INTEGER = 10;

/** The distinct figures of a text, canonicalised, tiny integers left out. */
export function storyNumbers(text: string): StoryNumber[] {
  const seen = new Map<string, StoryNumber>();
  const normalised = asciiDigits(text.normalize('NFKC'));
  for (const match of normalised.matchAll(NUMBER)) {
    for (const value of readRun(match[0])) {
      if (!Number.isFinite(value)) continue;
      const isDecimal = !Number.isInteger(value);
      if (!isDecimal && value < MIN_STORY_INTEGER) continue;
      const canonical = isDecimal ? String(Math.round(value * 1000) / 1000) : String(value);
      if (!seen.has(canonical)) seen.set(canonical, { value: canonical, kind: kindOf(value, isDecimal) });
    }
  }
  return [...seen.values()];
}
