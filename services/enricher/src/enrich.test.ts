import { describe, expect, it } from 'vitest';
import { Enrichment, type EnrichJob, type EnrichmentEntity } from '@newsflow/contracts';
import type { CorpusObservation, CorpusStore, CorpusView } from './corpus-store';
import { createEnricher, ENRICHER_VERSION, leadOf } from './enrich';
import { PublisherDirectory } from './publishers';
import type { StoryAssignment, StoryObservation } from './stories/store';

const BODY = [
  'North Korean leader Kim Jong Un met Chinese President Xi Jinping in Beijing on Thursday, state media reported.',
  'Kim Jong Un said the friendship between the two countries would remain unbreakable.',
  'The two leaders discussed trade, security and the situation on the Korean peninsula.',
  'Xi Jinping praised the long friendship and promised economic cooperation with Pyongyang.',
  'The meeting followed a military parade in Beijing that both leaders attended.',
  'Analysts said the visit showed closer ties between Beijing and Pyongyang.',
].join('\n\n');

function job(overrides: Partial<EnrichJob> = {}): EnrichJob {
  return {
    docId: 'a'.repeat(32),
    run: 1,
    url: 'https://sputnikglobe.com/20250905/kim-xi.html',
    submittedAt: '2025-09-05T10:00:00Z',
    fetch: { finalUrl: 'https://www.sputnikglobe.com/20250905/kim-xi.html', status: 200, fetchedAt: '2025-09-05T10:00:01Z', contentType: 'text/html', redirects: 0, bytes: 1000, htmlRef: 'ref', charset: 'utf-8' },
    article: { title: 'Kim Meets Xi in Beijing', titleFull: 'Kim Meets Xi in Beijing - Sputnik', body: BODY, authors: [], tags: [], extractor: 'test' },
    language: { code: 'eng', iso1: 'en', confidence: 0.99, detector: 'test' },
    ...overrides,
  };
}

/** Records what the enricher asks of the corpus and answers with fixed statistics. */
class RecordingCorpus implements CorpusStore {
  observations: CorpusObservation[] = [];
  async observe(observation: CorpusObservation): Promise<CorpusView> {
    this.observations.push(observation);
    return { documentCount: 50, documentFrequency: (word) => (word === 'beijing' ? 40 : 1), cluster: { id: 'b'.repeat(32), isOriginal: false, similarity: 0.82 } };
  }
}

const publishers = PublisherDirectory.fromData({ publishers: [{ domain: 'sputnikglobe.com', name: 'Sputnik', country: 'RU', type: 'state-affiliated' }] });

describe('enrich', () => {
  it('produces a complete enrichment that the contract accepts', async () => {
    const corpus = new RecordingCorpus();
    const languages: string[] = [];
    const entities = {
      extract: (text: string, language: string): EnrichmentEntity[] => {
        languages.push(language);
        return [
          { name: 'Kim Jong Un', type: 'person', count: 2, firstOffset: text.indexOf('Kim') },
          { name: 'Beijing', type: 'place', count: 3, firstOffset: text.indexOf('Beijing'), countryCode: 'CN' },
          { name: ' ', type: 'organization', count: 1, firstOffset: 0 },
        ];
      },
    };
    const enrichment = await createEnricher({ entities, corpus, publishers })(job());
    expect(Enrichment.parse(enrichment)).toEqual(enrichment);
    expect(enrichment.enricher).toBe(ENRICHER_VERSION);
    expect(enrichment.domain).toBe('sputnikglobe.com');
    expect(enrichment.registrableDomain).toBe('sputnikglobe.com');
    expect(enrichment.publisher).toEqual({ domain: 'sputnikglobe.com', name: 'Sputnik', country: 'RU', type: 'state-affiliated' });
    expect(enrichment.cluster).toEqual({ id: 'b'.repeat(32), isOriginal: false, similarity: 0.82 });
    expect(enrichment.keywords.length).toBeGreaterThanOrEqual(5);
    expect(enrichment.keywords.map((k) => k.term)).toContain('kim jong');
    // Beijing is in most documents of this corpus: it must not lead the key terms.
    expect(enrichment.keywords[0]?.term).not.toBe('beijing');
    expect(enrichment.summary.length).toBeGreaterThanOrEqual(2);
    expect(enrichment.summary[0]).toContain('North Korean leader Kim Jong Un met');
    expect(enrichment.entities.map((e) => e.name)).toEqual(['Beijing', 'Kim Jong Un']);
    expect(languages).toEqual(['eng']);
    expect(enrichment.wordCount).toBe(BODY.split(/\s+/).length);

    const [observation] = corpus.observations;
    expect(observation?.language).toBe('eng');
    expect(observation?.words).toContain('pyongyang');
    expect(observation?.words).not.toContain('the');
    expect(observation?.signature).toHaveLength(120);
    expect(observation?.bands).toHaveLength(40);
  });

  it('sends no signature for a text too short to compare, and has no publisher for unknown sites', async () => {
    const corpus = new RecordingCorpus();
    const short = job({
      fetch: { ...job().fetch, finalUrl: 'http://127.0.0.1:8080/a' },
      article: { ...job().article, body: 'Brief note.' },
    });
    const enrichment = await createEnricher({ entities: { extract: () => [] }, corpus, publishers })(short);
    expect(corpus.observations[0]?.signature).toBeNull();
    expect(corpus.observations[0]?.bands).toEqual([]);
    expect(enrichment.publisher).toBeUndefined();
    expect(enrichment.registrableDomain).toBeUndefined();
    expect(Enrichment.safeParse(enrichment).success).toBe(true);
  });

  it('cuts the lead at a sentence end', () => {
    const lead = leadOf(`${'First sentence is here. '.repeat(20)}`, 100);
    expect(lead.endsWith('here.')).toBe(true);
    expect(lead.length).toBeLessThanOrEqual(100);
  });
});

describe('enrich: stories', () => {
  it('asks the story index with the article’s evidence, time and cluster, and reports its answer', async () => {
    const observations: StoryObservation[] = [];
    const stories = {
      assign: async (observation: StoryObservation): Promise<StoryAssignment> => {
        observations.push(observation);
        return { storyId: 'c'.repeat(32), isOriginal: false, languages: ['eng', 'rus'], reason: 'matched', redisCalls: 2 };
      },
    };
    const entities = { extract: (): EnrichmentEntity[] => [{ id: 'person:kim-jong-un', name: 'Kim Jong Un', type: 'person', count: 2, firstOffset: 0 }] };
    const enrichment = await createEnricher({ entities, corpus: new RecordingCorpus(), publishers, stories })(job());
    expect(Enrichment.parse(enrichment)).toEqual(enrichment);
    expect(enrichment.story).toEqual({ id: 'c'.repeat(32), isOriginal: false, languages: ['eng', 'rus'] });
    const [observation] = observations;
    expect(observation).toMatchObject({ docId: 'a'.repeat(32), language: 'eng', publishedAt: Date.parse('2025-09-05T10:00:01Z'), clusterId: 'b'.repeat(32) });
    const keys = observation!.features.map((f) => f.key);
    expect(keys).toEqual(expect.arrayContaining(['e:person:kim-jong-un', 'p:sputnik']));
  });

  it('leaves the story out when no index is configured', async () => {
    const enrichment = await createEnricher({ entities: { extract: () => [] }, corpus: new RecordingCorpus(), publishers })(job());
    expect(enrichment.story).toBeUndefined();
  });
});
