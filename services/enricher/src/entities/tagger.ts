import * as featureModule from './features';
import type { DocumentContext as DocumentContextType, SentenceInfo } from './features';
import type { Gazetteer } from './gazetteer';
import * as modelModule from './model';
import type { EmissionScorer } from './model';

// Module-level copies of imported bindings: loaders such as tsx compile imports to getter calls,
// which cost a call per use in the per-token loop below.
const { DocumentContext, LABEL_COUNT, contextFeatures, describeSentence, tokenFeatures } = featureModule;
const { viterbi } = modelModule;

export const MAX_FEATURES_PER_TOKEN = 64;

/**
 * What the perceptron and the generic tagger need from a feature extractor, so one trainer,
 * decoder and model file serve both the word tagger (features.ts) and the character tagger for
 * scripts without spaces (han-features.ts). Methods, not function properties: TypeScript
 * checks method parameters bivariantly, so a FeatureSet<HanInfo, …> passes where
 * FeatureSet<unknown, unknown> is expected.
 */
export interface FeatureSet<Info, Context> {
  /** Per-sentence values computed once (the same object at training and at tagging time). */
  describe(tokens: readonly string[], gazetteer: Gazetteer): Info;
  /** Document-level state, built before the first sentence is tagged. */
  context(infos: readonly Info[]): Context;
  /** Writes the feature keys of token `i` into `out` (≤ MAX_FEATURES_PER_TOKEN); returns the count. */
  features(info: Info, i: number, context: Context, out: Uint32Array): number;
  /** Called after each sentence with the labels it got, so later sentences can use them. */
  remember(context: Context, info: Info, labels: ArrayLike<number>): void;
}

/** The word features of features.ts, as the FeatureSet the trainer defaults to. */
export const WORD_FEATURES: FeatureSet<SentenceInfo, DocumentContextType> = {
  describe: (tokens, gazetteer) => describeSentence(tokens, gazetteer),
  context: (infos) => new DocumentContext(infos),
  features: (info, i, doc, out) => tokenFeatures(info, i, doc, out),
  remember: (doc, info, labels) => doc.remember(info, labels),
};

/**
 * tagDocument for any FeatureSet, without the word tagger's per-word score cache: every
 * feature of every token is looked up. Same decoding (Viterbi, IOB2 constraints).
 */
export function tagWithFeatureSet<Info, Context>(
  featureSet: FeatureSet<Info, Context>,
  sentences: readonly (readonly string[])[],
  scorer: EmissionScorer,
  transitions: ArrayLike<number>,
  gazetteer: Gazetteer,
): Int32Array[] {
  const L = LABEL_COUNT;
  const infos = sentences.map((tokens) => featureSet.describe(tokens, gazetteer));
  const context = featureSet.context(infos);
  const features = new Uint32Array(MAX_FEATURES_PER_TOKEN);
  const results: Int32Array[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const length = sentences[s]!.length;
    const labels = new Int32Array(length);
    if (length > 0) {
      const info = infos[s]!;
      const emissions = new Float64Array(length * L);
      for (let i = 0; i < length; i++) scorer.score(features, featureSet.features(info, i, context, features), emissions, i * L);
      viterbi(emissions, length, transitions, labels);
      featureSet.remember(context, info, labels);
    }
    results.push(labels);
  }
  return results;
}

/**
 * Tags the sentences of one document in order, so later sentences see what earlier ones were
 * tagged as (DocumentContext history). Returns IOB2 label indices per sentence.
 */
export function tagDocument(
  sentences: readonly (readonly string[])[],
  scorer: EmissionScorer,
  transitions: ArrayLike<number>,
  gazetteer: Gazetteer,
): Int32Array[] {
  const L = LABEL_COUNT;
  const infos = sentences.map((tokens) => describeSentence(tokens, gazetteer));
  const doc = new DocumentContext(infos);
  const features = new Uint32Array(MAX_FEATURES_PER_TOKEN);
  const results: Int32Array[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const tokens = sentences[s]!;
    const labels = new Int32Array(tokens.length);
    if (tokens.length > 0) {
      const info = infos[s]!;
      const emissions = new Float64Array(tokens.length * L);
      const roleScores = scorer.roleScores ? info.words.map((word) => scorer.roleScores!(word)) : undefined;
      for (let i = 0; i < tokens.length; i++) {
        const offset = i * L;
        if (roleScores) {
          const count = contextFeatures(info, i, doc, features);
          scorer.score(features, count, emissions, offset);
          // One-word features: the token itself and its neighbours, each from the per-word cache.
          const self = roleScores[i]!;
          const previous = i > 0 ? roleScores[i - 1]! : scorer.roleScores!(undefined);
          const next = i + 1 < tokens.length ? roleScores[i + 1]! : scorer.roleScores!(undefined);
          const previous2 = i > 1 ? roleScores[i - 2]! : scorer.roleScores!(undefined);
          const next2 = i + 2 < tokens.length ? roleScores[i + 2]! : scorer.roleScores!(undefined);
          for (let label = 0; label < L; label++) {
            emissions[offset + label]! +=
              self[label]! + previous[L + label]! + next[2 * L + label]! + previous2[3 * L + label]! + next2[4 * L + label]!;
          }
        } else {
          const count = tokenFeatures(info, i, doc, features);
          scorer.score(features, count, emissions, offset);
        }
      }
      viterbi(emissions, tokens.length, transitions, labels);
      doc.remember(info, labels);
    }
    results.push(labels);
  }
  return results;
}

export interface LabelledSpan {
  /** Index into ENTITY_TYPES. */
  type: number;
  start: number;
  /** Exclusive. */
  end: number;
}

/** IOB2 (also tolerates IOB1) label indices → spans, following the conlleval rules. */
export function labelsToSpans(labels: ArrayLike<number>): LabelledSpan[] {
  const spans: LabelledSpan[] = [];
  let current: LabelledSpan | undefined;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const type = label === 0 ? -1 : (label - 1) >> 1;
    const inside = label > 0 && (label - 1) % 2 === 1;
    if (current && (type !== current.type || !inside)) {
      current.end = i;
      spans.push(current);
      current = undefined;
    }
    if (type >= 0 && !current) current = { type, start: i, end: i + 1 };
  }
  if (current) {
    current.end = labels.length;
    spans.push(current);
  }
  return spans;
}
