import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisStoryIndex, storyKeyBase, type StoryFeature } from '../../services/enricher/src/stories';
import { cleanupNamespace, uniqueName } from '../support/pipeline';

const id = (): string => randomBytes(16).toString('hex');
const HOUR = 3600_000;
const T0 = Date.UTC(2026, 2, 1, 8);

/** Keys under a pattern by SCAN (the server is shared: no KEYS). */
async function keysMatching(redis: Redis, pattern: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

const feature = (key: string, weight = 3): StoryFeature => ({ key, weight, indexed: true });

/** A story's evidence as its editions carry it: two people, a place, figures. */
const SUMMIT = [feature('e:person:xi-jinping'), feature('e:person:olaf-scholz'), feature('e:place:beijing', 2), feature('#:297.9', 2.5), feature('#:4500', 2.5)];
/** Some other stories in the window, so that rarity has something to compare with. */
function background(i: number): StoryFeature[] {
  return [feature(`e:person:someone-${i}`), feature(`e:place:town-${i}`, 2), feature(`#:${1000 + i}`, 2.5), feature('e:place:country:DE', 1)];
}

describe('story candidate index (real Redis)', () => {
  let redis: Redis;
  let prefix: string;

  beforeAll(() => {
    redis = new Redis(inject('redisUrl'));
    prefix = uniqueName('stories');
  });

  afterAll(async () => {
    redis?.disconnect();
    // Deletes only this test's keys (and an index that does not exist).
    await cleanupNamespace(inject('redisUrl'), inject('elasticsearchUrl'), prefix, prefix);
  });

  async function seeded(label: string, options: Partial<ConstructorParameters<typeof RedisStoryIndex>[1]> = {}): Promise<RedisStoryIndex> {
    const index = new RedisStoryIndex(redis, { prefix: `${prefix}:${label}`, ...options });
    for (let i = 0; i < 30; i++) await index.assign({ docId: id(), language: 'eng', publishedAt: T0 - HOUR, features: background(i) });
    return index;
  }

  it('puts translations in the first-seen article’s story and records its languages', async () => {
    const index = await seeded('join');
    const original = id();
    const first = await index.assign({ docId: original, language: 'eng', publishedAt: T0, features: SUMMIT });
    expect(first).toMatchObject({ storyId: original, isOriginal: true, reason: 'new', languages: ['eng'] });

    const german = await index.assign({ docId: id(), language: 'deu', publishedAt: T0 + 2 * HOUR, features: SUMMIT.slice(0, 4) });
    expect(german).toMatchObject({ storyId: original, isOriginal: false, reason: 'matched', languages: ['deu', 'eng'] });
    // The Russian edition shares nothing with the English one the German lacks: the story's
    // union of evidence is what it is matched against.
    const russian = await index.assign({ docId: id(), language: 'rus', publishedAt: T0 + 3 * HOUR, features: [SUMMIT[0]!, SUMMIT[3]!, SUMMIT[4]!] });
    expect(russian).toMatchObject({ storyId: original, reason: 'matched', languages: ['deu', 'eng', 'rus'] });
    // Two script calls per new article, however many commands run inside them.
    expect(russian.redisCalls).toBeGreaterThan(2);

    const members = await redis.zrange(`${storyKeyBase(`${prefix}:join`)}:s:${original}:m`, 0, -1);
    expect(members).toHaveLength(3);
  });

  it('keeps an article’s story when it is processed again, whatever it says the second time', async () => {
    const index = await seeded('idempotent');
    const original = id();
    const translation = id();
    await index.assign({ docId: original, language: 'eng', publishedAt: T0, features: SUMMIT });
    const first = await index.assign({ docId: translation, language: 'fra', publishedAt: T0 + HOUR, features: SUMMIT });
    expect(first.storyId).toBe(original);
    for (const features of [SUMMIT, background(99), []]) {
      const again = await index.assign({ docId: translation, language: 'fra', publishedAt: T0 + 5 * HOUR, features });
      expect(again).toMatchObject({ storyId: original, isOriginal: false, reason: 'known', languages: ['eng', 'fra'] });
    }
    const originalAgain = await index.assign({ docId: original, language: 'eng', publishedAt: T0, features: SUMMIT });
    expect(originalAgain).toMatchObject({ storyId: original, isOriginal: true, reason: 'known' });
    // Re-processing never adds the article twice.
    expect(await redis.zcard(`${storyKeyBase(`${prefix}:idempotent`)}:s:${original}:m`)).toBe(2);
  });

  it('leaves same-language copies to the near-duplicate clusters', async () => {
    const index = await seeded('same-language');
    const original = id();
    await index.assign({ docId: original, language: 'eng', publishedAt: T0, features: SUMMIT });
    const rewrite = await index.assign({ docId: id(), language: 'eng', publishedAt: T0 + HOUR, features: SUMMIT });
    expect(rewrite).toMatchObject({ isOriginal: true, reason: 'new' });
    // A near-duplicate of a member joins its story through its cluster.
    const copy = await index.assign({ docId: id(), language: 'eng', publishedAt: T0 + HOUR, features: SUMMIT, clusterId: original });
    expect(copy).toMatchObject({ storyId: original, reason: 'near-duplicate' });
  });

  it('looks for translations only inside the publication window', async () => {
    const index = await seeded('window', { windowMs: 24 * HOUR });
    const original = id();
    await index.assign({ docId: original, language: 'eng', publishedAt: T0, features: SUMMIT });
    const late = await index.assign({ docId: id(), language: 'spa', publishedAt: T0 + 30 * HOUR, features: SUMMIT });
    expect(late).toMatchObject({ isOriginal: true, reason: 'new' });
    const early = await index.assign({ docId: id(), language: 'ita', publishedAt: T0 - 20 * HOUR, features: SUMMIT });
    expect(early).toMatchObject({ storyId: original, reason: 'matched' });
  });

  it('gives every key a TTL, keeps posting lists bounded, and forgets an article after its TTL', async () => {
    const label = 'ttl';
    const index = new RedisStoryIndex(redis, { prefix: `${prefix}:${label}`, ttlSeconds: 2, postingCapacity: 5 });
    const docs = Array.from({ length: 12 }, () => id());
    for (const [i, doc] of docs.entries()) await index.assign({ docId: doc, language: 'eng', publishedAt: T0 + i, features: [feature('#:2026'), feature(`e:person:p-${i}`)] });
    const base = storyKeyBase(`${prefix}:${label}`);
    const keys = await keysMatching(redis, `${base}:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.startsWith(`${prefix}:${label}:`)).toBe(true);
      const ttl = await redis.pttl(key);
      expect(ttl, key).toBeGreaterThan(0);
      expect(ttl, key).toBeLessThanOrEqual(2000);
    }
    expect(await redis.zcard(`${base}:p:#:2026`)).toBe(5);

    await new Promise((resolve) => setTimeout(resolve, 2200));
    expect(await keysMatching(redis, `${base}:*`)).toEqual([]);
    const again = await index.assign({ docId: docs[0]!, language: 'eng', publishedAt: T0, features: [feature('#:2026')] });
    expect(again.reason).toBe('new');
  });
});
