import type { Keyword } from '@newsflow/contracts';
import type { Token } from './text/tokenize';

/**
 * Key terms by TF-IDF against the corpus: a word is key to an article when the article uses it
 * often and the corpus seldom does. Document frequencies come from the corpus store (Redis), so
 * "government" ranks low once the corpus is full of government stories, however often one
 * article repeats it.
 */

export const MIN_KEYWORDS = 5;
export const MAX_KEYWORDS = 15;
/** Terms scoring below this share of the best one are noise, unless needed to reach MIN_KEYWORDS. */
const RELATIVE_SCORE_FLOOR = 0.2;
/** A two-word phrase must recur to be a key phrase rather than a chance neighbourhood. */
const MIN_PHRASE_COUNT = 2;
/** A word that occurs mostly inside a chosen phrase adds nothing next to it. */
const COVERED_SHARE = 0.67;
/** Candidates considered for the final list: enough for MAX_KEYWORDS after covered words drop out. */
const CUTOFF_RANK = MAX_KEYWORDS * 4;

export interface TermCounts {
  /** Content words (no stop words, no bare numbers) → occurrences in title and body. */
  words: Map<string, number>;
  /** Adjacent content-word pairs within one clause ("kim jong") → occurrences. */
  phrases: Map<string, number>;
}

/** Corpus statistics for the words of one article. */
export interface CorpusFrequencies {
  /** Documents in the corpus (this one included). */
  documentCount: number;
  /** Documents containing the word (this one included); 0 when unknown. */
  documentFrequency: (word: string) => number;
}

const HAS_LETTER = /\p{L}/u;

export function isContentWord(term: string, stopwords: ReadonlySet<string>): boolean {
  if (stopwords.has(term)) return false;
  if (!HAS_LETTER.test(term)) return false;
  // One letter is an initial or a particle in alphabetic scripts; a single CJK character is too
  // ambiguous to be a key term on its own.
  return [...term].length >= 2;
}

/** Counts content words and recurring two-word phrases of the title and body tokens. */
export function countTerms(tokenLists: Token[][], stopwords: ReadonlySet<string>): TermCounts {
  const words = new Map<string, number>();
  const phrases = new Map<string, number>();
  for (const tokens of tokenLists) {
    let previous: string | null = null;
    for (const token of tokens) {
      const content = isContentWord(token.term, stopwords);
      if (content) words.set(token.term, (words.get(token.term) ?? 0) + 1);
      if (content && previous !== null && !token.breakBefore) {
        const phrase = `${previous} ${token.term}`;
        phrases.set(phrase, (phrases.get(phrase) ?? 0) + 1);
      }
      previous = content ? token.term : null;
    }
  }
  return { words, phrases };
}

/** Smoothed inverse document frequency; 1 for a word every document has. */
export function inverseDocumentFrequency(documentFrequency: number, documentCount: number): number {
  const n = Math.max(documentCount, documentFrequency, 1);
  return Math.log((n + 1) / (documentFrequency + 1)) + 1;
}

/** TF-IDF of every content word of the article. */
export function wordWeights(counts: TermCounts, corpus: CorpusFrequencies): Map<string, number> {
  const weights = new Map<string, number>();
  for (const [word, count] of counts.words) {
    weights.set(word, count * inverseDocumentFrequency(corpus.documentFrequency(word), corpus.documentCount));
  }
  return weights;
}

interface Candidate {
  term: string;
  score: number;
  count: number;
  words: string[];
}

/** The article's key terms, best first: 5–15 of them when the text has that many content words. */
export function rankKeywords(counts: TermCounts, weights: Map<string, number>): Keyword[] {
  let candidates: Candidate[] = [];
  for (const [word, score] of weights) candidates.push({ term: word, score, count: counts.words.get(word) ?? 0, words: [word] });
  for (const [phrase, count] of counts.phrases) {
    if (count < MIN_PHRASE_COUNT) continue;
    const words = phrase.split(' ');
    // A phrase carries the rarity of both its words, per occurrence of the phrase.
    const score = words.reduce((sum, word) => sum + (weights.get(word) ?? 0) / Math.max(1, counts.words.get(word) ?? 1), 0) * count;
    candidates.push({ term: phrase, score, count, words });
  }
  // Only the best few can be chosen, so only they are sorted (an article has hundreds of words).
  if (candidates.length > CUTOFF_RANK) {
    const scores = Float64Array.from(candidates, (candidate) => candidate.score).sort();
    const cutoff = scores[scores.length - CUTOFF_RANK]!;
    candidates = candidates.filter((candidate) => candidate.score >= cutoff);
  }
  candidates.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));

  const chosen: Candidate[] = [];
  const isCovered = (word: Candidate, phrases: Candidate[]): boolean => {
    const inside = phrases.filter((p) => p.words.length > 1 && p.words.includes(word.term)).reduce((sum, p) => sum + p.count, 0);
    return inside >= word.count * COVERED_SHARE;
  };
  for (const candidate of candidates) {
    if (chosen.length >= MAX_KEYWORDS) break;
    if (candidate.words.length === 1) {
      if (isCovered(candidate, chosen)) continue;
    } else {
      // Overlapping phrases ("korean-chinese friendship", "north korean-chinese") are pieces
      // of one longer recurring phrase; the best-scoring piece stands for it.
      if (chosen.some((other) => other.words.length > 1 && other.words.some((word) => candidate.words.includes(word)))) continue;
      // A phrase replaces the words it covers that were chosen before it.
      for (let i = chosen.length - 1; i >= 0; i--) {
        const earlier = chosen[i]!;
        if (earlier.words.length === 1 && candidate.words.includes(earlier.term) && isCovered(earlier, [...chosen, candidate])) chosen.splice(i, 1);
      }
    }
    chosen.push(candidate);
  }
  chosen.sort((a, b) => b.score - a.score);
  const top = chosen[0]?.score ?? 0;
  const kept = chosen.filter((candidate, index) => index < MIN_KEYWORDS || candidate.score >= top * RELATIVE_SCORE_FLOOR);
  return kept.map((candidate) => ({ term: candidate.term, score: Math.round(candidate.score * 1000) / 1000 }));
}
