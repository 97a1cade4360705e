import type { Sentence } from './text/sentences';
import type { Token } from './text/tokenize';

/**
 * Extractive summary: the 2–3 sentences that carry most of the article's key-term weight, with a
 * preference for the top of the story (news puts the essentials first), without repeating one
 * another, given back in article order.
 */

const MIN_SENTENCE_WORDS = 6;
const MAX_SENTENCE_WORDS = 70;
/** Articles with at least this many usable sentences get three summary sentences, others two. */
const SENTENCES_FOR_THREE = 8;
/** Two sentences sharing more than this share of their content words say the same thing. */
const MAX_OVERLAP = 0.6;
/** Headlines, datelines and captions lack a sentence end; they do not belong in a summary. */
const SENTENCE_END = /[.!?…。！？؟।»"”’)]$/u;

interface ScoredSentence {
  index: number;
  text: string;
  score: number;
  words: Set<string>;
}

/**
 * @param tokens body tokens (as from `tokenize`), in order
 * @param weights TF-IDF of the article's content words
 */
export function summarize(sentences: Sentence[], tokens: Token[], weights: ReadonlyMap<string, number>): string[] {
  const scored: ScoredSentence[] = [];
  let cursor = 0;
  sentences.forEach((sentence, index) => {
    const end = sentence.start + sentence.text.length;
    while (cursor < tokens.length && tokens[cursor]!.start < sentence.start) cursor++;
    let length = 0;
    let weight = 0;
    const words = new Set<string>();
    for (; cursor < tokens.length && tokens[cursor]!.start < end; cursor++) {
      const term = tokens[cursor]!.term;
      length++;
      const w = weights.get(term);
      if (w !== undefined && !words.has(term)) {
        weight += w;
        words.add(term);
      }
    }
    if (length < MIN_SENTENCE_WORDS || length > MAX_SENTENCE_WORDS || !SENTENCE_END.test(sentence.text)) return;
    // Dividing by the square root of the length favours dense sentences without rewarding stubs.
    const position = 1 + 1 / (1 + index);
    scored.push({ index, text: sentence.text, score: (weight / Math.sqrt(length)) * position, words });
  });
  const wanted = scored.length >= SENTENCES_FOR_THREE ? 3 : 2;
  const chosen: ScoredSentence[] = [];
  for (const candidate of [...scored].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (chosen.length >= wanted) break;
    if (chosen.some((other) => overlap(candidate.words, other.words) > MAX_OVERLAP)) continue;
    chosen.push(candidate);
  }
  if (chosen.length === 0) {
    // Nothing of sentence length (a list, a caption): the opening lines are the best we have.
    return sentences.slice(0, 2).map((sentence) => sentence.text);
  }
  return chosen.sort((a, b) => a.index - b.index).map((sentence) => sentence.text);
}

function overlap(a: Set<string>, b: Set<string>): number {
  const smaller = a.size <= b.size ? a : b;
  const larger = smaller === a ? b : a;
  if (smaller.size === 0) return 0;
  let shared = 0;
  for (const word of smaller) if (larger.has(word)) shared++;
  return shared / smaller.size;
}
