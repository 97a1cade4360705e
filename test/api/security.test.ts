import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createRedis, type Redis } from '@newsflow/runtime';
import { createSearchClient, detectCapabilities, ensureArticleIndex } from '@newsflow/search';
import type { AppDeps } from '../../services/api/src/app';
import { ApiKeyring } from '../../services/api/src/auth';
import { buildTestApp } from '../support/app';
import { cleanupNamespace, freePort, uniqueName } from '../support/pipeline';

const ALICE = 'alice-key-0123456789abcdef';
const BOB = 'bob-key-0123456789abcdef';

describe('API security and input limits (real Redis and Elasticsearch)', () => {
  const redisUrl = inject('redisUrl');
  const elasticsearchUrl = inject('elasticsearchUrl');
  const prefix = uniqueName('apisec');
  let redis: Redis;
  const apps: FastifyInstance[] = [];
  const search = createSearchClient(elasticsearchUrl);

  async function makeApp(overrides: Partial<AppDeps> = {}, redisClient?: Redis): Promise<FastifyInstance> {
    const client = redisClient ?? redis;
    const app = buildTestApp({
      redis: client,
      search,
      prefix,
      alias: prefix,
      key: ALICE,
      overrides: {
        bodyLimitBytes: 64 * 1024,
        auth: { keyring: ApiKeyring.parse(`alice:${ALICE},bob:${BOB}`), mode: 'required', readsRequireKey: false },
        rateLimit: { redis: client, namespace: `${prefix}:ratelimit:`, perKeyPerMinute: 1000, anonymousPerMinute: 1000 },
        ...overrides,
      },
    });
    apps.push(app);
    await app.ready();
    return app;
  }

  beforeAll(async () => {
    redis = createRedis(redisUrl, { name: 'test:apisec', role: 'producer' });
    await new Promise((r) => redis.once('ready', r));
    await ensureArticleIndex(search, { alias: prefix, capabilities: await detectCapabilities(search) });
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    redis?.disconnect();
    await search.close();
    await cleanupNamespace(redisUrl, elasticsearchUrl, prefix, prefix);
  });

  const submit = (app: FastifyInstance, key?: string, payload: unknown = { urls: ['https://example.org/a'] }) =>
    app.inject({ method: 'POST', url: '/urls', payload: payload as object, headers: key ? { authorization: `Bearer ${key}` } : {} });

  it('requires a valid key for writes: missing, wrong and revoked keys get 401', async () => {
    const app = await makeApp();
    expect((await submit(app)).statusCode).toBe(401);
    expect((await submit(app)).json()).toMatchObject({ error: 'unauthorized' });
    expect((await submit(app, 'not-a-valid-key-at-all')).statusCode).toBe(401);
    expect((await submit(app, ALICE)).statusCode).toBe(202);
    // Revocation: the same key after it was removed from the configuration.
    const revoked = await makeApp({ auth: { keyring: ApiKeyring.parse(`bob:${BOB}`), mode: 'required', readsRequireKey: false } });
    expect((await submit(revoked, ALICE)).statusCode).toBe(401);
    expect((await submit(revoked, BOB)).statusCode).toBe(202);
  });

  it('lets reads through without a key unless configured otherwise', async () => {
    const open = await makeApp();
    expect((await open.inject({ url: '/queues' })).statusCode).toBe(200);
    const closed = await makeApp({ auth: { keyring: ApiKeyring.parse(`alice:${ALICE}`), mode: 'required', readsRequireKey: true } });
    expect((await closed.inject({ url: '/queues' })).statusCode).toBe(401);
    expect((await closed.inject({ url: '/queues', headers: { authorization: `Bearer ${ALICE}` } })).statusCode).toBe(200);
    expect((await closed.inject({ url: '/healthz' })).statusCode).toBe(200);
  });

  it('rate-limits per key across API instances, with 429 and Retry-After', async () => {
    const limits = { redis, namespace: `${prefix}:ratelimit-own:`, perKeyPerMinute: 5, anonymousPerMinute: 1000 };
    const first = await makeApp({ rateLimit: limits });
    const second = await makeApp({ rateLimit: limits });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? first : second;
      codes.push((await app.inject({ url: '/queues', headers: { authorization: `Bearer ${BOB}` } })).statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await second.inject({ url: '/queues', headers: { authorization: `Bearer ${BOB}` } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another key has its own budget.
    expect((await first.inject({ url: '/queues', headers: { authorization: `Bearer ${ALICE}` } })).statusCode).toBe(200);
  });

  it('rejects oversized bodies (413), malformed JSON and bad fields (400)', async () => {
    const app = await makeApp();
    const big = await submit(app, ALICE, { urls: ['https://example.org/' + 'a'.repeat(70 * 1024)] });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: 'payload_too_large' });
    const malformed = await app.inject({ method: 'POST', url: '/urls', payload: '{"urls": [', headers: { authorization: `Bearer ${ALICE}`, 'content-type': 'application/json' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe('invalid_request');
    expect((await submit(app, ALICE, { urls: 'https://example.org' })).statusCode).toBe(400);
    expect((await submit(app, ALICE, { urls: ['https://example.org'], extra: 1 })).statusCode).toBe(400);
    expect((await submit(app, ALICE, { urls: Array.from({ length: 101 }, (_, i) => `https://example.org/${i}`) })).statusCode).toBe(400);
  });

  it('never answers 500 to hostile search input', async () => {
    const app = await makeApp();
    for (const q of ['title:* OR _exists_:x', '"unbalanced', '((((', 'a'.repeat(10_000), '\\', '*:*', '{"query":{"match_all":{}}}', '<script>alert(1)</script>']) {
      const response = await app.inject({ url: `/search?q=${encodeURIComponent(q)}` });
      expect([200, 400], q.slice(0, 40)).toContain(response.statusCode);
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await app.inject({ url: '/search?size=1000' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/search?from=yesterday' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/search?unknown=1' })).statusCode).toBe(400);
  });

  it('answers 503 quickly and accepts nothing while Redis is unreachable', async () => {
    const deadPort = await freePort();
    const dead = createRedis(`redis://127.0.0.1:${deadPort}`, { name: 'test:dead', role: 'producer' });
    dead.on('error', () => undefined);
    const app = await makeApp({}, dead);
    const started = Date.now();
    const response = await submit(app, ALICE);
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: 'unavailable' });
    expect(Date.now() - started).toBeLessThan(3_000);
    dead.disconnect();
  });
});
