/**
 * Chinese entity mentions from the character tagger: the text is cut into sentences, every
 * character is one token, tagged spans become mentions with UTF-16 offsets into the text, and
 * spans that are a country's name get the country (so they resolve to an ISO code).
 */
import { ENTITY_TYPES } from './features';
import type { Gazetteer, PlaceEntry } from './gazetteer';
import { HAN_FEATURES, HAN_FEATURE_SET, countryAt, hanCountryNames } from './han-features';
import type { FrozenModel } from './model';
import { labelsToSpans, tagWithFeatureSet } from './tagger';

/** A character of the text as the tagger sees it. */
export interface HanToken {
  text: string;
  start: number;
  end: number;
}

export interface HanMention {
  type: 'PER' | 'ORG' | 'LOC';
  start: number;
  /** Exclusive. */
  end: number;
  text: string;
  place?: PlaceEntry;
}

/** Whether a model was trained on the character features (han-features.ts). */
export function isHanModel(model: FrozenModel | undefined): model is FrozenModel {
  return model?.meta.featureSet === HAN_FEATURE_SET;
}

/** Sentence-final punctuation; the semicolon too, since Chinese copy strings long clauses with it. */
const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';']);
/** Clause punctuation where an over-long sentence is cut when it has to be. */
const CLAUSE_END = new Set(['，', '、', ',', '：', ':']);
/**
 * Longest sentence handed to the tagger. Training sentences average under 50 characters; the
 * cap keeps one unpunctuated block (a table, a list) from becoming one huge decoding problem.
 */
export const MAX_HAN_SENTENCE = 160;

/**
 * Characters grouped into sentences: after 。！？； (and their ASCII forms), at line breaks, and
 * at MAX_HAN_SENTENCE, preferably after the last comma. Whitespace is not a token (training
 * text has none), but a line break ends the sentence.
 */
export function splitHanSentences(text: string): HanToken[][] {
  const sentences: HanToken[][] = [];
  let current: HanToken[] = [];
  const flush = (): void => {
    if (current.length > 0) sentences.push(current);
    current = [];
  };
  for (let at = 0; at < text.length; ) {
    const code = text.codePointAt(at)!;
    const width = code > 0xffff ? 2 : 1;
    const char = text.slice(at, at + width);
    at += width;
    if (char === '\n' || char === '\r' || char === '\u2029') {
      flush();
      continue;
    }
    if (/\s/u.test(char)) continue;
    current.push({ text: char, start: at - width, end: at });
    if (SENTENCE_END.has(char)) flush();
    else if (current.length >= MAX_HAN_SENTENCE) {
      let cut = current.length;
      for (let k = current.length - 1; k >= MAX_HAN_SENTENCE / 2; k--) {
        if (CLAUSE_END.has(current[k]!.text)) {
          cut = k + 1;
          break;
        }
      }
      const rest = current.slice(cut);
      current = current.slice(0, cut);
      flush();
      current = rest;
    }
  }
  flush();
  return sentences;
}

/**
 * Tagged mentions of `text` and which UTF-16 units they cover (`covered`, so the caller's
 * substring search for countries the tagger missed can skip them: 中国 inside 中国共产党 is no
 * separate place). `featureGazetteer` must be the one the model was trained with
 * (loadFeatureGazetteer); `gazetteer` resolves country names.
 */
export function hanMentions(
  text: string,
  model: FrozenModel,
  featureGazetteer: Gazetteer,
  gazetteer: Gazetteer,
): { mentions: HanMention[]; covered: Uint8Array } {
  const sentences = splitHanSentences(text);
  const labels = tagWithFeatureSet(
    HAN_FEATURES,
    sentences.map((sentence) => sentence.map((token) => token.text)),
    model,
    model.transitions,
    featureGazetteer,
  );
  const countries = hanCountryNames(gazetteer);
  const mentions: HanMention[] = [];
  const covered = new Uint8Array(text.length);
  sentences.forEach((sentence, index) => {
    for (const span of labelsToSpans(labels[index]!)) {
      const type = ENTITY_TYPES[span.type];
      if (type !== 'PER' && type !== 'ORG' && type !== 'LOC') continue; // (no MISC in the training data)
      const start = sentence[span.start]!.start;
      const end = sentence[span.end - 1]!.end;
      covered.fill(1, start, end);
      const surface = text.slice(start, end).replace(/\s+/gu, '');
      const country = countryAt(countries, surface, 0);
      // A span that is exactly a country's name is that country, whatever type the tagger gave
      // it ("中国" as ORG in a sports result), except a person who bears the name.
      if (country && country.length === surface.length && type !== 'PER') {
        mentions.push({ type: 'LOC', start, end, text: surface, place: country.place });
      } else {
        mentions.push({ type, start, end, text: surface });
      }
    }
  });
  return { mentions, covered };
}
