import type { estypes } from '@elastic/elasticsearch';
import type { ClusterCapabilities } from './capabilities';

/** Bumped when the mapping changes incompatibly; a new version means a new index and a reindex. */
export const MAPPING_VERSION = 1;

const keyword = (ignoreAbove = 512): estypes.MappingProperty => ({ type: 'keyword', ignore_above: ignoreAbove });
const text = (analyzer = 'standard'): estypes.MappingProperty => ({ type: 'text', analyzer, index_options: 'offsets' });

/** The custom analyzer of the neutral copy on clusters with analysis-common but without the plugin. */
export const BUILTIN_FOLDING_ANALYZER = 'newsflow_folding_builtin';

/** The analyzer of the language-neutral copy on this cluster (see `NeutralAnalysis`). */
export function neutralAnalyzer(capabilities: Pick<ClusterCapabilities, 'neutralAnalysis'>): string {
  return { plugin: 'newsflow_folding', builtin: BUILTIN_FOLDING_ANALYZER, standard: 'standard' }[capabilities.neutralAnalysis];
}

/**
 * Index analysis settings: only the built-in-filters case needs a custom analyzer. It mirrors the
 * plugin's newsflow_folding with analysis-common's filters: elision (l'Europe → europe), CJK
 * bigrams (the standard tokenizer splits Han into characters; bigrams keep 北京 from matching
 * 北 … 京 apart), ASCII folding (Erdoğan → erdogan).
 */
export function articleAnalysisSettings(capabilities: Pick<ClusterCapabilities, 'neutralAnalysis'>): estypes.IndicesIndexSettings {
  if (capabilities.neutralAnalysis !== 'builtin') return {};
  return {
    analysis: {
      filter: {
        newsflow_elision: {
          type: 'elision',
          articles_case: true,
          articles: ['l', 'm', 't', 'qu', 'n', 's', 'j', 'd', 'c', 'jusqu', 'quoiqu', 'lorsqu', 'puisqu', 'all', 'dall', 'dell', 'nell', 'sull', 'coll', 'pell', 'gl', 'agl', 'dagl', 'degl', 'negl', 'sugl', 'un'],
        },
      },
      analyzer: {
        [BUILTIN_FOLDING_ANALYZER]: { type: 'custom', tokenizer: 'standard', filter: ['cjk_width', 'lowercase', 'newsflow_elision', 'cjk_bigram', 'asciifolding'] },
      },
    },
  };
}

/**
 * The article mapping. `dynamic: strict` so that no page can add fields (mapping explosion);
 * every field is declared here.
 *
 * Text is indexed three ways: the standard analyzer (`title`, `body`: more-like-this and older
 * indices), a language-neutral folded copy (`*.folded` multi-fields, every document, every
 * language) and, when the cluster can analyse the document's language, a stemmed copy in
 * `i18n.<key>` that the indexer writes.
 */
export function articleMappings(capabilities: Pick<ClusterCapabilities, 'languageAnalyzers' | 'neutralAnalysis' | 'searchAsYouType'>): estypes.MappingTypeMapping {
  const i18n: Record<string, estypes.MappingProperty> = {};
  for (const [key, analyzer] of Object.entries(capabilities.languageAnalyzers)) {
    i18n[key] = { type: 'object', properties: { title: text(analyzer), body: text(analyzer) } };
  }
  const folded = text(neutralAnalyzer(capabilities));
  return {
    dynamic: 'strict',
    properties: {
      id: keyword(64),
      url: keyword(2048),
      finalUrl: { type: 'keyword', index: false },
      canonicalUrl: keyword(2048),
      domain: keyword(256),
      title: {
        type: 'text',
        analyzer: 'standard',
        index_options: 'offsets',
        fields: { raw: keyword(512), folded },
      },
      titleFull: { type: 'text', analyzer: 'standard' },
      titleSuggest: capabilities.searchAsYouType ? { type: 'search_as_you_type' } : { type: 'completion', analyzer: 'simple', max_input_length: 100 },
      body: { ...text(), fields: { folded } },
      lead: { type: 'text', index: false },
      i18n: { type: 'object', properties: i18n },
      authors: keyword(300),
      publishedAt: { type: 'date' },
      modifiedAt: { type: 'date' },
      fetchedAt: { type: 'date' },
      indexedAt: { type: 'date' },
      submittedAt: { type: 'date' },
      language: keyword(8),
      languageIso1: keyword(8),
      languageConfidence: { type: 'float' },
      siteName: keyword(300),
      description: { type: 'text', analyzer: 'standard', fields: { folded } },
      image: { type: 'keyword', index: false },
      section: keyword(200),
      tags: keyword(200),
      wordCount: { type: 'integer' },
      registrableDomain: keyword(256),
      keywords: keyword(200),
      summary: { type: 'text', analyzer: 'standard' },
      people: keyword(300),
      organizations: keyword(300),
      places: keyword(300),
      countries: keyword(2),
      entityIds: keyword(200),
      cluster: {
        type: 'object',
        properties: { id: keyword(64), isOriginal: { type: 'boolean' }, similarity: { type: 'float' } },
      },
      story: {
        type: 'object',
        properties: { id: keyword(64), isOriginal: { type: 'boolean' } },
      },
      publisher: {
        type: 'object',
        properties: { name: keyword(200), country: keyword(2), type: keyword(32), domain: keyword(256) },
      },
      readingTimeMinutes: { type: 'float' },
      httpStatus: { type: 'short' },
      versions: {
        type: 'object',
        properties: { extractor: keyword(64), detector: keyword(64), enricher: keyword(64) },
      },
    },
  };
}

export const articleSettings: estypes.IndicesIndexSettings = {
  number_of_shards: 1,
  number_of_replicas: 0,
  refresh_interval: '1s',
  // A second guard against mapping explosion, should strict mapping ever be relaxed.
  'mapping.total_fields.limit': 1000,
  'highlight.max_analyzed_offset': 1_000_000,
};
