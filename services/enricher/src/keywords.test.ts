import { describe, expect, it } from 'vitest';
import { countTerms, inverseDocumentFrequency, isContentWord, MAX_KEYWORDS, MIN_KEYWORDS, rankKeywords, wordWeights, type CorpusFrequencies } from './keywords';
import { stopwordsFor } from './text/stopwords';
import { tokenize } from './text/tokenize';

const corpus = (documentCount: number, frequencies: Record<string, number> = {}): CorpusFrequencies => ({
  documentCount,
  documentFrequency: (word) => frequencies[word] ?? 1,
});

function keywordsOf(text: string, language: string, frequencies: CorpusFrequencies): string[] {
  const counts = countTerms([tokenize(text, language)], stopwordsFor(language));
  return rankKeywords(counts, wordWeights(counts, frequencies)).map((k) => k.term);
}

const STORY =
  'The central bank raised interest rates again on Tuesday. The bank said inflation remained too high. ' +
  'Economists expect the central bank to pause in March. Mortgage holders will feel the rise in interest rates. ' +
  'The government welcomed the decision. Inflation fell slightly in January, the statistics office said. ' +
  'Pensioners and savers could benefit from higher rates, the government said. Mortgage holders protested.';

describe('keywords', () => {
  it('leaves out stop words and bare numbers', () => {
    const en = stopwordsFor('en');
    expect(isContentWord('the', en)).toBe(false);
    expect(isContentWord('2025', en)).toBe(false);
    expect(isContentWord('covid-19', en)).toBe(true);
    expect(isContentWord('x', en)).toBe(false);
  });

  it('ranks a word the corpus seldom uses above an equally frequent word that every document has', () => {
    // Both words occur twice in the story.
    const rareGovernment = keywordsOf(STORY, 'en', corpus(10_000, { government: 5, inflation: 5_000 }));
    const rareInflation = keywordsOf(STORY, 'en', corpus(10_000, { government: 5_000, inflation: 5 }));
    expect(rareGovernment).toContain('government');
    expect(rareGovernment).not.toContain('inflation');
    expect(rareInflation).toContain('inflation');
    expect(rareInflation).not.toContain('government');
  });

  it('finds recurring two-word phrases and drops the words they cover', () => {
    const terms = keywordsOf(STORY, 'en', corpus(100));
    expect(terms).toContain('central bank');
    expect(terms).toContain('mortgage holders');
    expect(terms).not.toContain('central');
  });

  it(`returns between ${MIN_KEYWORDS} and ${MAX_KEYWORDS} terms, best first`, () => {
    const counts = countTerms([tokenize(STORY, 'en')], stopwordsFor('en'));
    const keywords = rankKeywords(counts, wordWeights(counts, corpus(100)));
    expect(keywords.length).toBeGreaterThanOrEqual(MIN_KEYWORDS);
    expect(keywords.length).toBeLessThanOrEqual(MAX_KEYWORDS);
    for (let i = 1; i < keywords.length; i++) expect(keywords[i - 1]!.score).toBeGreaterThanOrEqual(keywords[i]!.score);
  });

  it('uses the stop words of the article language', () => {
    const german = 'Der Bundestag hat den Haushalt beschlossen. Die Opposition kritisierte den Haushalt scharf. Der Bundestag tagt erneut im Dezember.';
    const terms = keywordsOf(german, 'de', corpus(100));
    expect(terms).toContain('haushalt');
    expect(terms).not.toContain('der');
    expect(terms).not.toContain('den');
  });

  it('ranks Chinese words found by the segmenter', () => {
    const chinese = '中国政府宣布新的经济政策。经济学家认为这项经济政策将促进增长。政府表示政策将于明年实施。';
    const terms = keywordsOf(chinese, 'zh', corpus(100));
    expect(terms.length).toBeGreaterThan(0);
    expect(terms.some((t) => t.includes('经济') || t.includes('政策'))).toBe(true);
  });

  it('has a smoothed IDF that falls as more documents contain the word', () => {
    expect(inverseDocumentFrequency(1, 1000)).toBeGreaterThan(inverseDocumentFrequency(100, 1000));
    expect(inverseDocumentFrequency(1000, 1000)).toBeCloseTo(1, 5);
    expect(inverseDocumentFrequency(0, 0)).toBeGreaterThan(0);
  });
});
