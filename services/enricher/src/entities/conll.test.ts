import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EntityScorer, SENTENCES_PER_DOCUMENT, readNerJsonl } from './conll';
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

describe('readNerJsonl', () => {
  const line = (id: string, extra: Record<string, unknown> = {}): string => JSON.stringify({ id, tokens: ['Oslo', 'rains', '.'], tags: ['B-LOC', 'O', 'O'], ...extra });
  const write = (lines: string[]): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'ner-')), 'set.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };

  it('groups by doc, by -DOCSTART-, or into runs of consecutive sentences', () => {
    expect(readNerJsonl(write(['a', 'b', 'c'].map((id, n) => line(id, { doc: n < 2 ? 0 : 1 })))).map((d) => d.length)).toEqual([2, 1]);
    const docstart = JSON.stringify({ id: 'd', tokens: ['-DOCSTART-'], tags: ['O'] });
    expect(readNerJsonl(write([docstart, line('a'), line('b'), docstart, line('c')])).map((d) => d.length)).toEqual([2, 1]);
    const plain = Array.from({ length: SENTENCES_PER_DOCUMENT * 2 + 3 }, (_, n) => line(`s${n}`));
    expect(readNerJsonl(write(plain)).map((d) => d.length)).toEqual([SENTENCES_PER_DOCUMENT, SENTENCES_PER_DOCUMENT, 3]);
  });

  it('splits train and held-out parts without overlap, the same way every time', () => {
    const file = write(Array.from({ length: SENTENCES_PER_DOCUMENT * 60 }, (_, n) => line(`s${n}`)));
    const train = readNerJsonl(file, 'train');
    const heldOut = readNerJsonl(file, 'heldout');
    expect(train.length + heldOut.length).toBe(60);
    expect(heldOut.length).toBeGreaterThan(0);
    expect(heldOut.length).toBeLessThan(20);
    expect(readNerJsonl(file, 'heldout')).toEqual(heldOut);
  });
});
