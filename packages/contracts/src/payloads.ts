import { z } from 'zod';
import { QUEUE, type StageName } from './queues';

/**
 * Each stage adds one section to the item; the payload of a queue is everything gathered so far.
 * Raw HTML never rides in a payload: the fetcher stores it once and passes `htmlRef`.
 */

const isoDate = z.iso.datetime({ offset: true });

/** Hints that came with the URL (e.g. from a feed), used by the cleaner when the page lacks them. */
export const SubmissionHints = z
  .object({
    title: z.string().max(1000).optional(),
    publishedAt: isoDate.optional(),
    authors: z.array(z.string().max(300)).max(50).optional(),
    source: z.string().max(200).optional(),
    /** Feed categories or news-sitemap keywords; a fallback for the article's tags. */
    categories: z.array(z.string().max(200)).max(50).optional(),
  })
  .strict();
export type SubmissionHints = z.infer<typeof SubmissionHints>;

export const FetchJob = z
  .object({
    docId: z.string().regex(/^[0-9a-f]{32}$/),
    /** Which processing run of this URL the job belongs to; a re-submission starts a new run. */
    run: z.number().int().min(1),
    url: z.url(),
    submittedAt: isoDate,
    hints: SubmissionHints.optional(),
  })
  .strict();
export type FetchJob = z.infer<typeof FetchJob>;

export const FetchResult = z
  .object({
    finalUrl: z.url(),
    status: z.number().int(),
    fetchedAt: isoDate,
    contentType: z.string().max(300),
    contentLanguage: z.string().max(100).optional(),
    etag: z.string().max(500).optional(),
    lastModified: z.string().max(100).optional(),
    redirects: z.number().int().min(0),
    bytes: z.number().int().min(0),
    /** Key of the stored page (compressed HTML). Expires; see HTML_TTL in the runtime package. */
    htmlRef: z.string().max(300),
    /** Charset the bytes were decoded with. */
    charset: z.string().max(50),
  })
  .strict();
export type FetchResult = z.infer<typeof FetchResult>;

export const Dateline = z.object({ place: z.string(), agency: z.string().optional(), date: z.string().optional() }).strict();

export const Article = z
  .object({
    title: z.string(),
    /** The title as the page gives it, site-name suffix included. */
    titleFull: z.string(),
    body: z.string(),
    authors: z.array(z.string()),
    publishedAt: isoDate.optional(),
    modifiedAt: isoDate.optional(),
    canonicalUrl: z.string().optional(),
    siteName: z.string().optional(),
    description: z.string().optional(),
    image: z.string().optional(),
    section: z.string().optional(),
    tags: z.array(z.string()),
    declaredLanguage: z.string().optional(),
    dateline: Dateline.optional(),
    extractor: z.string(),
  })
  .strict();
export type Article = z.infer<typeof Article>;

export const LanguageResult = z
  .object({
    /** ISO 639-3, or "und" when the evidence is too weak. */
    code: z.string().min(3).max(3),
    /** ISO 639-1 where one exists. */
    iso1: z.string().length(2).optional(),
    confidence: z.number().min(0).max(1),
    runnerUp: z.string().optional(),
    reason: z.string().optional(),
    detector: z.string(),
  })
  .strict();
export type LanguageResult = z.infer<typeof LanguageResult>;

export const EntityType = z.enum(['person', 'organization', 'place']);

/** A named entity found in the article (see services/enricher/src/entities). */
export const EnrichmentEntity = z
  .object({
    /**
     * Canonical, language-independent id ("person:xi-jinping", "place:country:CN"): the same
     * entity has the same id in every language. Optional only for jobs enqueued by enrichers
     * older than newsflow-enrich/0.3.
     */
    id: z.string().min(1).max(200).optional(),
    /** Display name, the same in every language for one id. */
    name: z.string().min(1).max(300),
    type: EntityType,
    count: z.number().int().min(1),
    /** Character offset of the first mention in the body. */
    firstOffset: z.number().int().min(0),
    /** ISO 3166-1 alpha-2, for places that are (or lie in) a country. */
    countryCode: z.string().regex(/^[A-Z]{2}$/).optional(),
    aliases: z.array(z.string().max(300)).max(50).optional(),
  })
  .strict();
export type EnrichmentEntity = z.infer<typeof EnrichmentEntity>;

export const Keyword = z
  .object({
    /** Lower-cased term: one word, or a two-word phrase. */
    term: z.string().min(1).max(200),
    /** TF-IDF against the corpus document frequencies; comparable within one article only. */
    score: z.number().min(0),
  })
  .strict();
export type Keyword = z.infer<typeof Keyword>;

export const PUBLISHER_TYPES = ['wire', 'newspaper', 'broadcaster', 'magazine', 'online', 'state-affiliated', 'government'] as const;
export const PublisherType = z.enum(PUBLISHER_TYPES);
export type PublisherType = z.infer<typeof PublisherType>;

/** Facts about the outlet, from the user-extendable data/publishers.json. */
export const Publisher = z
  .object({
    name: z.string().min(1).max(200),
    /** ISO 3166-1 alpha-2 of the country the outlet is based in (or, for state media, serves). */
    country: z.string().regex(/^[A-Z]{2}$/),
    type: PublisherType,
    /** The directory entry that matched (a registrable domain, or a more specific host). */
    domain: z.string().min(1).max(253),
  })
  .strict();
export type Publisher = z.infer<typeof Publisher>;

/** Where the article stands among near-copies of one story (MinHash/LSH over the whole corpus). */
export const NearDuplicateCluster = z
  .object({
    /** Document id of the first-seen article of the cluster; an article that matches nothing is its own cluster. */
    id: z.string().regex(/^[0-9a-f]{32}$/),
    /** True for the cluster's first-seen article, false for copies (reprints, wire copy, edits). */
    isOriginal: z.boolean(),
    /** Estimated Jaccard similarity of word shingles to the cluster's first-seen article (1 for it). */
    similarity: z.number().min(0).max(1),
  })
  .strict();
export type NearDuplicateCluster = z.infer<typeof NearDuplicateCluster>;

/**
 * The story the article belongs to: the article and its translations and other language
 * editions (services/enricher/src/stories), one level above the near-duplicate cluster.
 */
export const StoryRef = z
  .object({
    /** Document id of the story's first-seen article; an article that matches nothing is its own story. */
    id: z.string().regex(/^[0-9a-f]{32}$/),
    /** True for the story's first-seen article. */
    isOriginal: z.boolean(),
    /** ISO 639-3 languages the story has been seen in so far, this article's included. */
    languages: z.array(z.string().min(3).max(3)).max(100).optional(),
  })
  .strict();
export type StoryRef = z.infer<typeof StoryRef>;

export const Enrichment = z
  .object({
    domain: z.string(),
    /** Registrable domain of the fetched URL (edition.cnn.com → cnn.com); absent for IP hosts. */
    registrableDomain: z.string().max(253).optional(),
    wordCount: z.number().int().min(0),
    readingTimeMinutes: z.number().min(0),
    lead: z.string(),
    /** 5–15 ranked key terms (fewer only when the text has fewer distinct content words). */
    keywords: z.array(Keyword).max(15),
    /** 2–3 sentences of the body, in article order (fewer only for very short articles). */
    summary: z.array(z.string()).max(3),
    entities: z.array(EnrichmentEntity),
    cluster: NearDuplicateCluster,
    /** Absent for enrichers before newsflow-enrich/0.4 and when no story index is configured. */
    story: StoryRef.optional(),
    publisher: Publisher.optional(),
    enricher: z.string(),
  })
  .strict();
export type Enrichment = z.infer<typeof Enrichment>;

export const CleanJob = FetchJob.extend({ fetch: FetchResult }).strict();
export type CleanJob = z.infer<typeof CleanJob>;

export const LangdetectJob = CleanJob.extend({ article: Article }).strict();
export type LangdetectJob = z.infer<typeof LangdetectJob>;

export const EnrichJob = LangdetectJob.extend({ language: LanguageResult }).strict();
export type EnrichJob = z.infer<typeof EnrichJob>;

export const IndexJob = EnrichJob.extend({ enrichment: Enrichment }).strict();
export type IndexJob = z.infer<typeof IndexJob>;

/** The runtime schema of each queue's payload, checked at every boundary. */
export const PAYLOAD_SCHEMAS = Object.freeze({
  [QUEUE.fetch]: FetchJob,
  [QUEUE.clean]: CleanJob,
  [QUEUE.langdetect]: LangdetectJob,
  [QUEUE.enrich]: EnrichJob,
  [QUEUE.index]: IndexJob,
});

export interface StagePayloads {
  fetch: FetchJob;
  clean: CleanJob;
  langdetect: LangdetectJob;
  enrich: EnrichJob;
  index: IndexJob;
}

export type PayloadOf<S extends StageName> = StagePayloads[S];

export function payloadSchema<S extends StageName>(stage: S): z.ZodType<StagePayloads[S]> {
  return PAYLOAD_SCHEMAS[QUEUE[stage]] as unknown as z.ZodType<StagePayloads[S]>;
}

/** What each stage returns to the adapter: the payload for the next queue, or the final result. */
export interface StageOutputs {
  fetch: CleanJob;
  clean: LangdetectJob;
  langdetect: EnrichJob;
  enrich: IndexJob;
  index: { documentId: string; result: 'created' | 'updated' | 'noop' };
}
