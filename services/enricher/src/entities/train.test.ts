import { describe, expect, it } from 'vitest';
import { labelIndex } from './features';
import { loadFeatureGazetteer } from './gazetteer';
import { FrozenModel } from './model';
import { labelsToSpans, tagDocument } from './tagger';
import { type TrainingDocument, trainPerceptron } from './train';
import { FEATURE_SET_VERSION, LABELS } from './features';

/** Tiny invented corpus: "<Name> <Surname> visited <Town>" and "<Company> Corp hired <Name>". */
const FIRST = ['Arla', 'Bento', 'Cyra', 'Dovik', 'Emsa', 'Farro', 'Gilda', 'Horst'];
const LAST = ['Quimby', 'Rasko', 'Stellan', 'Tovar', 'Ulbrecht', 'Vance'];
const TOWNS = ['Lindmark', 'Osterby', 'Pellham', 'Rudova', 'Sandvik'];
const COMPANIES = ['Brintel', 'Corvax', 'Dynaro', 'Elmfield'];

function sentence(parts: Array<[string, string]>): { tokens: string[]; labels: Int32Array } {
  return { tokens: parts.map(([token]) => token), labels: Int32Array.from(parts, ([, tag]) => labelIndex.get(tag)!) };
}

function corpus(seed: number, size: number): TrainingDocument[] {
  const documents: TrainingDocument[] = [];
  for (let i = 0; i < size; i++) {
    const first = FIRST[(i * 7 + seed) % FIRST.length]!;
    const last = LAST[(i * 5 + seed) % LAST.length]!;
    const town = TOWNS[(i * 3 + seed) % TOWNS.length]!;
    const company = COMPANIES[(i + seed) % COMPANIES.length]!;
    documents.push([
      sentence([[first, 'B-PER'], [last, 'I-PER'], ['visited', 'O'], [town, 'B-LOC'], ['on', 'O'], ['Monday', 'O'], ['.', 'O']]),
      sentence([[company, 'B-ORG'], ['Corp', 'I-ORG'], ['hired', 'O'], [first, 'B-PER'], ['.', 'O']]),
    ]);
  }
  return documents;
}

describe('trainPerceptron', () => {
  it('learns a small invented tagging task well enough to tag unseen combinations', () => {
    const gazetteer = loadFeatureGazetteer('eng');
    const trained = trainPerceptron(corpus(0, 40), { epochs: 5, seed: 1, gazetteer, pruneBelow: 0 });
    const model = new FrozenModel(trained.keys, trained.weights, trained.transitions, {
      featureSetVersion: FEATURE_SET_VERSION, labels: LABELS, language: 'test', provenance: 'test', trainedOn: 'test', epochs: 5, features: trained.keys.length,
    });
    const test = [['Gilda', 'Rasko', 'visited', 'Sandvik', 'on', 'Monday', '.'], ['Corvax', 'Corp', 'hired', 'Bento', '.']];
    const [first, second] = tagDocument(test, model, model.transitions, gazetteer);
    expect(labelsToSpans(first!)).toEqual([{ type: 0, start: 0, end: 2 }, { type: 2, start: 3, end: 4 }]);
    expect(labelsToSpans(second!)).toEqual([{ type: 1, start: 0, end: 2 }, { type: 0, start: 3, end: 4 }]);
  });

  it('is deterministic for a given seed', () => {
    const gazetteer = loadFeatureGazetteer('eng');
    const a = trainPerceptron(corpus(1, 10), { epochs: 2, seed: 9, gazetteer, pruneBelow: 0.1 });
    const b = trainPerceptron(corpus(1, 10), { epochs: 2, seed: 9, gazetteer, pruneBelow: 0.1 });
    expect([...a.keys]).toEqual([...b.keys]);
    expect([...a.weights]).toEqual([...b.weights]);
  });
});
