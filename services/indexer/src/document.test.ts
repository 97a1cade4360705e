import { describe, expect, it } from 'vitest';
import type { estypes } from '@elastic/elasticsearch';
import type { IndexJob } from '@newsflow/contracts';
import { articleMappings, chooseAnalysis } from '@newsflow/search';
import { toArticleDocument } from './document';

const job: IndexJob = {
  docId: 'c'.repeat(32),
  run: 1,
  url: 'https://sputnikglobe.com/20250905/kim.html',
  submittedAt: '2025-09-05T10:00:00Z',
  fetch: { finalUrl: 'https://sputnikglobe.com/20250905/kim.html', status: 200, fetchedAt: '2025-09-05T10:00:01Z', contentType: 'text/html', redirects: 0, bytes: 100, htmlRef: 'ref', charset: 'utf-8' },
  article: { title: 'Kim Meets Xi', titleFull: 'Kim Meets Xi - Sputnik', body: 'Body text.', authors: [], tags: [], extractor: 'x/1' },
  language: { code: 'eng', iso1: 'en', confidence: 0.9, detector: 'd/1' },
  enrichment: {
    domain: 'sputnikglobe.com',
    registrableDomain: 'sputnikglobe.com',
    wordCount: 2,
    readingTimeMinutes: 1,
    lead: 'Body text.',
    keywords: [
      { term: 'kim jong', score: 3 },
      { term: 'friendship', score: 2 },
    ],
    summary: ['Body text.'],
    entities: [
      { id: 'person:xi-jinping', name: 'Xi Jinping', type: 'person', count: 1, firstOffset: 40 },
      { name: 'Kim Jong Un', type: 'person', count: 3, firstOffset: 10 },
      { name: 'KCNA', type: 'organization', count: 1, firstOffset: 90 },
      { id: 'place:country:CN', name: 'China', type: 'place', count: 2, firstOffset: 50, countryCode: 'CN' },
      { name: 'Beijing', type: 'place', count: 1, firstOffset: 70, countryCode: 'CN' },
    ],
    cluster: { id: 'd'.repeat(32), isOriginal: false, similarity: 0.7 },
    story: { id: 'e'.repeat(32), isOriginal: false, languages: ['eng', 'rus'] },
    publisher: { name: 'Sputnik', country: 'RU', type: 'state-affiliated', domain: 'sputnikglobe.com' },
    enricher: 'newsflow-enrich/0.2',
  },
};

describe('toArticleDocument', () => {
  const document = toArticleDocument(job, chooseAnalysis(false, true), new Date('2025-09-05T10:00:02Z'));

  it('carries the enrichment into the document', () => {
    expect(document.keywords).toEqual(['kim jong', 'friendship']);
    expect(document.summary).toEqual(['Body text.']);
    expect(document.people).toEqual(['Kim Jong Un', 'Xi Jinping']);
    expect(document.organizations).toEqual(['KCNA']);
    expect(document.places).toEqual(['China', 'Beijing']);
    expect(document.countries).toEqual(['CN']);
    // Canonical ids from the enricher; entities of older enrichers get one from type and name.
    expect(document.entityIds).toEqual(['person:xi-jinping', 'person:kim-jong-un', 'org:kcna', 'place:country:CN', 'place:beijing']);
    expect(document.cluster).toEqual({ id: 'd'.repeat(32), isOriginal: false, similarity: 0.7 });
    // The story's languages grow as editions arrive; the document keeps the story's identity.
    expect(document.story).toEqual({ id: 'e'.repeat(32), isOriginal: false });
    // A job from an enricher before stories is a story of its own (collapse=story never folds it with others).
    const { story: _story, ...withoutStory } = job.enrichment;
    expect(toArticleDocument({ ...job, enrichment: withoutStory }, chooseAnalysis(false, true), new Date()).story).toEqual({ id: 'c'.repeat(32), isOriginal: true });
    expect(document.publisher).toMatchObject({ country: 'RU', type: 'state-affiliated' });
    expect(document.registrableDomain).toBe('sputnikglobe.com');
    expect(document.versions.enricher).toBe('newsflow-enrich/0.2');
  });

  it('writes the language copy under the key the mapping analyses for the detected language', () => {
    expect(document.i18n).toEqual({ english: { title: 'Kim Meets Xi', body: 'Body text.' } });
    const arabic = toArticleDocument({ ...job, language: { code: 'arb', iso1: 'ar', confidence: 0.9, detector: 'd/1' } }, chooseAnalysis(true, false), new Date());
    expect(Object.keys(arabic.i18n ?? {})).toEqual(['arabic']);
    const ukrainianOnDocker = toArticleDocument({ ...job, language: { code: 'ukr', iso1: 'uk', confidence: 0.9, detector: 'd/1' } }, chooseAnalysis(true, false), new Date());
    expect(ukrainianOnDocker.i18n).toBeUndefined();
  });

  it('uses only fields the strict mapping declares', () => {
    const properties = articleMappings({ ...chooseAnalysis(false, true), searchAsYouType: true }).properties!;
    const undeclared = (value: Record<string, unknown>, mapping: Record<string, estypes.MappingProperty>, path: string): string[] =>
      Object.entries(value).flatMap(([key, child]) => {
        const field = mapping[key];
        if (!field) return [`${path}${key}`];
        const nested = (field as { properties?: Record<string, estypes.MappingProperty> }).properties;
        return nested && child && typeof child === 'object' && !Array.isArray(child) ? undeclared(child as Record<string, unknown>, nested, `${path}${key}.`) : [];
      });
    expect(undeclared(document as unknown as Record<string, unknown>, properties, '')).toEqual([]);
  });
});
