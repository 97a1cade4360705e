import { sourceDomain, type EnrichJob, type Enrichment, type EnrichmentEntity } from '@newsflow/contracts';
import type { CorpusStore } from './corpus-store';
import { countTerms, rankKeywords, wordWeights } from './keywords';
import { bandKeys, DEFAULT_MINHASH, MIN_SHINGLES, minHashSignature, shingleHashes, type MinHashParameters } from './near-duplicates/minhash';
import { registrableDomainOf, type PublisherDirectory } from './publishers';
import { storyEvidence } from './stories/evidence';
import type { StoryAssignment, StoryObservation } from './stories/store';
import { summarize } from './summary';
import { splitSentences } from './text/sentences';
import { stopwordsFor } from './text/stopwords';
import { tokenize } from './text/tokenize';

/** Recorded with every enrichment; bump it when any enrichment changes its output. */
export const ENRICHER_VERSION = 'newsflow-enrich/0.4';
const WORDS_PER_MINUTE = 230;
const MAX_ENTITIES = 200;

/** The entity extractor's interface (services/enricher/src/entities); `language` is ISO 639-3. */
export interface EntityExtractor {
  extract(text: string, language: string): EnrichmentEntity[];
}

export interface EnricherDeps {
  entities: EntityExtractor;
  corpus: CorpusStore;
  publishers: Pick<PublisherDirectory, 'lookup'>;
  minHash?: MinHashParameters;
  /** The story index (stories/store.ts RedisStoryIndex); without it enrichments carry no story. */
  stories?: { assign(observation: StoryObservation): Promise<StoryAssignment> };
}

/** The first paragraphs up to about maxChars, cut at a sentence end when possible. */
export function leadOf(body: string, maxChars = 300): string {
  // Only the opening is needed; normalising the whole body would cost more than the rest.
  const text = body.slice(0, maxChars * 3).replace(/\s+/g, ' ').trim();
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '), cut.lastIndexOf('。'));
  if (sentenceEnd > maxChars * 0.4) return cut.slice(0, sentenceEnd + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : maxChars)}…`;
}

/** Entities as the contract allows them: named, counted, and a bounded list. */
function acceptedEntities(entities: EnrichmentEntity[]): EnrichmentEntity[] {
  return entities
    .filter((entity) => entity.name.trim().length > 0 && entity.name.length <= 300 && entity.count >= 1 && entity.firstOffset >= 0)
    .sort((a, b) => b.count - a.count || a.firstOffset - b.firstOffset)
    .slice(0, MAX_ENTITIES)
    .map((entity) => ({
      ...(entity.id ? { id: entity.id.slice(0, 200) } : {}),
      name: entity.name.trim(),
      type: entity.type,
      count: Math.round(entity.count),
      firstOffset: Math.round(entity.firstOffset),
      ...(entity.countryCode && /^[A-Z]{2}$/.test(entity.countryCode) ? { countryCode: entity.countryCode } : {}),
      ...(entity.aliases?.length ? { aliases: entity.aliases.filter((alias) => alias.length <= 300).slice(0, 50) } : {}),
    }));
}

/**
 * The article's story: its evidence (entities, figures, names, image, publisher group) against
 * the story index, in the publication-time window of the article (fetch time when it has none).
 * A near-duplicate joins the story of the article it copies.
 */
async function storyOf(
  stories: NonNullable<EnricherDeps['stories']>,
  input: EnrichJob,
  entities: EnrichmentEntity[],
  publisherGroup: string | undefined,
  clusterId: string,
): Promise<Enrichment['story']> {
  const { article } = input;
  const evidence = storyEvidence(
    { title: article.title, body: article.body, ...(article.image ? { image: article.image } : {}), ...(publisherGroup ? { publisherGroup } : {}) },
    entities,
    input.language.code,
  );
  const publishedAt = Date.parse(article.publishedAt ?? input.fetch.fetchedAt);
  const assignment = await stories.assign({
    docId: input.docId,
    language: input.language.code,
    publishedAt: Number.isFinite(publishedAt) ? publishedAt : Date.now(),
    features: evidence.features,
    namesReadable: evidence.namesReadable,
    ...(clusterId !== input.docId ? { clusterId } : {}),
  });
  return { id: assignment.storyId, isOriginal: assignment.isOriginal, languages: assignment.languages.slice(0, 100) };
}

/** Builds the enrich function: article + language → keywords, summary, cluster, publisher, entities. */
export function createEnricher(deps: EnricherDeps): (input: EnrichJob) => Promise<Enrichment> {
  const minHash = deps.minHash ?? DEFAULT_MINHASH;
  return async (input) => {
    const { article, language } = input;
    const iso1 = language.iso1;
    const body = article.body;
    const bodyTokens = tokenize(body, iso1);
    const titleTokens = tokenize(article.title, iso1);
    const counts = countTerms([titleTokens, bodyTokens], stopwordsFor(iso1));

    const shingles = shingleHashes(
      bodyTokens.map((token) => token.term),
      minHash.shingleSize,
    );
    const signature = shingles.length >= MIN_SHINGLES ? minHashSignature(shingles, minHash) : null;
    const words = [...counts.words.keys()];
    const corpus = await deps.corpus.observe({
      docId: input.docId,
      language: language.code,
      words,
      signature,
      bands: signature ? bandKeys(signature, minHash) : [],
    });

    const entities = acceptedEntities(deps.entities.extract(body, language.code));
    const publisher = deps.publishers.lookup(input.fetch.finalUrl);
    const story = deps.stories ? await storyOf(deps.stories, input, entities, publisher?.name, corpus.cluster.id) : undefined;

    const weights = wordWeights(counts, corpus);
    const wordCount = bodyTokens.length;
    const registrableDomain = registrableDomainOf(input.fetch.finalUrl);
    return {
      domain: sourceDomain(input.fetch.finalUrl),
      ...(registrableDomain ? { registrableDomain } : {}),
      wordCount,
      readingTimeMinutes: Math.max(1, Math.round((wordCount / WORDS_PER_MINUTE) * 10) / 10),
      lead: leadOf(body),
      keywords: rankKeywords(counts, weights),
      summary: summarize(splitSentences(body, iso1), bodyTokens, weights),
      entities,
      cluster: corpus.cluster,
      ...(story ? { story } : {}),
      ...(publisher ? { publisher } : {}),
      enricher: ENRICHER_VERSION,
    };
  };
}
