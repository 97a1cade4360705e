import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { corpusKeys, RedisCorpusStore, type CorpusObservation } from '../../services/enricher/src/corpus-store';
import { bandKeys, minHashSignature, shingleHashes } from '../../services/enricher/src/near-duplicates/minhash';
import { seededRandom } from '../../services/enricher/src/near-duplicates/eval-corpus';
import { cleanupNamespace, uniqueName } from '../support/pipeline';

const id = (): string => randomBytes(16).toString('hex');

function text(seed: number, length = 400): string[] {
  const random = seededRandom(seed);
  return Array.from({ length }, () => `w${Math.floor(random() * 30_000)}`);
}

/** Replaces a share of the words, in runs, as an edit of some sentences would. */
function edited(words: string[], share: number, seed: number): string[] {
  const random = seededRandom(seed);
  const copy = [...words];
  for (let start = 0; start < copy.length; start += 40) {
    if (random() < share) for (let i = start; i < Math.min(copy.length, start + 40); i++) copy[i] = `e${seed}-${i}`;
  }
  return copy;
}

function observation(docId: string, words: string[], vocabulary: string[] = []): CorpusObservation {
  const signature = minHashSignature(shingleHashes(words, 3));
  return { docId, language: 'eng', words: vocabulary, signature, bands: bandKeys(signature) };
}

describe('Redis corpus store (real Redis)', () => {
  let redis: Redis;
  let prefix: string;
  let store: RedisCorpusStore;

  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
    prefix = uniqueName('corpus');
    store = new RedisCorpusStore(redis, { prefix, similarityThreshold: 0.3 });
  });

  afterAll(async () => {
    redis?.disconnect();
    // Deletes only this test's keys (and an index that does not exist).
    await cleanupNamespace(inject('redisUrl'), inject('elasticsearchUrl'), prefix, prefix);
  });

  it('counts each document once in the document frequencies, however often it is enriched', async () => {
    const a = id();
    const b = id();
    const first = await store.observe({ docId: a, language: 'eng', words: ['budget', 'minister'], signature: null, bands: [] });
    expect(first.documentCount).toBe(1);
    expect(first.documentFrequency('budget')).toBe(1);
    const second = await store.observe({ docId: b, language: 'eng', words: ['budget', 'strike'], signature: null, bands: [] });
    expect(second.documentCount).toBe(2);
    expect(second.documentFrequency('budget')).toBe(2);
    expect(second.documentFrequency('strike')).toBe(1);
    const again = await store.observe({ docId: a, language: 'eng', words: ['budget', 'minister'], signature: null, bands: [] });
    expect(again.documentCount).toBe(2);
    expect(again.documentFrequency('budget')).toBe(2);
    expect(again.documentFrequency('minister')).toBe(1);
    // Frequencies are per language.
    const german = await store.observe({ docId: id(), language: 'deu', words: ['budget'], signature: null, bands: [] });
    expect(german.documentCount).toBe(1);
    expect(german.documentFrequency('budget')).toBe(1);
  });

  it('handles articles with thousands of distinct words', async () => {
    const words = Array.from({ length: 9_000 }, (_, i) => `term${i}`);
    const first = id();
    const view = await store.observe({ docId: first, language: 'xxx', words, signature: null, bands: [] });
    expect(view.documentFrequency('term8999')).toBe(1);
    const other = await store.observe({ docId: id(), language: 'xxx', words, signature: null, bands: [] });
    expect(other.documentFrequency('term0')).toBe(2);
    // A document counted before is only read (in chunks, past Lua's unpack limit).
    const reread = await store.observe({ docId: first, language: 'xxx', words, signature: null, bands: [] });
    expect(reread.documentCount).toBe(2);
    expect(reread.documentFrequency('term0')).toBe(2);
    expect(reread.documentFrequency('term8999')).toBe(2);
  });

  it('clusters copies with the first-seen article and keeps unrelated articles apart', async () => {
    const story = text(1);
    const original = id();
    const first = await store.observe(observation(original, story));
    expect(first.cluster).toEqual({ id: original, isOriginal: true, similarity: 1 });

    const copyId = id();
    const copy = await store.observe(observation(copyId, edited(story, 0.2, 2)));
    expect(copy.cluster.id).toBe(original);
    expect(copy.cluster.isOriginal).toBe(false);
    expect(copy.cluster.similarity).toBeGreaterThan(0.4);
    expect(copy.cluster.similarity).toBeLessThan(1);

    const unrelatedId = id();
    const unrelated = await store.observe(observation(unrelatedId, text(3)));
    expect(unrelated.cluster).toEqual({ id: unrelatedId, isOriginal: true, similarity: 1 });

    // A copy of a copy still belongs to the original's cluster and reports similarity to it.
    const second = await store.observe(observation(id(), edited(edited(story, 0.2, 2), 0.1, 4)));
    expect(second.cluster.id).toBe(original);
  });

  it('is idempotent: re-enriching a document returns its record and never matches it with itself', async () => {
    const story = text(10);
    const original = id();
    await store.observe(observation(original, story));
    const again = await store.observe(observation(original, story));
    expect(again.cluster).toEqual({ id: original, isOriginal: true, similarity: 1 });
    const copyId = id();
    const copy = await store.observe(observation(copyId, edited(story, 0.1, 11)));
    const copyAgain = await store.observe(observation(copyId, edited(story, 0.1, 11)));
    expect(copyAgain.cluster).toEqual(copy.cluster);
    expect(copyAgain.cluster.id).toBe(original);
  });

  it('puts copies enriched at the same moment into one cluster with one original', async () => {
    const story = text(20);
    const ids = Array.from({ length: 6 }, () => id());
    const views = await Promise.all(ids.map((docId, i) => store.observe(observation(docId, i === 0 ? story : edited(story, 0.15, 30 + i)))));
    const clusters = new Set(views.map((view) => view.cluster.id));
    expect(clusters.size).toBe(1);
    expect(views.filter((view) => view.cluster.isOriginal)).toHaveLength(1);
  });

  it('keeps the keys of each script in one Redis Cluster slot (shared hash tag), under the prefix', () => {
    const tagOf = (key: string): string => /\{([^}]+)\}/.exec(key)?.[1] ?? key;
    const keys = corpusKeys('newsflow');
    expect(tagOf(keys.countedDocuments)).toBe(tagOf(keys.documentFrequencies('eng')));
    expect(new Set([keys.clusters, keys.signatures, keys.buckets].map(tagOf)).size).toBe(1);
    for (const key of [keys.countedDocuments, keys.clusters, keys.buckets]) expect(key.startsWith('newsflow:')).toBe(true);
    // A prefix that carries its own hash tag (as BullMQ on a cluster wants) keeps everything in it.
    const tagged = corpusKeys('{nf}');
    expect(new Set([tagged.countedDocuments, tagged.documentFrequencies('eng'), tagged.clusters, tagged.buckets].map(tagOf))).toEqual(new Set(['nf']));
  });
});
