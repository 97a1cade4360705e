import { describe, expect, it } from 'vitest';
import { articleMappings } from './mapping';
import { analyzerFor } from './capabilities';
import { buildSearchRequest } from './query';

describe('mapping adapts to what the cluster provides', () => {
  it('adds a per-language analysed copy of title and body only for analyzers the cluster has', () => {
    const full = articleMappings({ languageAnalyzers: ['english', 'german', 'cjk'], searchAsYouType: true });
    const i18n = (full.properties?.i18n as { properties: Record<string, { properties: Record<string, { analyzer: string }> }> }).properties;
    expect(Object.keys(i18n).sort()).toEqual(['cjk', 'english', 'german']);
    expect(i18n.german?.properties.body?.analyzer).toBe('german');
    expect(full.properties?.titleSuggest).toEqual({ type: 'search_as_you_type' });
    expect(full.dynamic).toBe('strict');

    const minimal = articleMappings({ languageAnalyzers: [], searchAsYouType: false });
    expect((minimal.properties?.i18n as { properties: object }).properties).toEqual({});
    expect((minimal.properties?.titleSuggest as { type: string }).type).toBe('completion');
    expect((minimal.properties?.body as { analyzer: string }).analyzer).toBe('standard');
  });

  it('routes a detected language to its analyzer, and unknown or unavailable ones to none', () => {
    expect(analyzerFor('deu', { languageAnalyzers: ['german'] })).toBe('german');
    expect(analyzerFor('jpn', { languageAnalyzers: ['cjk'] })).toBe('cjk');
    expect(analyzerFor('deu', { languageAnalyzers: [] })).toBeNull();
    expect(analyzerFor('und', { languageAnalyzers: ['english'] })).toBeNull();
  });

  it('searches and highlights the per-language fields as well as the standard ones', () => {
    const request = buildSearchRequest('articles', { q: 'Fähren', page: 1, size: 10, sort: 'relevance', facets: false });
    const query = JSON.stringify(request.query);
    expect(query).toContain('i18n.*.body');
    expect(query).toContain('i18n.*.title^3');
    expect(Object.keys(request.highlight?.fields ?? {})).toContain('i18n.*.body');
  });
});
