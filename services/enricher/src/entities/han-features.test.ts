import { describe, expect, it } from 'vitest';
import { loadFeatureGazetteer, loadGazetteer } from './gazetteer';
import { countryAt, describeHanSentence, hanCountryNames, hanTokenFeatures } from './han-features';
import { MAX_FEATURES_PER_TOKEN } from './tagger';

const gazetteer = loadFeatureGazetteer('cmn');
const chars = (text: string): string[] => Array.from(text);

describe('Han character features', () => {
  it('reads full-width and ASCII digits and letters alike', () => {
    const wide = describeHanSentence(chars('１９９８年ＡＢ'), gazetteer);
    const narrow = describeHanSentence(chars('2024年ab'), gazetteer);
    expect([...wide.chars]).toEqual([...narrow.chars]);
  });

  it('marks where each character sits in its ICU word', () => {
    const info = describeHanSentence(chars('我们在北京'), gazetteer);
    // B/M/E/S = 0/1/2/3: 我们 | 在 | 北京
    expect([...info.position]).toEqual([0, 2, 3, 0, 2]);
  });

  it('flags Chinese country names from the gazetteer, longest first', () => {
    const info = describeHanSentence(chars('中华人民共和国和美国'), gazetteer);
    expect([...info.country]).toEqual([1, 2, 2, 2, 2, 2, 2, 0, 1, 2]);
    expect(countryAt(hanCountryNames(loadGazetteer(['cmn'])), '朝鲜半岛', 0)?.place.countryCode).toBe('KP');
  });

  it('keeps a supplementary-plane character as one token', () => {
    const info = describeHanSentence(chars('𠮷野家在东京'), gazetteer);
    expect(info.length).toBe(6);
    expect(info.position.length).toBe(6);
  });

  it('produces a bounded, deterministic set of keys per character', () => {
    const info = describeHanSentence(chars('国务院总理在上海市考察。'), gazetteer);
    const a = new Uint32Array(MAX_FEATURES_PER_TOKEN);
    const b = new Uint32Array(MAX_FEATURES_PER_TOKEN);
    for (let i = 0; i < info.length; i++) {
      const count = hanTokenFeatures(info, i, a);
      expect(count).toBeLessThanOrEqual(MAX_FEATURES_PER_TOKEN);
      expect(hanTokenFeatures(describeHanSentence(chars('国务院总理在上海市考察。'), gazetteer), i, b)).toBe(count);
      expect([...a.subarray(0, count)]).toEqual([...b.subarray(0, count)]);
    }
  });
});
