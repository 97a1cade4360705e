/** The document as stored in Elasticsearch (the `articles` alias). */
export interface ArticleDocument {
  id: string;
  url: string;
  finalUrl: string;
  canonicalUrl?: string;
  domain: string;
  title: string;
  titleFull: string;
  body: string;
  lead: string;
  authors: string[];
  publishedAt?: string;
  modifiedAt?: string;
  fetchedAt: string;
  indexedAt: string;
  submittedAt: string;
  language: string;
  languageIso1?: string;
  languageConfidence: number;
  siteName?: string;
  description?: string;
  image?: string;
  section?: string;
  tags: string[];
  wordCount: number;
  /** Registrable domain of the fetched URL, for grouping an outlet's subdomains. */
  registrableDomain?: string;
  /** Ranked key terms, best first. */
  keywords: string[];
  /** Extractive summary: 2–3 sentences of the body in article order. */
  summary: string[];
  /** Entity names by type, and the countries they are in (ISO 3166-1 alpha-2). */
  people: string[];
  organizations: string[];
  places: string[];
  countries: string[];
  /** Canonical ids of every entity (see EnrichmentEntity.id): what one-click filters match in every language. */
  entityIds?: string[];
  /** Near-duplicate cluster: id of its first-seen article, whether this is it, similarity to it. */
  cluster: { id: string; isOriginal: boolean; similarity: number };
  /** Story across languages: id of its first-seen article, whether this is it (see Enrichment.story). */
  story?: { id: string; isOriginal: boolean };
  publisher?: { name: string; country: string; type: string; domain: string };
  readingTimeMinutes: number;
  httpStatus: number;
  versions: { extractor: string; detector: string; enricher: string };
  /** Title and body again under the detected language's analyzer (only when the cluster has it). */
  i18n?: Record<string, { title: string; body: string }>;
  titleSuggest?: string;
}
