/**
 * Chinese entity mentions from the character tagger: the text is cut into sentences, every
 * character is one token, tagged spans become mentions with UTF-16 offsets into the text, and
 * spans that are a country's name get the country (so they resolve to an ISO code).
 */
import * as featureModule from './features';
import type { Gazetteer, PlaceEntry } from './gazetteer';
import * as hanFeatureModule from './han-features';
import * as modelModule from './model';
import type { FrozenModel } from './model';
import * as taggerModule from './tagger';

// Module-level copies of imported bindings: loaders such as tsx compile imports to getter calls,
// which cost a call per use in the per-character loops below.
const { ENTITY_TYPES, LABEL_COUNT } = featureModule;
const {
  CHAR_ROLES, CHAR_ROLE_OFFSETS, HAN_FEATURE_SET, HAN_PAD, charRoleKey, countryAt, describeHanSentence, hanContextFeatures,
  hanCountryNames, hanTokenFeatures, hanWordFeatures, startsHanWord,
} = hanFeatureModule;
const { viterbi } = modelModule;
const { MAX_FEATURES_PER_TOKEN, labelsToSpans } = taggerModule;

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
 * Summed weights of each character's one-character feature in every role (CHAR_ROLES ×
 * LABEL_COUNT values), per model, in an open-addressing table keyed by the character's hash: a
 * typed-array probe costs a fraction of a Map lookup keyed by a 32-bit number. Chinese news
 * uses a few thousand distinct characters; the table is emptied when it is half full, which
 * bounds it to CHAR_TABLE_SLOTS × 360 bytes (3 MB).
 */
const CHAR_TABLE_SLOTS = 1 << 13;
class CharScoreTable {
  private readonly keys = new Uint32Array(CHAR_TABLE_SLOTS);
  private readonly used = new Uint8Array(CHAR_TABLE_SLOTS);
  readonly scores = new Float64Array(CHAR_TABLE_SLOTS * CHAR_ROLES * LABEL_COUNT);
  private size = 0;
  private readonly keyBuffer = new Uint32Array(1);

  constructor(private readonly model: FrozenModel) {}

  /**
   * Makes room for `count` more characters, emptying the table when needed. Called before a
   * sentence's rows are looked up, so no row handed out for the sentence is overwritten.
   */
  reserve(count: number): void {
    if (this.size + count <= CHAR_TABLE_SLOTS / 2) return;
    this.used.fill(0);
    this.size = 0;
  }

  /** Offset into `scores` of the row of `charHash`, computed on first use. */
  rowOf(charHash: number): number {
    const mask = CHAR_TABLE_SLOTS - 1;
    let slot = charHash & mask;
    while (this.used[slot] === 1) {
      if (this.keys[slot] === charHash) return slot * CHAR_ROLES * LABEL_COUNT;
      slot = (slot + 1) & mask;
    }
    this.used[slot] = 1;
    this.keys[slot] = charHash;
    this.size++;
    const row = slot * CHAR_ROLES * LABEL_COUNT;
    for (let role = 0; role < CHAR_ROLES; role++) {
      this.keyBuffer[0] = charRoleKey(role, charHash);
      this.model.score(this.keyBuffer, 1, this.scores, row + role * LABEL_COUNT);
    }
    return row;
  }
}

const charTables = new WeakMap<FrozenModel, CharScoreTable>();

/**
 * IOB2 label indices for sentences of one character per token. The same features and weights
 * as tagWithFeatureSet(HAN_FEATURES, …), with the one-character features' weights cached per
 * character and the word features' weights summed once per ICU word: ten of a character's
 * thirty-odd lookups then cost a Map hit per character and a fraction of a lookup per word.
 */
export function tagHanSentences(
  sentences: readonly (readonly string[])[],
  model: FrozenModel,
  featureGazetteer: Gazetteer,
  /** Sees each sentence's description (ICU words included) once it is tagged. */
  onSentence?: (info: hanFeatureModule.HanSentenceInfo, index: number) => void,
): Int32Array[] {
  const L = LABEL_COUNT;
  let table = charTables.get(model);
  if (!table) charTables.set(model, (table = new CharScoreTable(model)));
  const charScores = table.scores;
  const features = new Uint32Array(MAX_FEATURES_PER_TOKEN);
  const wordScores = new Float64Array(L);
  let rows = new Int32Array(0);
  const results: Int32Array[] = [];
  for (let index = 0; index < sentences.length; index++) {
    const tokens = sentences[index]!;
    const length = tokens.length;
    const labels = new Int32Array(length);
    results.push(labels);
    if (length === 0) continue;
    const info = describeHanSentence(tokens, featureGazetteer);
    onSentence?.(info, index);
    const emissions = new Float64Array(length * L);
    if (info.chars.length > CHAR_TABLE_SLOTS / 2) {
      // Longer than the table holds (the extractor's sentences never are): every feature looked up.
      for (let i = 0; i < length; i++) model.score(features, hanTokenFeatures(info, i, features), emissions, i * L);
      viterbi(emissions, length, model.transitions, labels);
      continue;
    }
    table.reserve(info.chars.length);
    if (rows.length < info.chars.length) rows = new Int32Array(info.chars.length * 2);
    for (let at = 0; at < info.chars.length; at++) rows[at] = table.rowOf(info.chars[at]!);
    for (let i = 0; i < length; i++) {
      const offset = i * L;
      model.score(features, hanContextFeatures(info, i, features), emissions, offset);
      // Word features once per ICU word (a word is 1.5–2 characters on average).
      if (i === 0 || startsHanWord(info, i)) model.score(features, hanWordFeatures(info, i, features), wordScores, 0);
      for (let label = 0; label < L; label++) emissions[offset + label]! += wordScores[label]!;
      const at = i + HAN_PAD;
      for (let role = 0; role < CHAR_ROLES; role++) {
        const base = rows[at + CHAR_ROLE_OFFSETS[role]!]! + role * L;
        for (let label = 0; label < L; label++) emissions[offset + label]! += charScores[base + label]!;
      }
    }
    viterbi(emissions, length, model.transitions, labels);
  }
  return results;
}

/**
 * Tagged mentions of `text`, which UTF-16 units they cover and where ICU words begin and end.
 * Both are for the caller's substring search for countries the tagger missed: 中国 inside
 * 中国共产党 (covered) is no separate place, and neither is a name that starts or ends inside a
 * word (海地 "Haiti" in 沿海|地区, 中国 in 发展中国家 "developing countries"); `wordEdge[offset]`
 * is 1 where a word begins or ends. `featureGazetteer` must be the one the model was trained
 * with (loadFeatureGazetteer); `gazetteer` resolves country names.
 */
export function hanMentions(
  text: string,
  model: FrozenModel,
  featureGazetteer: Gazetteer,
  gazetteer: Gazetteer,
): { mentions: HanMention[]; covered: Uint8Array; wordEdge: Uint8Array } {
  const sentences = splitHanSentences(text);
  const wordEdge = new Uint8Array(text.length + 1);
  const labels = tagHanSentences(
    sentences.map((sentence) => sentence.map((token) => token.text)),
    model,
    featureGazetteer,
    (info, index) => {
      const sentence = sentences[index]!;
      for (let i = 0; i < info.length; i++) {
        if (startsHanWord(info, i)) {
          wordEdge[sentence[i]!.start] = 1;
          if (i > 0) wordEdge[sentence[i - 1]!.end] = 1;
        }
      }
      wordEdge[sentence[info.length - 1]!.end] = 1;
    },
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
      const surface = text.slice(start, end).replace(/\s+/gu, '');
      const country = countryAt(countries, surface, 0);
      // A country's name that starts or ends inside an ICU word is a piece of a longer word
      // (海地 "Haiti" in 沿海|地区 "coastal areas"), as in the substring fallback.
      if (country && country.length === surface.length && (!wordEdge[start] || !wordEdge[end])) continue;
      covered.fill(1, start, end);
      // A span that is exactly a country's name is that country, whatever type the tagger gave
      // it ("中国" as ORG in a sports result), except a person who bears the name.
      if (country && country.length === surface.length && type !== 'PER') {
        mentions.push({ type: 'LOC', start, end, text: surface, place: country.place });
      } else {
        mentions.push({ type, start, end, text: surface });
      }
    }
  });
  return { mentions, covered, wordEdge };
}
