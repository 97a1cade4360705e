import { describe, expect, it } from 'vitest';
import { FEATURE_SET_VERSION, LABEL_COUNT, LABELS, labelIndex } from './features';
import { FrozenModel, deserializeModel, serializeModel, viterbi } from './model';

const label = (name: string): number => labelIndex.get(name)!;
const meta = { featureSetVersion: FEATURE_SET_VERSION, labels: LABELS, language: 'eng', provenance: 'test', trainedOn: 'test', epochs: 1, features: 2 };

describe('viterbi', () => {
  it('never puts I-X after O or after another type, even when emissions prefer it', () => {
    const emissions = new Float64Array(2 * LABEL_COUNT);
    emissions[label('O')] = 10;
    emissions[LABEL_COUNT + label('I-PER')] = 5; // O + I-PER would score 15, but is illegal
    emissions[LABEL_COUNT + label('B-PER')] = 2;
    const labels = new Int32Array(2);
    viterbi(emissions, 2, new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT), labels);
    expect([...labels].map((l) => LABELS[l])).toEqual(['O', 'B-PER']);
  });

  it('uses transition weights to continue an entity', () => {
    const emissions = new Float64Array(2 * LABEL_COUNT);
    emissions[label('B-ORG')] = 3;
    emissions[LABEL_COUNT + label('O')] = 1;
    emissions[LABEL_COUNT + label('I-ORG')] = 0.5;
    const transitions = new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT);
    transitions[label('B-ORG') * LABEL_COUNT + label('I-ORG')] = 1;
    const labels = new Int32Array(2);
    viterbi(emissions, 2, transitions, labels);
    expect([...labels].map((l) => LABELS[l])).toEqual(['B-ORG', 'I-ORG']);
  });
});

describe('model file', () => {
  it('round-trips weights through the compressed, quantised format', () => {
    const keys = Uint32Array.from([7, 4_000_000_000]);
    const weights = new Float32Array(2 * LABEL_COUNT).map((_, i) => (i % 3) - 1.25 * (i % 2));
    const transitions = new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT).map((_, i) => i / 10);
    const model = deserializeModel(serializeModel(keys, weights, transitions, meta));
    expect(model.size).toBe(2);
    // Each feature alone scores its stored weights (quantised to int16, so to about 1e-4).
    keys.forEach((key, row) => {
      const scores = new Float64Array(LABEL_COUNT);
      model.score(Uint32Array.of(key), 1, scores, 0);
      scores.forEach((score, label) => expect(score).toBeCloseTo(weights[row * LABEL_COUNT + label]!, 3));
    });
    model.transitions.forEach((weight, i) => expect(weight).toBeCloseTo(transitions[i]!, 5));
    expect(model.meta.language).toBe('eng');
  });

  it('refuses a file written for another feature set', () => {
    const file = serializeModel(new Uint32Array(0), new Float32Array(0), new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT), { ...meta, featureSetVersion: -1, features: 0 });
    expect(() => deserializeModel(file)).toThrow(/retrain/);
  });

  it('sums the weights of the features it knows and ignores the rest', () => {
    const weights = new Float32Array(2 * LABEL_COUNT);
    weights[1] = 2;
    weights[LABEL_COUNT + 1] = 3;
    weights[LABEL_COUNT + 2] = -1;
    const model = new FrozenModel(Uint32Array.from([11, 0]), weights, new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT), meta);
    const scores = new Float64Array(LABEL_COUNT);
    model.score(Uint32Array.from([11, 0, 99]), 3, scores, 0);
    expect(scores[1]).toBeCloseTo(5, 3);
    expect(scores[2]).toBeCloseTo(-1, 3);
    expect(scores[0]).toBe(0);
  });
});
