import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Redis } from 'ioredis';
import { Client } from '@elastic/elasticsearch';
import { identifyUrl, type ArticleDocument, type EnrichJob } from '@newsflow/contracts';
import { StatusLedger, createQueues } from '@newsflow/runtime';
import { cleanupNamespace, startService, stopProcess, uniqueName, type RunningProcess } from '../support/pipeline';

/**
 * The enricher and the indexer as processes, against real Redis and Elasticsearch. Jobs enter
 * at the enrich queue with the payload langdetect would have produced, so the articles can come
 * from real outlets' domains (the fetcher only reaches loopback in tests).
 */

// Written for this test: one wire story, two republished versions of it, one unrelated story.
const WIRE_STORY = [
  'Harbour workers in the port city of Valmora ended a nine-day strike on Tuesday after union leaders accepted a pay offer that raises wages by seven percent over two years.',
  'The stoppage had left more than forty container ships waiting at anchor and delayed deliveries of fuel and grain to inland towns, the port authority said.',
  'Union spokeswoman Adela Varga told reporters that members had voted by a large majority to return to work from the evening shift.',
  'The agreement also limits night shifts to four a week and funds a new training centre for crane operators, according to a copy of the deal seen by reporters.',
  'Port director Tomas Lind said it would take about ten days to clear the backlog of ships and that extra shifts would run through the weekend.',
  'Shipping companies had warned that the strike was costing them several million euros a day in fees and lost business.',
  'The regional government, which had offered to mediate last week, welcomed the deal and said it would review safety rules at the harbour before the end of the year.',
  'Economists said the strike was unlikely to have a lasting effect on regional growth but had pushed up prices of some imported goods.',
];

const REPRINT = [
  'Harbour workers in the port city of Valmora ended a nine-day strike on Tuesday after union leaders accepted a pay offer that raises wages by seven percent over two years.',
  'The stoppage had left more than forty container ships waiting at anchor and delayed deliveries of fuel and grain to inland towns, the port authority said on Tuesday.',
  'Union spokeswoman Adela Varga told reporters that members had voted by a large majority to return to work from the evening shift.',
  'The agreement also limits night shifts to four a week and funds a new training centre for crane operators, according to a copy of the deal seen by reporters.',
  'Port director Tomas Lind said it would take about ten days to clear the backlog of ships and that extra shifts would run through the weekend.',
  'Local shop owners near the docks said business had fallen sharply during the dispute.',
  'The regional government, which had offered to mediate last week, welcomed the deal and said it would review safety rules at the harbour before the end of the year.',
  'Economists said the strike was unlikely to have a lasting effect on regional growth but had pushed up prices of some imported goods.',
  'Subscribe to our newsletter for the latest news from the region. All rights reserved.',
];

const EDITED = [
  'Port workers in Valmora ended a nine-day strike on Tuesday after union leaders accepted a pay offer that raises wages by seven percent over two years.',
  'Port director Tomas Lind said it would take about ten days to clear the backlog of ships and that extra shifts would run through the weekend.',
  'The stoppage had left more than forty container ships waiting at anchor and delayed deliveries of fuel and grain to inland towns, the port authority said.',
  'Union spokeswoman Adela Varga told reporters that members had voted by a large majority to return to work from the evening shift.',
  'The agreement also limits night shifts to four a week and funds a new training centre for crane operators, according to a copy of the deal.',
  'Shipping companies had warned that the strike was costing them several million euros a day in fees and lost business.',
  'The regional government welcomed the deal and said it would review safety rules at the harbour before the end of the year.',
];

const UNRELATED = [
  'A team of astronomers has found a small rocky planet orbiting a nearby red dwarf star at a distance where liquid water could exist on its surface.',
  'The planet, about one and a half times the size of Earth, was detected by measuring tiny dips in the light of the star as the planet passed in front of it.',
  'The researchers said the star is quiet compared with many red dwarfs, which often blast their planets with flares that could strip away an atmosphere.',
  'Follow-up observations with larger telescopes are planned for next spring to look for signs of water vapour in the planet atmosphere.',
  'Scientists not involved in the study called the discovery one of the most promising targets yet found for the search for habitable worlds.',
  'The findings were published on Wednesday in a peer-reviewed astronomy journal.',
];

interface Story {
  url: string;
  title: string;
  sentences: string[];
}

const STORIES: Story[] = [
  { url: 'https://sputnikglobe.com/20251127/valmora-port-strike-ends.html', title: 'Valmora Port Strike Ends After Pay Deal', sentences: WIRE_STORY },
  { url: 'https://edition.cnn.com/2025/11/27/europe/valmora-port-strike', title: 'Valmora dock strike over as workers accept raise', sentences: REPRINT },
  { url: 'https://www.example-daily.test/news/valmora-strike', title: 'Strike ends in Valmora port', sentences: EDITED },
  { url: 'https://www.reuters.com/science/rocky-planet-red-dwarf', title: 'Astronomers find rocky planet in habitable zone of nearby star', sentences: UNRELATED },
];

function payload(story: Story, docId: string, run: number): EnrichJob {
  const now = new Date().toISOString();
  return {
    docId,
    run,
    url: story.url,
    submittedAt: now,
    fetch: { finalUrl: story.url, status: 200, fetchedAt: now, contentType: 'text/html; charset=utf-8', redirects: 0, bytes: 20_000, htmlRef: 'unused-by-enricher', charset: 'utf-8' },
    article: { title: story.title, titleFull: story.title, body: story.sentences.join('\n\n'), authors: [], tags: [], extractor: 'integration-test' },
    language: { code: 'eng', iso1: 'en', confidence: 0.99, detector: 'integration-test' },
  };
}

describe('enricher → indexer with real Redis and Elasticsearch', () => {
  const prefix = uniqueName('enrich');
  let redis: Redis;
  let es: Client;
  let ledger: StatusLedger;
  let queues: ReturnType<typeof createQueues>;
  let services: RunningProcess[] = [];

  beforeAll(() => {
    const env = {
      REDIS_URL: inject('redisUrl'),
      ELASTICSEARCH_URL: inject('elasticsearchUrl'),
      NEWSFLOW_QUEUE_PREFIX: prefix,
      NEWSFLOW_INDEX_ALIAS: prefix,
      NEWSFLOW_INDEX_REFRESH: 'wait_for',
      LOG_LEVEL: 'info',
    };
    services = [startService('enricher', env), startService('indexer', env)];
    redis = new Redis(inject('redisUrl'));
    es = new Client({ node: inject('elasticsearchUrl') });
    ledger = new StatusLedger(redis, prefix);
    queues = createQueues(redis, prefix);
  });

  afterAll(async () => {
    await Promise.all(services.map((service) => stopProcess(service)));
    await Promise.all(Object.values(queues ?? {}).map((queue) => queue.close()));
    redis?.disconnect();
    await es?.close();
    await cleanupNamespace(inject('redisUrl'), inject('elasticsearchUrl'), prefix, prefix);
  });

  const logs = (): string => services.map((s) => `----- ${s.name}\n${s.output().slice(-6_000)}`).join('\n');

  async function enrichAndIndex(story: Story): Promise<string> {
    const { url, id } = identifyUrl(story.url);
    const begun = await ledger.beginRun(id, url, new Date(), { force: true });
    await queues.enrich.add('enrich', payload(story, id, begun.run), { jobId: `${id}-${begun.run}` });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const status = await ledger.get(id);
      if (status?.run === begun.run && status.state === 'done') return id;
      if (status?.state === 'failed') throw new Error(`${story.url} failed: ${JSON.stringify(status.error)}\n${logs()}`);
      if (Date.now() > deadline) throw new Error(`${story.url} not indexed in time (${status?.stage}/${status?.state})\n${logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function documentOf(id: string): Promise<ArticleDocument> {
    const response = await es.get<ArticleDocument>({ index: prefix, id });
    return response._source!;
  }

  it('indexes three near-copies as one cluster, the unrelated story apart, with publisher facts', async () => {
    // The wire story first, so that it is the cluster's original; then the others together.
    const originalId = await enrichAndIndex(STORIES[0]!);
    const otherIds = await Promise.all(STORIES.slice(1).map((story) => enrichAndIndex(story)));
    const [reprintId, editedId, unrelatedId] = otherIds as [string, string, string];

    await es.indices.refresh({ index: prefix });
    const clusters = await es.search({
      index: prefix,
      size: 0,
      aggs: { clusters: { terms: { field: 'cluster.id', size: 10 } } },
    });
    const buckets = (clusters.aggregations?.clusters as { buckets: { key: string; doc_count: number }[] }).buckets;
    expect(buckets.map((b) => b.doc_count).sort()).toEqual([1, 3]);
    expect(buckets.find((b) => b.doc_count === 3)?.key).toBe(originalId);

    const original = await documentOf(originalId);
    expect(original.cluster).toEqual({ id: originalId, isOriginal: true, similarity: 1 });
    expect(original.publisher).toEqual({ name: 'Sputnik', country: 'RU', type: 'state-affiliated', domain: 'sputnikglobe.com' });
    expect(original.keywords.length).toBeGreaterThanOrEqual(5);
    expect(original.keywords.some((k) => k.includes('strike') || k.includes('valmora'))).toBe(true);
    expect(original.summary.length).toBeGreaterThanOrEqual(2);
    expect(original.versions.enricher).toMatch(/^newsflow-enrich\//);

    for (const copyId of [reprintId, editedId]) {
      const copy = await documentOf(copyId);
      expect(copy.cluster.id).toBe(originalId);
      expect(copy.cluster.isOriginal).toBe(false);
      expect(copy.cluster.similarity).toBeGreaterThan(0.3);
      expect(copy.cluster.similarity).toBeLessThan(1);
    }
    const reprint = await documentOf(reprintId);
    expect(reprint.publisher).toMatchObject({ name: 'CNN', country: 'US', domain: 'cnn.com' });
    expect(reprint.registrableDomain).toBe('cnn.com');
    expect((await documentOf(editedId)).publisher).toBeUndefined();

    // Near-copies are one story too (a story is one level above clusters); the unrelated article
    // is a story of its own.
    expect(original.story).toEqual({ id: originalId, isOriginal: true });
    for (const copyId of [reprintId, editedId]) expect((await documentOf(copyId)).story).toEqual({ id: originalId, isOriginal: false });

    const unrelated = await documentOf(unrelatedId);
    expect(unrelated.cluster).toEqual({ id: unrelatedId, isOriginal: true, similarity: 1 });
    expect(unrelated.story).toEqual({ id: unrelatedId, isOriginal: true });
    expect(unrelated.publisher).toMatchObject({ name: 'Reuters', type: 'wire' });

    // Copies of a story are found by filtering on the cluster.
    const copies = await es.search({ index: prefix, query: { bool: { filter: [{ term: { 'cluster.id': originalId } }, { term: { 'cluster.isOriginal': false } }] } } });
    expect(copies.hits.hits.map((hit) => hit._id).sort()).toEqual([reprintId, editedId].sort());

    // Re-submitting the original is not a duplicate of itself: same cluster, still the original.
    await enrichAndIndex(STORIES[0]!);
    expect((await documentOf(originalId)).cluster).toEqual({ id: originalId, isOriginal: true, similarity: 1 });
    expect((await documentOf(originalId)).story).toEqual({ id: originalId, isOriginal: true });
  });
});
