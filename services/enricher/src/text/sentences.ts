/**
 * Sentence splitting with ICU's sentence segmenter (`Intl.Segmenter`, granularity "sentence"),
 * which knows the sentence punctuation of every script (。 ！ ؟ । ...).
 *
 * ICU's default rules end a sentence after "Mr." or "Gen." when a capital follows; the locale
 * data that suppresses this is not exposed through Intl, so a short list of common title and
 * name abbreviations re-joins such splits.
 */

export interface Sentence {
  text: string;
  /** Offset of the sentence in the text. */
  start: number;
}

/** Abbreviations that precede a name or a number far more often than they end a sentence. */
const NON_FINAL_ABBREVIATIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'capt', 'sgt', 'rep', 'sen', 'gov', 'pres', 'st', 'rev', 'hon', 'vs', 'jan', 'feb', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'u.s', 'u.k', 'u.n', 'e.g', 'i.e']),
  de: new Set(['dr', 'prof', 'nr', 'st', 'bzw', 'z.b', 'u.a', 'ca', 'hr', 'fr', 'abs', 'bspw', 'vgl', 'd.h']),
  fr: new Set(['m', 'mm', 'mme', 'mlle', 'dr', 'pr', 'st', 'ste', 'cf']),
  es: new Set(['sr', 'sra', 'srta', 'dr', 'dra', 'd', 'dña', 'núm', 'ud', 'uds', 'ee.uu']),
  it: new Set(['sig', 'sigg', 'dott', 'prof', 'avv', 'ing', 'on', 'sen', 'n']),
  pt: new Set(['sr', 'sra', 'dr', 'dra', 'prof', 'n', 'eua']),
  nl: new Set(['dhr', 'mevr', 'dr', 'prof', 'nr', 'mr', 'ir', 'drs']),
};
const LAST_WORD = /(?:^|[\s(“"'])([\p{L}.]{1,6})\.\s*$/u;

const segmenters = new Map<string, Intl.Segmenter>();
function sentenceSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
}

function endsWithNonFinalAbbreviation(text: string, abbreviations: ReadonlySet<string> | undefined): boolean {
  if (!abbreviations) return false;
  const word = LAST_WORD.exec(text)?.[1];
  return word !== undefined && abbreviations.has(word.toLowerCase());
}

/** Sentences of a text (paragraph breaks always end one), trimmed, in order. */
export function splitSentences(text: string, iso1: string | undefined): Sentence[] {
  const locale = iso1 && iso1 !== 'und' ? iso1 : 'en';
  const abbreviations = NON_FINAL_ABBREVIATIONS[locale];
  const sentences: Sentence[] = [];
  let pending: Sentence | null = null;
  for (const segment of sentenceSegmenter(locale).segment(text)) {
    const raw = segment.segment;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = segment.index + (raw.length - raw.trimStart().length);
    const endsParagraph = /\n\s*$/.test(raw);
    if (pending) {
      pending = { text: `${pending.text} ${trimmed}`, start: pending.start };
    } else {
      pending = { text: trimmed, start };
    }
    if (!endsParagraph && endsWithNonFinalAbbreviation(trimmed, abbreviations)) continue;
    sentences.push(pending);
    pending = null;
  }
  if (pending) sentences.push(pending);
  return sentences;
}
