import { describe, expect, it } from 'vitest';
import { EntityScorer } from './conll';
import { labelIndex } from './features';
import { labelsToSpans } from './tagger';

const labels = (tags: string): Int32Array => Int32Array.from(tags.split(' '), (tag) => labelIndex.get(tag)!);

describe('labelsToSpans', () => {
  it('reads IOB2 and tolerates IOB1 (I- after O starts an entity)', () => {
    expect(labelsToSpans(labels('B-PER I-PER O I-LOC B-LOC B-ORG I-ORG'))).toEqual([
      { type: 0, start: 0, end: 2 },
      { type: 2, start: 3, end: 4 },
      { type: 2, start: 4, end: 5 },
      { type: 1, start: 5, end: 7 },
    ]);
  });
});

describe('EntityScorer', () => {
  it('credits only exact span and type matches, conlleval style', () => {
    const scorer = new EntityScorer();
    scorer.add(labels('B-PER I-PER O B-LOC O B-ORG O'), labels('B-PER I-PER O B-ORG O B-ORG I-ORG'));
    scorer.add(labels('B-MISC O'), labels('B-MISC O'));
    expect(scorer.counts.get('PER')).toEqual({ gold: 1, predicted: 1, correct: 1 });
    expect(scorer.counts.get('LOC')).toEqual({ gold: 1, predicted: 0, correct: 0 });
    // The ORG at the end is one token too long → wrong; the LOC tagged ORG is wrong too.
    expect(scorer.counts.get('ORG')).toEqual({ gold: 1, predicted: 2, correct: 0 });
    const micro = scorer.micro(['PER', 'ORG', 'LOC']);
    expect(micro).toMatchObject({ gold: 3, predicted: 3, correct: 1 });
    expect(micro.f1).toBeCloseTo(1 / 3, 6);
    expect(scorer.micro(['PER', 'ORG', 'LOC', 'MISC'])).toMatchObject({ gold: 4, predicted: 4, correct: 2 });
  });
});
