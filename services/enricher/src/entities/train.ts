/**
 * Averaged structured perceptron (Collins 2002) for the linear-chain tagger. Used by
 * scripts/train-ner.ts; kept here, beside the features it must agree with.
 */
import { LABEL_COUNT } from './features';
import type { Gazetteer } from './gazetteer';
import { type EmissionScorer, viterbi } from './model';
import { type FeatureSet, MAX_FEATURES_PER_TOKEN, WORD_FEATURES } from './tagger';
import { seededRandom } from '../random';

export interface TrainingSentence {
  tokens: string[];
  labels: Int32Array;
}
export type TrainingDocument = TrainingSentence[];

export interface TrainingOptions {
  epochs: number;
  seed: number;
  gazetteer: Gazetteer;
  /** Averaged weights whose largest magnitude is below this are dropped from the shipped model. */
  pruneBelow: number;
  /** Features to train on; the word features of features.ts when absent. */
  featureSet?: FeatureSet<unknown, unknown>;
  onEpoch?: (epoch: number, tokenErrorRate: number) => void;
}

export interface TrainedWeights {
  keys: Uint32Array;
  weights: Float32Array;
  transitions: Float32Array;
}


class PerceptronWeights implements EmissionScorer {
  readonly rowOf = new Map<number, number>();
  weights = new Float64Array(1 << 20);
  /** Σ step × update, for averaging as w − u / steps (Daumé's trick: no per-weight timestamps). */
  updates = new Float64Array(1 << 20);
  readonly transitions = new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT);
  readonly transitionUpdates = new Float64Array((LABEL_COUNT + 1) * LABEL_COUNT);

  score(features: Uint32Array, count: number, scores: Float64Array, offset: number): void {
    for (let label = 0; label < LABEL_COUNT; label++) scores[offset + label] = 0;
    for (let f = 0; f < count; f++) {
      const row = this.rowOf.get(features[f]!);
      if (row === undefined) continue;
      const base = row * LABEL_COUNT;
      for (let label = 0; label < LABEL_COUNT; label++) scores[offset + label]! += this.weights[base + label]!;
    }
  }

  row(featureKey: number): number {
    let row = this.rowOf.get(featureKey);
    if (row === undefined) {
      row = this.rowOf.size;
      this.rowOf.set(featureKey, row);
      if ((row + 1) * LABEL_COUNT > this.weights.length) {
        this.weights = grow(this.weights);
        this.updates = grow(this.updates);
      }
    }
    return row;
  }

  update(featureKey: number, label: number, delta: number, step: number): void {
    const index = this.row(featureKey) * LABEL_COUNT + label;
    this.weights[index]! += delta;
    this.updates[index]! += step * delta;
  }

  updateTransition(prev: number, next: number, delta: number, step: number): void {
    const index = prev * LABEL_COUNT + next;
    this.transitions[index]! += delta;
    this.transitionUpdates[index]! += step * delta;
  }
}

function grow(array: Float64Array): Float64Array<ArrayBuffer> {
  const bigger = new Float64Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

export function trainPerceptron(documents: readonly TrainingDocument[], options: TrainingOptions): TrainedWeights {
  const model = new PerceptronWeights();
  // Deterministic shuffling so a retrain reproduces the shipped model.
  const random = seededRandom(options.seed);
  const order = documents.map((_, index) => index);
  const features = new Uint32Array(MAX_FEATURES_PER_TOKEN);
  const featureSet: FeatureSet<unknown, unknown> = options.featureSet ?? WORD_FEATURES;
  let step = 1;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let tokens = 0;
    let errors = 0;
    for (const documentIndex of order) {
      const document = documents[documentIndex]!;
      const infos = document.map((sentence) => featureSet.describe(sentence.tokens, options.gazetteer));
      const doc = featureSet.context(infos);
      for (let s = 0; s < document.length; s++) {
        const sentence = document[s]!;
        const length = sentence.tokens.length;
        if (length === 0) continue;
        const info = infos[s]!;
        const tokenFeatureKeys: Uint32Array[] = [];
        const emissions = new Float64Array(length * LABEL_COUNT);
        for (let t = 0; t < length; t++) {
          const count = featureSet.features(info, t, doc, features);
          tokenFeatureKeys.push(features.slice(0, count));
          model.score(features, count, emissions, t * LABEL_COUNT);
        }
        const predicted = new Int32Array(length);
        viterbi(emissions, length, model.transitions, predicted);
        const gold = sentence.labels;
        let prevGold = LABEL_COUNT;
        let prevPredicted = LABEL_COUNT;
        for (let t = 0; t < length; t++) {
          const g = gold[t]!;
          const p = predicted[t]!;
          if (g !== p) {
            errors++;
            for (const featureKey of tokenFeatureKeys[t]!) {
              model.update(featureKey, g, 1, step);
              model.update(featureKey, p, -1, step);
            }
          }
          if (g !== p || prevGold !== prevPredicted) {
            model.updateTransition(prevGold, g, 1, step);
            model.updateTransition(prevPredicted, p, -1, step);
          }
          prevGold = g;
          prevPredicted = p;
        }
        tokens += length;
        step++;
        // History comes from the model's own predictions, as it will at tagging time.
        featureSet.remember(doc, info, predicted);
      }
    }
    options.onEpoch?.(epoch, errors / Math.max(1, tokens));
  }

  // Average, then prune rows with no weight large enough to matter.
  const rows = [...model.rowOf.entries()];
  const kept: Array<[number, number]> = [];
  const averaged = new Float64Array(rows.length * LABEL_COUNT);
  for (const [featureKey, row] of rows) {
    let maxAbs = 0;
    for (let label = 0; label < LABEL_COUNT; label++) {
      const index = row * LABEL_COUNT + label;
      const value = model.weights[index]! - model.updates[index]! / step;
      averaged[index] = value;
      maxAbs = Math.max(maxAbs, Math.abs(value));
    }
    if (maxAbs >= options.pruneBelow) kept.push([featureKey, row]);
  }
  kept.sort((a, b) => a[0] - b[0]);
  const keys = new Uint32Array(kept.length);
  const weights = new Float32Array(kept.length * LABEL_COUNT);
  kept.forEach(([featureKey, row], index) => {
    keys[index] = featureKey;
    for (let label = 0; label < LABEL_COUNT; label++) weights[index * LABEL_COUNT + label] = averaged[row * LABEL_COUNT + label]!;
  });
  const transitions = new Float32Array(model.transitions.length);
  for (let i = 0; i < transitions.length; i++) transitions[i] = model.transitions[i]! - model.transitionUpdates[i]! / step;
  return { keys, weights, transitions };
}
