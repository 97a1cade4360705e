import { describe, expect, it } from 'vitest';
import { splitSentences, tokenize } from './tokenize';

const texts = (text: string): string[] => tokenize(text).map((token) => token.text);

describe('tokenize', () => {
  it('splits punctuation and possessives the way the training data does', () => {
    expect(texts("Norway's prime minister didn't visit the U.S. (again).")).toEqual([
      'Norway', "'s", 'prime', 'minister', 'did', "n't", 'visit', 'the', 'U.S.', '(', 'again', ')', '.',
    ]);
  });

  it('keeps hyphenated compounds, abbreviations and numbers whole, and folds typographic apostrophes', () => {
    expect(texts('Mr. Smith’s Franco-German plan cost 3,500.75 euros on 2024-01-02')).toEqual([
      'Mr.', 'Smith', "'s", 'Franco-German', 'plan', 'cost', '3,500.75', 'euros', 'on', '2024-01-02',
    ]);
  });

  it('splits words glued by a full stop before a capital, but keeps domain names', () => {
    expect(texts('said Joe Biden.The report on Amazon.com')).toEqual(['said', 'Joe', 'Biden', '.', 'The', 'report', 'on', 'Amazon.com']);
  });

  it('splits a trailing plural apostrophe off', () => {
    expect(texts("the Farmers' Union")).toEqual(['the', 'Farmers', "'", 'Union']);
  });

  it('gives offsets into the original text', () => {
    const text = 'Anna’s cat sat.';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end).replace('’', "'")).toBe(token.text);
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends followed by a capital and at line breaks, not after abbreviations', () => {
    const text = 'Dr. Jones met Mr. Lee in the U.S. capital. They talked.\nHEADLINE HERE\nlast line';
    const sentences = splitSentences(text, tokenize(text)).map((sentence) => sentence.map((token) => token.text).join(' '));
    expect(sentences).toEqual(['Dr. Jones met Mr. Lee in the U.S. capital .', 'They talked .', 'HEADLINE HERE', 'last line']);
  });
});
