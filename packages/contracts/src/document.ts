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
  readingTimeMinutes: number;
  httpStatus: number;
  versions: { extractor: string; detector: string; enricher: string };
  /** Title and body again under the detected language's analyzer (only when the cluster has it). */
  i18n?: Record<string, { title: string; body: string }>;
  titleSuggest?: string;
}
