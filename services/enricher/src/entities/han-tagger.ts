/**
 * Chinese entity mentions from the character tagger: the text is cut into sentences, every
 * character is one token, tagged spans become mentions with UTF-16 offsets into the text, and
 * spans that are a country's name get the country (so they resolve to an ISO code).
 */
import { ENTITY_TYPES, LABEL_COUNT } from './features';
import type { Gazetteer, PlaceEntry } from './gazetteer';
import {
  CHAR_ROLES,
  CHAR_ROLE_OFFSETS,
  HAN_FEATURE_SET,
  HAN_PAD,
  charRoleKey,
  countryAt,
  describeHanSentence,
  hanContextFeatures,
  hanCountryNames,
} from './han-features';
import { type FrozenModel, viterbi } from './model';
import { MAX_FEATURES_PER_TOKEN, labelsToSpans } from './tagger';

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

/** About 360 bytes per character: the cap bounds the cache to some 7 MB per model (Chinese news uses a few thousand characters). */
const CHAR_CACHE_LIMIT = 20_000;
const charScoreCaches = new WeakMap<FrozenModel, Map<number, Float64Array>>();

/** Summed weights of a character's one-character feature in each role (CHAR_ROLES × LABEL_COUNT), cached per model. */
function charScores(model: FrozenModel, cache: Map<number, Float64Array>, charHash: number, keyBuffer: Uint32Array): Float64Array {
  let scores = cache.get(charHash);
  if (scores) return scores;
  scores = new Float64Array(CHAR_ROLES * LABEL_COUNT);
  for (let role = 0; role < CHAR_ROLES; role++) {
    keyBuffer[0] = charRoleKey(role, charHash);
    model.score(keyBuffer, 1, scores, role * LABEL_COUNT);
  }
  if (cache.size >= CHAR_CACHE_LIMIT) cache.clear();
  cache.set(charHash, scores);
  return scores;
}

/**
 * IOB2 label indices for sentences of one character per token. The same features and weights
 * as tagWithFeatureSet(HAN_FEATURES, …), with the one-character features' weights cached per
 * character: a third of the lookups of a token then cost a Map hit per character instead.
 */
export function tagHanSentences(sentences: readonly (readonly string[])[], model: FrozenModel, featureGazetteer: Gazetteer): Int32Array[] {
  const L = LABEL_COUNT;
  let cache = charScoreCaches.get(model);
  if (!cache) charScoreCaches.set(model, (cache = new Map()));
  const features = new Uint32Array(MAX_FEATURES_PER_TOKEN);
  const keyBuffer = new Uint32Array(1);
  const results: Int32Array[] = [];
  for (const tokens of sentences) {
    const length = tokens.length;
    const labels = new Int32Array(length);
    results.push(labels);
    if (length === 0) continue;
    const info = describeHanSentence(tokens, featureGazetteer);
    const rows = Array.from(info.chars, (charHash) => charScores(model, cache, charHash, keyBuffer));
    const emissions = new Float64Array(length * L);
    for (let i = 0; i < length; i++) {
      const offset = i * L;
      model.score(features, hanContextFeatures(info, i, features), emissions, offset);
      const at = i + HAN_PAD;
      for (let role = 0; role < CHAR_ROLES; role++) {
        const row = rows[at + CHAR_ROLE_OFFSETS[role]!]!;
        const base = role * L;
        for (let label = 0; label < L; label++) emissions[offset + label]! += row[base + label]!;
      }
    }
    viterbi(emissions, length, model.transitions, labels);
  }
  return results;
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
  const labels = tagHanSentences(
    sentences.map((sentence) => sentence.map((token) => token.text)),
    model,
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
