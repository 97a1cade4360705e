import { describe, expect, it } from 'vitest';
import { bandKeys, DEFAULT_MINHASH, estimateSimilarity, minHashSignature, shingleHashes } from './minhash';
import { seededRandom } from './eval-corpus';

function words(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => `w${Math.floor(random() * 50_000)}`);
}

function exactJaccard(a: Uint32Array, b: Uint32Array): number {
  const left = new Set(a);
  let shared = 0;
  for (const value of new Set(b)) if (left.has(value)) shared++;
  return shared / (left.size + new Set(b).size - shared);
}

describe('MinHash', () => {
  it('builds distinct shingles of consecutive words', () => {
    expect(shingleHashes(['a', 'b', 'c', 'a', 'b', 'c'], 3)).toHaveLength(3);
    expect(shingleHashes(['a', 'b'], 3)).toHaveLength(0);
    // Order matters: a shingle is a sequence, not a bag.
    expect(shingleHashes(['a', 'b', 'c'], 3)[0]).not.toBe(shingleHashes(['c', 'b', 'a'], 3)[0]);
  });

  it('gives identical texts identical signatures and band keys', () => {
    const text = words(300, 1);
    const a = minHashSignature(shingleHashes(text, 3));
    const b = minHashSignature(shingleHashes([...text], 3));
    expect(a).toHaveLength(DEFAULT_MINHASH.bands * DEFAULT_MINHASH.rows);
    expect(estimateSimilarity(a, b)).toBe(1);
    expect(bandKeys(a)).toEqual(bandKeys(b));
    expect(new Set(bandKeys(a)).size).toBe(DEFAULT_MINHASH.bands);
  });

  it('estimates the Jaccard similarity of shingle sets within a few points', () => {
    const base = words(600, 2);
    for (const share of [0.1, 0.3, 0.6]) {
      const edited = [...base];
      const random = seededRandom(Math.round(share * 100));
      // Rewrite a contiguous share of the text, as an edited paragraph would be.
      const start = Math.floor(random() * base.length * (1 - share));
      for (let i = start; i < start + base.length * share; i++) edited[i] = `x${i}`;
      const a = shingleHashes(base, 3);
      const b = shingleHashes(edited, 3);
      const estimate = estimateSimilarity(minHashSignature(a), minHashSignature(b));
      expect(Math.abs(estimate - exactJaccard(a, b))).toBeLessThan(0.12);
    }
  });

  it('finds almost nothing in common between unrelated texts', () => {
    const a = minHashSignature(shingleHashes(words(500, 3), 3));
    const b = minHashSignature(shingleHashes(words(500, 4), 3));
    expect(estimateSimilarity(a, b)).toBeLessThan(0.05);
    const shared = bandKeys(a).filter((key) => bandKeys(b).includes(key));
    expect(shared).toHaveLength(0);
  });
});
