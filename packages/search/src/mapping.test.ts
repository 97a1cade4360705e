import { describe, expect, it } from 'vitest';
import { articleAnalysisSettings, articleMappings, BUILTIN_FOLDING_ANALYZER } from './mapping';
import { analyzerFor, chooseAnalysis, LANGUAGE_ANALYSIS, LANGUAGE_ANALYZERS, languageAnalysis, languagesWithoutAnalyzer, PLUGIN_ANALYZERS } from './capabilities';
import { buildSearchRequest } from './query';

type Properties = Record<string, { analyzer?: string; fields?: Record<string, { analyzer: string }>; properties?: Record<string, { analyzer: string }> }>;
const i18nOf = (mapping: ReturnType<typeof articleMappings>): Properties => (mapping.properties?.i18n as { properties: Properties }).properties;

describe('language analysis adapts to what the cluster provides', () => {
  const builtin = chooseAnalysis(true, false);
  const plugin = chooseAnalysis(false, true);
  const both = chooseAnalysis(true, true);
  const none = chooseAnalysis(false, false);

  it('uses the built-in analyzers of analysis-common (full distribution, Docker image)', () => {
    expect(builtin.languageAnalyzers).toMatchObject({ russian: 'russian', german: 'german', arabic: 'arabic', cjk: 'cjk', korean: 'cjk' });
    // Polish and Ukrainian are separate Elasticsearch plugins, not analysis-common.
    expect(builtin.languageAnalyzers.polish).toBeUndefined();
    expect(languagesWithoutAnalyzer(builtin)).toEqual(expect.arrayContaining(['pol', 'ukr']));
    expect(builtin.neutralAnalysis).toBe('builtin');
    const mapping = articleMappings({ ...builtin, searchAsYouType: true });
    expect(i18nOf(mapping).russian?.properties?.body?.analyzer).toBe('russian');
    expect((mapping.properties?.body as Properties[string]).fields?.folded?.analyzer).toBe(BUILTIN_FOLDING_ANALYZER);
    const analysis = articleAnalysisSettings(builtin).analysis as { analyzer: Record<string, { filter: string[] }> };
    expect(analysis.analyzer[BUILTIN_FOLDING_ANALYZER]?.filter).toEqual(expect.arrayContaining(['asciifolding', 'cjk_bigram', 'newsflow_elision']));
  });

  it('uses the plugin analyzers where analysis-common is missing (test distribution + infra.sh)', () => {
    expect(plugin.languageAnalyzers).toMatchObject({ russian: 'newsflow_russian', ukrainian: 'newsflow_ukrainian', polish: 'newsflow_polish', cjk: 'newsflow_cjk', korean: 'newsflow_korean' });
    expect(languagesWithoutAnalyzer(plugin)).toEqual([]);
    expect(plugin.neutralAnalysis).toBe('plugin');
    const mapping = articleMappings({ ...plugin, searchAsYouType: false });
    expect(i18nOf(mapping).turkish?.properties?.title?.analyzer).toBe('newsflow_turkish');
    expect((mapping.properties?.title as Properties[string]).fields?.folded?.analyzer).toBe('newsflow_folding');
    expect(articleAnalysisSettings(plugin)).toEqual({});
    expect(mapping.dynamic).toBe('strict');
  });

  it('prefers built-ins where both exist and fills the gaps from the plugin', () => {
    expect(both.languageAnalyzers).toMatchObject({ russian: 'russian', polish: 'newsflow_polish', ukrainian: 'newsflow_ukrainian' });
    expect(both.neutralAnalysis).toBe('plugin');
  });

  it('keeps one i18n key per language on every cluster, so documents move between clusters', () => {
    expect(Object.keys(builtin.languageAnalyzers).every((key) => key in plugin.languageAnalyzers)).toBe(true);
    const standard = articleMappings({ ...none, searchAsYouType: false });
    expect(i18nOf(standard)).toEqual({});
    expect((standard.properties?.body as Properties[string]).fields?.folded?.analyzer).toBe('standard');
    expect((standard.properties?.titleSuggest as { type: string }).type).toBe('completion');
  });

  it('routes the individual codes the detector emits, and macrolanguages through their standard member', () => {
    expect(analyzerFor('arb', builtin)).toBe('arabic');
    expect(analyzerFor('ara', plugin)).toBe('arabic');
    expect(analyzerFor('cmn', plugin)).toBe('cjk');
    expect(analyzerFor('zho', builtin)).toBe('cjk');
    expect(analyzerFor('jpn', plugin)).toBe('cjk');
    expect(analyzerFor('pes', plugin)).toBe('persian');
    expect(analyzerFor('ekk', builtin)).toBe('estonian');
    expect(analyzerFor('lvs', builtin)).toBe('latvian');
    expect(analyzerFor('zsm', plugin)).toBe('indonesian');
    expect(analyzerFor('nno', plugin)).toBe('norwegian');
    expect(analyzerFor('ukr', builtin)).toBeNull();
    expect(analyzerFor('ukr', plugin)).toBe('ukrainian');
    expect(analyzerFor('deu', none)).toBeNull();
    expect(analyzerFor('und', plugin)).toBeNull();
    expect(languageAnalysis('yue')?.key).toBe('cjk');
  });

  it('names only analyzers that exist: built-ins of analysis-common, components of the plugin', () => {
    // The analysis-common language analyzers of Elasticsearch 9 (docs: "Language analyzers").
    const elastic = ['arabic', 'armenian', 'basque', 'bengali', 'brazilian', 'bulgarian', 'catalan', 'cjk', 'czech', 'danish', 'dutch', 'english', 'estonian', 'finnish', 'french', 'galician', 'german', 'greek', 'hindi', 'hungarian', 'indonesian', 'irish', 'italian', 'latvian', 'lithuanian', 'norwegian', 'persian', 'portuguese', 'romanian', 'russian', 'serbian', 'sorani', 'spanish', 'swedish', 'turkish', 'thai'];
    expect(LANGUAGE_ANALYZERS.filter((name) => !elastic.includes(name))).toEqual([]);
    expect(PLUGIN_ANALYZERS.every((name) => name.startsWith('newsflow_'))).toBe(true);
    expect(Object.keys(LANGUAGE_ANALYSIS).every((code) => /^[a-z]{3}$/.test(code))).toBe(true);
  });

  it('searches and highlights the neutral and the per-language fields, not the character-split standard ones', () => {
    const request = buildSearchRequest('articles', { q: 'Fähren', page: 1, size: 10, sort: 'relevance', facets: false });
    const fields = (request.query?.bool?.must as { simple_query_string: { fields: string[] } }[])[0]?.simple_query_string.fields;
    expect(fields).toEqual(['title.folded^3', 'body.folded', 'description.folded', 'i18n.*.title^3', 'i18n.*.body']);
    expect(Object.keys(request.highlight?.fields ?? {})).toEqual(expect.arrayContaining(['i18n.*.body', 'body.folded', 'title.folded']));
  });
});
