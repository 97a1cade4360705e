import { describe, expect, it } from 'vitest';
import { splitSentences } from './sentences';

describe('splitSentences', () => {
  it('splits English sentences and keeps offsets into the text', () => {
    const text = 'The talks ended on Friday. Both sides said they would meet again! Will they?';
    const sentences = splitSentences(text, 'en');
    expect(sentences.map((s) => s.text)).toEqual(['The talks ended on Friday.', 'Both sides said they would meet again!', 'Will they?']);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
  });

  it('does not end a sentence after a title such as "Mr." or "Gen."', () => {
    const sentences = splitSentences('Mr. Smith met Gen. Jones in Washington. They talked for an hour.', 'en');
    expect(sentences.map((s) => s.text)).toEqual(['Mr. Smith met Gen. Jones in Washington.', 'They talked for an hour.']);
  });

  it('always ends a sentence at a paragraph break (headlines have no full stop)', () => {
    const sentences = splitSentences('Leaders Meet in Beijing\nThe leaders met on Friday.', 'en');
    expect(sentences.map((s) => s.text)).toEqual(['Leaders Meet in Beijing', 'The leaders met on Friday.']);
  });

  it('knows the sentence punctuation of other scripts', () => {
    expect(splitSentences('今日は晴れです。明日は雨が降るでしょう。', 'ja')).toHaveLength(2);
    expect(splitSentences('هل ستأتي غدا؟ نعم سآتي.', 'ar')).toHaveLength(2);
  });
});
