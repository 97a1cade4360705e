/**
 * Word tokens for keywords, shingles and word counts.
 *
 * Languages written with spaces are split with one Unicode-aware regular expression: it is about
 * seventy times faster than `Intl.Segmenter` (0.04 ms against 3 ms for 1,000 words), and the
 * enricher's speed target needs that. Scripts written without spaces between words (Chinese,
 * Japanese, Thai, Lao, Khmer, Burmese, Tibetan) need a dictionary to find word boundaries, which
 * is what ICU's word segmenter behind `Intl.Segmenter` has.
 */

export interface Token {
  /** Normalised form: lower-cased, curly apostrophes made straight, English possessive removed. */
  term: string;
  /** Offset of the token in the text. */
  start: number;
  /**
   * True when something other than white space separates this token from the previous one
   * (punctuation, a sentence end): phrases never run across such a break.
   */
  breakBefore: boolean;
}

const NO_SPACE_LANGUAGES = new Set(['zh', 'ja', 'th', 'lo', 'km', 'my', 'bo']);
const NO_SPACE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
/** A word: letters/digits, with inner apostrophes, hyphens and dots (don't, well-known, U.S). */
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|['’.-](?=[\p{L}\p{N}]))*/gu;
const ONLY_SPACE = /^\s*$/;
/** French, Italian and Catalan elision (l'économie, dell'anno) glue an article to the noun. */
const ELISION_LANGUAGES = new Set(['fr', 'it', 'ca']);
const ELIDED_PREFIX = /^(?:[cdjlmnst]|qu|dell|all|dall|nell|sull|quell)'(?=\p{L})/u;

/** Whether the text needs dictionary-based word segmentation. */
export function needsWordSegmenter(text: string, iso1: string | undefined): boolean {
  if (iso1 && NO_SPACE_LANGUAGES.has(iso1)) return true;
  if (iso1 && iso1 !== 'und') return false;
  return NO_SPACE_SCRIPT.test(text.slice(0, 2_000));
}

const segmenters = new Map<string, Intl.Segmenter>();
function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

export function normalizeTerm(word: string, iso1: string | undefined): string {
  // Turkish and Azeri have a dotless i; everywhere else the locale-free lower-casing is right.
  let term = iso1 === 'tr' || iso1 === 'az' ? word.toLocaleLowerCase(iso1) : word.toLowerCase();
  if (term.includes('’')) term = term.replaceAll('’', "'");
  if (term.endsWith("'s")) term = term.slice(0, -2);
  if (iso1 && ELISION_LANGUAGES.has(iso1)) term = term.replace(ELIDED_PREFIX, '');
  return term;
}

/** Splits text into normalised word tokens, marking punctuation breaks between them. */
export function tokenize(text: string, iso1: string | undefined): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  if (needsWordSegmenter(text, iso1)) {
    for (const segment of wordSegmenter(iso1 && iso1 !== 'und' ? iso1 : 'en').segment(text)) {
      if (!segment.isWordLike) continue;
      const gap = text.slice(previousEnd, segment.index);
      tokens.push({ term: normalizeTerm(segment.segment, iso1), start: segment.index, breakBefore: tokens.length > 0 && !ONLY_SPACE.test(gap) });
      previousEnd = segment.index + segment.segment.length;
    }
    return tokens;
  }
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    // Most gaps are one space; only the others need the regular expression.
    const singleSpace = start - previousEnd === 1 && text.charCodeAt(previousEnd) === 32;
    const breakBefore = tokens.length > 0 && !singleSpace && !ONLY_SPACE.test(text.slice(previousEnd, start));
    tokens.push({ term: normalizeTerm(match[0], iso1), start, breakBefore });
    previousEnd = start + match[0].length;
  }
  return tokens;
}

/** Word count: the regular expression for spaced scripts, ICU's segmenter for the others. */
export function countWords(text: string, iso1: string | undefined): number {
  if (needsWordSegmenter(text, iso1)) {
    let count = 0;
    for (const segment of wordSegmenter(iso1 && iso1 !== 'und' ? iso1 : 'en').segment(text)) if (segment.isWordLike) count++;
    return count;
  }
  let count = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) count++;
  return count;
}
