import type { estypes } from '@elastic/elasticsearch';
import type { ClusterCapabilities } from './capabilities';

/** Bumped when the mapping changes incompatibly; a new version means a new index and a reindex. */
export const MAPPING_VERSION = 1;

const keyword = (ignoreAbove = 512): estypes.MappingProperty => ({ type: 'keyword', ignore_above: ignoreAbove });
const text = (analyzer = 'standard'): estypes.MappingProperty => ({ type: 'text', analyzer, index_options: 'offsets' });

/**
 * The article mapping. `dynamic: strict` so that no page can add fields (mapping explosion);
 * every field is declared here.
 */
export function articleMappings(capabilities: Pick<ClusterCapabilities, 'languageAnalyzers' | 'searchAsYouType'>): estypes.MappingTypeMapping {
  const i18n: Record<string, estypes.MappingProperty> = {};
  for (const analyzer of capabilities.languageAnalyzers) {
    i18n[analyzer] = { type: 'object', properties: { title: text(analyzer), body: text(analyzer) } };
  }
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
        fields: { raw: keyword(512) },
      },
      titleFull: { type: 'text', analyzer: 'standard' },
      titleSuggest: capabilities.searchAsYouType ? { type: 'search_as_you_type' } : { type: 'completion', analyzer: 'simple', max_input_length: 100 },
      body: text(),
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
      description: { type: 'text', analyzer: 'standard' },
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
