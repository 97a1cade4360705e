/**
 * CoNLL-2003-style tokenisation of raw text with character offsets, so that the tagger sees
 * tokens shaped like the ones it was trained on: punctuation split off, possessive "'s" and
 * "n't" split, hyphenated compounds and dotted abbreviations ("U.S.") kept whole.
 */
export interface Token {
  /** Text as the model sees it (typographic apostrophes folded to ASCII). */
  text: string;
  start: number;
  end: number;
}

// Order matters: dotted abbreviations before words, words before single symbols.
const TOKEN_PATTERN = new RegExp(
  [
    String.raw`(?:\p{L}\.){2,}`, // U.S., U.N., e.g.
    String.raw`\p{N}+(?:[.,:/-]\p{N}+)*`, // 1996-08-30, 5,951, 3.5
    // Words, O'Brien, Sino-Japanese, AT&T, Amazon.com; a full stop followed by a capital ends the
    // word ("Biden.The", from paragraphs glued together by HTML-to-text conversion).
    String.raw`[\p{L}\p{M}\p{N}]+(?:(?:[-'’&]|\.(?=[\p{Ll}\p{N}]))[\p{L}\p{M}\p{N}]+)*`,
    String.raw`n't`,
    String.raw`[^\s]`,
  ].join('|'),
  'gu',
);

/** Short words that keep their full stop in the training data ("Mr.", "Inc.", "St."). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'gen', 'sen', 'rep', 'gov', 'lt', 'col',
  'capt', 'prof', 'rev', 'sgt', 'maj', 'adm', 'cmdr', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec', 'no', 'vs',
]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_PATTERN.lastIndex = 0;
  for (let match = TOKEN_PATTERN.exec(text); match; match = TOKEN_PATTERN.exec(text)) {
    const start = match.index;
    let word = match[0];
    const end = start + word.length;
    if (word.length > 2 && /['’]s$/iu.test(word) && /\p{L}/u.test(word[0] ?? '')) {
      // Possessive: "China's" → "China" "'s" (apostrophe folded so one feature covers both).
      tokens.push({ text: fold(word.slice(0, -2)), start, end: end - 2 });
      tokens.push({ text: "'s", start: end - 2, end });
      continue;
    }
    if (word.length > 3 && /n['’]t$/iu.test(word)) {
      tokens.push({ text: fold(word.slice(0, -3)), start, end: end - 3 });
      tokens.push({ text: "n't", start: end - 3, end });
      continue;
    }
    // A word directly followed by "." is an abbreviation only when listed, or an initial (one
    // capital letter, then a space and a capital: "J. Smith", "Т. Шевченко"); otherwise the dot
    // ends the sentence.
    if (text[end] === '.' && (ABBREVIATIONS.has(word.toLowerCase()) || isInitial(word, text, end))) {
      word += '.';
      tokens.push({ text: fold(word), start, end: end + 1 });
      TOKEN_PATTERN.lastIndex = end + 1;
      continue;
    }
    tokens.push({ text: fold(word), start, end });
  }
  return tokens;
}

function isInitial(word: string, text: string, dot: number): boolean {
  return word.length === 1 && word.toLowerCase() !== word && text[dot + 1] === ' ' && /^\p{Lu}/u.test(text[dot + 2] ?? '');
}

function fold(word: string): string {
  return word.includes('’') ? word.replaceAll('’', "'") : word;
}

const SENTENCE_END = new Set(['.', '!', '?']);

/**
 * Whether `token` ends a sentence: . ! ? not followed by a lower-case word, and a full stop not
 * after a lone capital (an initial written "T . Smith"). Training reads its data through the same
 * rule (conll.ts), so the sentence-start features fire where the pipeline's will.
 */
export function endsSentence(previous: string | undefined, token: string, next: string): boolean {
  if (!SENTENCE_END.has(token) || /^\p{Ll}/u.test(next)) return false;
  return !(token === '.' && previous !== undefined && previous.length === 1 && previous.toLowerCase() !== previous);
}
const MAX_SENTENCE_TOKENS = 120;

/**
 * Groups tokens into sentences: after . ! ? when the next token does not start in lower case,
 * at line breaks (headlines, paragraphs), and at a length cap so one run-on block cannot make
 * decoding cost quadratic in anything.
 */
export function splitSentences(text: string, tokens: Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    current.push(token);
    const next = tokens[i + 1];
    if (!next) break;
    const gap = text.slice(token.end, next.start);
    const endsHere = gap.includes('\n') || endsSentence(tokens[i - 1]?.text, token.text, next.text) || current.length >= MAX_SENTENCE_TOKENS;
    if (endsHere) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}
