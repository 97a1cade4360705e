import { describe, expect, it } from 'vitest';
import { countWords, needsWordSegmenter, tokenize } from './tokenize';

describe('tokenize', () => {
  it('lower-cases words, keeps inner hyphens and apostrophes, drops English possessives', () => {
    const tokens = tokenize("China's well-known U.S. envoy didn't say", 'en');
    expect(tokens.map((t) => t.term)).toEqual(['china', 'well-known', 'u.s', 'envoy', "didn't", 'say']);
    expect(tokens[1]!.start).toBe("China's ".length);
  });

  it('marks punctuation between words as a break, plain spaces not', () => {
    const tokens = tokenize('Kim Jong Un, the leader. North Korea', 'en');
    expect(tokens.map((t) => t.breakBefore)).toEqual([false, false, false, true, false, true, false]);
  });

  it('strips French elision so that "l\'économie" and "économie" are one term', () => {
    expect(tokenize("l'économie et d’Europe", 'fr').map((t) => t.term)).toEqual(['économie', 'et', 'europe']);
  });

  it('lower-cases Turkish with its dotted and dotless i', () => {
    expect(tokenize('İSTANBUL IRMAK', 'tr').map((t) => t.term)).toEqual(['istanbul', 'ırmak']);
  });

  it('segments Chinese and Japanese into words, which a regular expression cannot', () => {
    const chinese = tokenize('中国国家主席习近平会见了朝鲜领导人。', 'zh');
    expect(chinese.length).toBeGreaterThan(4);
    expect(chinese.map((t) => t.term)).toContain('中国');
    expect(countWords('東京は日本の首都です。', 'ja')).toBeGreaterThan(3);
  });

  it('uses the segmenter for undetermined text only when it is in a script without spaces', () => {
    expect(needsWordSegmenter('plain English words', 'und')).toBe(false);
    expect(needsWordSegmenter('これは日本語です', 'und')).toBe(true);
    expect(needsWordSegmenter('これは日本語です', 'de')).toBe(false);
    expect(needsWordSegmenter('anything', 'th')).toBe(true);
  });

  it('counts words the same way for spaced scripts', () => {
    expect(countWords('One two, three-four. Five!', 'en')).toBe(4);
    expect(countWords('', 'en')).toBe(0);
  });
});
