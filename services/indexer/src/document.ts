import { type ArticleDocument, type EnrichmentEntity, type IndexJob, entityId } from '@newsflow/contracts';
import { analyzerFor, type ClusterCapabilities } from '@newsflow/search';

/** Builds the Elasticsearch document from the last payload of the pipeline. */
export function toArticleDocument(job: IndexJob, capabilities: Pick<ClusterCapabilities, 'languageAnalyzers'>, now: Date): ArticleDocument {
  const { article, language, enrichment, fetch } = job;
  const analyzer = analyzerFor(language.code, capabilities);
  return {
    id: job.docId,
    url: job.url,
    finalUrl: fetch.finalUrl,
    ...(article.canonicalUrl ? { canonicalUrl: article.canonicalUrl } : {}),
    domain: enrichment.domain,
    title: article.title,
    titleFull: article.titleFull,
    titleSuggest: article.title.slice(0, 100),
    body: article.body,
    lead: enrichment.lead,
    authors: article.authors,
    ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}),
    ...(article.modifiedAt ? { modifiedAt: article.modifiedAt } : {}),
    fetchedAt: fetch.fetchedAt,
    indexedAt: now.toISOString(),
    submittedAt: job.submittedAt,
    language: language.code,
    ...(language.iso1 ? { languageIso1: language.iso1 } : {}),
    languageConfidence: language.confidence,
    ...(article.siteName ? { siteName: article.siteName } : {}),
    ...(article.description ? { description: article.description } : {}),
    ...(article.image ? { image: article.image } : {}),
    ...(article.section ? { section: article.section } : {}),
    tags: article.tags,
    wordCount: enrichment.wordCount,
    ...(enrichment.registrableDomain ? { registrableDomain: enrichment.registrableDomain } : {}),
    keywords: enrichment.keywords.map((keyword) => keyword.term),
    summary: enrichment.summary,
    people: entityNames(enrichment.entities, 'person'),
    organizations: entityNames(enrichment.entities, 'organization'),
    places: entityNames(enrichment.entities, 'place'),
    countries: [...new Set(enrichment.entities.flatMap((entity) => (entity.countryCode ? [entity.countryCode] : [])))],
    entityIds: [...new Set(enrichment.entities.map(entityIdOf))],
    cluster: enrichment.cluster,
    // The story's languages change as editions arrive; the document keeps what does not.
    // Jobs from enrichers before stories existed are a story of their own, so collapse=story
    // never folds such documents together.
    story: enrichment.story ? { id: enrichment.story.id, isOriginal: enrichment.story.isOriginal } : { id: job.docId, isOriginal: true },
    ...(enrichment.publisher ? { publisher: enrichment.publisher } : {}),
    readingTimeMinutes: enrichment.readingTimeMinutes,
    httpStatus: fetch.status,
    versions: { extractor: article.extractor, detector: language.detector, enricher: enrichment.enricher },
    ...(analyzer ? { i18n: { [analyzer]: { title: article.title, body: article.body } } } : {}),
  };
}

/**
 * Jobs enqueued by enrichers before ids existed (< newsflow-enrich/0.3) get an id from the type
 * and name; such a job cannot tell a country from a city in it (both carry a country code), so
 * countries keep their name-based id until the document is enriched again.
 */
function entityIdOf(entity: EnrichmentEntity): string {
  return entity.id ?? entityId(entity.type, entity.name);
}

/** Names of one entity type, most mentioned first (the order facets and readers care about). */
function entityNames(entities: EnrichmentEntity[], type: EnrichmentEntity['type']): string[] {
  return entities
    .filter((entity) => entity.type === type)
    .sort((a, b) => b.count - a.count || a.firstOffset - b.firstOffset)
    .map((entity) => entity.name);
}
