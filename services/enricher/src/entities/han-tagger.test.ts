import { describe, expect, it } from 'vitest';
import { modelPath } from './extractor';
import { loadFeatureGazetteer, loadGazetteer } from './gazetteer';
import { HAN_FEATURES } from './han-features';
import { MAX_HAN_SENTENCE, hanMentions, isHanModel, splitHanSentences, tagHanSentences } from './han-tagger';
import { loadModelFile } from './model';
import { tagWithFeatureSet } from './tagger';

const model = loadModelFile(modelPath('cmn'));
const featureGazetteer = loadFeatureGazetteer('cmn');
const gazetteer = loadGazetteer(['cmn']);

describe('splitHanSentences', () => {
  it('cuts after 。！？； and at line breaks, skipping whitespace, with UTF-16 offsets', () => {
    const text = '今天下雨。明天呢？\n后天 晴；𠮷好';
    const sentences = splitHanSentences(text);
    expect(sentences.map((sentence) => sentence.map((token) => token.text).join(''))).toEqual(['今天下雨。', '明天呢？', '后天晴；', '𠮷好']);
    for (const sentence of sentences) for (const token of sentence) expect(text.slice(token.start, token.end)).toBe(token.text);
    expect(sentences[3]![1]!.start).toBe(text.length - 1); // after a two-unit character
  });

  it('caps a sentence without full stops, preferring a comma', () => {
    const text = `${'很长的句子，'.repeat(60)}完`;
    const sentences = splitHanSentences(text);
    expect(sentences.length).toBeGreaterThan(1);
    for (const sentence of sentences) expect(sentence.length).toBeLessThanOrEqual(MAX_HAN_SENTENCE);
    expect(sentences[0]!.at(-1)!.text).toBe('，');
    expect(sentences.flat().length).toBe(Array.from(text).length);
  });
});

describe('the shipped Chinese tagger', () => {
  it('is a character model', () => {
    expect(isHanModel(model)).toBe(true);
    expect(model.meta.language).toBe('cmn');
  });

  it('tags with the per-character cache exactly as the generic decoder does', () => {
    const sentences = ['国家主席习近平在北京会见了朝鲜劳动党委员长金正恩。', '上海市人民政府新闻办公室今天发布消息。', '2024年，张伟和李娜访问了日本东京。'].map((s) => Array.from(s));
    const fast = tagHanSentences(sentences, model, featureGazetteer);
    const generic = tagWithFeatureSet(HAN_FEATURES, sentences, model, model.transitions, featureGazetteer);
    expect(fast.map((labels) => [...labels])).toEqual(generic.map((labels) => [...labels]));
  });

  it('stays exact when the per-character table fills up and for an over-long sentence', () => {
    // 6,000 distinct characters in sentences of 100, then one sentence of 5,000: the table is emptied between sentences.
    const characters = Array.from({ length: 6000 }, (_, k) => String.fromCharCode(0x4e00 + k));
    const sentences = [...Array.from({ length: 60 }, (_, k) => characters.slice(k * 100, k * 100 + 100)), characters.slice(0, 5000)];
    const fast = tagHanSentences(sentences, model, featureGazetteer);
    const generic = tagWithFeatureSet(HAN_FEATURES, sentences, model, model.transitions, featureGazetteer);
    expect(fast.map((labels) => [...labels])).toEqual(generic.map((labels) => [...labels]));
  });

  it('finds people, places and organisations with their offsets', () => {
    const text = '国家主席习近平在北京会见了朝鲜劳动党委员长金正恩。';
    const { mentions } = hanMentions(text, model, featureGazetteer, gazetteer);
    const found = mentions.map((mention) => [mention.type, text.slice(mention.start, mention.end)]);
    expect(found).toEqual(expect.arrayContaining([['PER', '习近平'], ['LOC', '北京'], ['ORG', '朝鲜劳动党'], ['PER', '金正恩']]));
  });

  it('resolves a tagged country name to the country', () => {
    const text = '中国和俄罗斯两国外长在莫斯科举行会谈。';
    const { mentions } = hanMentions(text, model, featureGazetteer, gazetteer);
    expect(mentions.find((mention) => mention.text === '中国')?.place?.countryCode).toBe('CN');
    expect(mentions.find((mention) => mention.text === '俄罗斯')?.place?.countryCode).toBe('RU');
  });
});
