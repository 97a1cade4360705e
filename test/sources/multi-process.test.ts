import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { identifyUrl } from '@newsflow/contracts';
import { cleanupNamespace, uniqueName } from '../support/pipeline';
import { createHarness, rss, startDiscoveryProcess, startFeedServer, stopDiscoveryProcess, waitFor, type DiscoveryProcess, type FeedServer, type Harness } from './support';

describe('discovery: two processes polling on a schedule (real Redis, BullMQ job schedulers)', () => {
  const redisUrl = inject('redisUrl');
  const elasticsearchUrl = inject('elasticsearchUrl');
  const prefix = uniqueName('srcmulti');
  let server: FeedServer;
  let harness: Harness;
  const processes: DiscoveryProcess[] = [];
  /** Every article URL the feed has listed, in any response. */
  const served = new Set<string>();
  let requests = 0;

  beforeAll(async () => {
    server = await startFeedServer((path, _req, res) => {
      if (path !== '/moving.xml') return false;
      requests++;
      // Each response lists three more articles than the last, and repeats the older ones
      // under other spellings, so only a correct seen-set keeps the count exact.
      const items = Array.from({ length: 3 * requests }, (_, i) => {
        const base = `${server.origin}/moving/${i}`;
        return { url: i < 3 * (requests - 1) && i % 2 === 0 ? `${base}?utm_source=feed&utm_term=${requests}` : base, title: `Moving ${i}` };
      });
      for (const item of items) served.add(identifyUrl(item.url).url);
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items));
      return true;
    });
    harness = await createHarness(redisUrl, prefix, `${server.host}:${server.port}`);
    const env = { REDIS_URL: redisUrl, NEWSFLOW_QUEUE_PREFIX: prefix, NEWSFLOW_FETCH_ALLOW: `${server.host}:${server.port}`, LOG_LEVEL: 'info' };
    processes.push(startDiscoveryProcess(env), startDiscoveryProcess(env));
    await waitFor('both discovery processes to start', async () => processes.every((p) => p.output().includes('discovery worker started')), 60_000);
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopDiscoveryProcess(p)));
    await harness?.close();
    await server?.close();
    await cleanupNamespace(redisUrl, elasticsearchUrl, prefix, prefix);
  });

  it('submits every new article exactly once across three polls', async () => {
    const { source } = await harness.registry.add({ url: `${server.origin}/moving.xml`, intervalSeconds: 1, refetchUpdated: false, backfill: true });
    await waitFor('three polls', async () => {
      const record = await harness.registry.get(source.id);
      return requests >= 3 && record?.lastPoll && Date.parse(record.lastPoll.at) > 0 && record.totalSubmitted >= 9;
    }, 60_000, 100);
    await harness.registry.setState(source.id, 'paused');
    // Let a poll that started before the pause finish.
    await waitFor('the last poll to finish', async () => (await harness.redis.exists(`${prefix}:source:${source.id}:lock`)) === 0, 20_000, 100);
    await new Promise((r) => setTimeout(r, 500));

    const jobs = await harness.fetchJobs();
    const ids = jobs.map((j) => j.docId);
    expect(requests).toBeGreaterThanOrEqual(3);
    expect(served.size).toBe(3 * requests);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(jobs.map((j) => j.url))).toEqual(served);
    expect(jobs.every((j) => j.run === 1)).toBe(true);
    const record = await harness.registry.get(source.id);
    expect(record?.totalSubmitted).toBe(served.size);
    expect(await harness.registry.seenCount(source.id)).toBe(served.size);

    const logs = processes.map((p) => p.output());
    const polls = logs.map((log) => (log.match(/source polled/g) ?? []).length);
    expect(polls.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
  });
});
