import { describe, expect, it } from 'vitest';
import { buildEvalCorpus, scoreClusters, type EvalDocument } from './eval-corpus';

const story = (n: number) => ({
  title: `Story ${n}`,
  sentences: Array.from({ length: 10 }, (_, i) => `Story ${n} sentence ${i} has several plain words in it.`),
});
const pool = Array.from({ length: 50 }, (_, i) => `Replacement sentence number ${i} about something else entirely.`);

describe('near-duplicate evaluation corpus', () => {
  it('builds an original and seven edited copies per story with copies, the same on every run', () => {
    const documents = buildEvalCorpus([story(0), story(1), story(2)], pool, { storiesWithCopies: 2, seed: 1 });
    expect(documents).toHaveLength(2 * 8 + 1);
    expect(documents.filter((d) => d.story === 2).map((d) => d.kind)).toEqual(['original']);
    expect(buildEvalCorpus([story(0), story(1), story(2)], pool, { storiesWithCopies: 2, seed: 1 })).toEqual(documents);
    const edit30 = documents.find((d) => d.story === 0 && d.kind === 'edit30')!;
    const replaced = pool.filter((sentence) => edit30.body.includes(sentence)).length;
    expect(replaced).toBeGreaterThanOrEqual(1);
    expect(replaced).toBeLessThanOrEqual(3);
    const boilerplate = documents.find((d) => d.story === 0 && d.kind === 'boilerplate')!;
    expect(boilerplate.body.length).toBeGreaterThan(documents.find((d) => d.story === 0 && d.kind === 'original')!.body.length);
  });

  it('scores same-cluster pairs against stories', () => {
    const doc = (id: string, story: number, kind: EvalDocument['kind']): EvalDocument => ({ id, story, kind, title: id, body: '' });
    const documents = [doc('a0', 0, 'original'), doc('a1', 0, 'edit10'), doc('a2', 0, 'edit60'), doc('b0', 1, 'original'), doc('b1', 1, 'edit10')];
    // a1 found; a2 missed; b1 wrongly put with story a.
    const clusters = new Map([
      ['a0', 'A'],
      ['a1', 'A'],
      ['a2', 'X'],
      ['b0', 'B'],
      ['b1', 'A'],
    ]);
    const scores = scoreClusters(documents, clusters);
    expect(scores.predictedPairs).toBe(3);
    expect(scores.precision).toBeCloseTo(1 / 3, 5);
    expect(scores.unrelatedPairsClustered).toBe(2);
    expect(scores.recallByKind).toEqual({ edit10: 0.5, edit60: 0 });
    expect(scores.recallLightEdits).toBe(0.5);
  });
});
