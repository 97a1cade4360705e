import type { Client, estypes } from '@elastic/elasticsearch';
import type { ArticleDocument } from '@newsflow/contracts';

/** Filters users can combine; each multi-valued filter matches any of its values. */
export interface SearchFilters {
  lang?: string[];
  domain?: string[];
  publisher?: string[];
  /** ISO 3166-1 alpha-2 country the story is about (from its entities). */
  country?: string[];
  /** Country of the publisher. */
  publisherCountry?: string[];
  person?: string[];
  org?: string[];
  place?: string[];
  keyword?: string[];
  cluster?: string[];
  /** Story across languages (an article id): the article and its translations. */
  story?: string[];
  from?: string;
  to?: string;
}

export interface SearchParams extends SearchFilters {
  q?: string;
  page: number;
  size: number;
  sort: 'relevance' | 'date';
  /** Opaque cursor from a previous page's `next`: stable deep pagination (search_after). */
  after?: string;
  /**
   * One hit per near-duplicate cluster (with the number of copies), or per story across
   * languages (with the languages its matching editions are in).
   */
  collapse?: 'cluster' | 'story';
  facets: boolean;
}

export interface SearchHit {
  id: string;
  score: number | null;
  title: string;
  url: string;
  domain: string;
  publishedAt: string | null;
  language: string;
  snippet: string;
  titleHighlighted: string | null;
  cluster: { id: string; isOriginal: boolean } | null;
  /** With collapse=cluster: how many other articles of the result share this one's cluster. */
  copies?: number;
  story: { id: string; isOriginal: boolean } | null;
  /** With collapse=story: the languages of the story's editions among the matches, most first. */
  languages?: string[];
}

export interface FacetBucket {
  value: string;
  count: number;
}

export interface SearchResponse {
  total: number;
  page: number;
  size: number;
  tookMs: number;
  hits: SearchHit[];
  /** Cursor for the next page, or null at the end. */
  next: string | null;
  facets?: Record<string, FacetBucket[]> & { dates?: { interval: string; buckets: FacetBucket[] } };
}

export const MAX_QUERY_LENGTH = 1_000;
export const MAX_PAGE_SIZE = 100;
/** Deep paging by page number is capped; beyond it clients use the `after` cursor. */
export const MAX_RESULT_WINDOW = 10_000;

const SOURCE_FIELDS = ['id', 'title', 'url', 'domain', 'publishedAt', 'language', 'lead', 'cluster', 'story'];

/** Filter name → indexed field. */
export const FILTER_FIELDS: Readonly<Record<Exclude<keyof SearchFilters, 'from' | 'to'>, string>> = Object.freeze({
  lang: 'language',
  domain: 'domain',
  publisher: 'publisher.name',
  country: 'countries',
  publisherCountry: 'publisher.country',
  person: 'people',
  org: 'organizations',
  place: 'places',
  keyword: 'keywords',
  cluster: 'cluster.id',
  story: 'story.id',
});

/** Facet name → field and how many buckets to return. */
const FACETS: Readonly<Record<string, { field: string; size: number }>> = Object.freeze({
  language: { field: 'language', size: 20 },
  domain: { field: 'domain', size: 20 },
  publisher: { field: 'publisher.name', size: 20 },
  publisherCountry: { field: 'publisher.country', size: 20 },
  country: { field: 'countries', size: 20 },
  person: { field: 'people', size: 15 },
  org: { field: 'organizations', size: 15 },
  place: { field: 'places', size: 15 },
  keyword: { field: 'keywords', size: 20 },
});

const ENTITY_FILTERS: ReadonlySet<string> = new Set(['person', 'org', 'place']);

export function buildFilters(filters: SearchFilters): estypes.QueryDslQueryContainer[] {
  const clauses: estypes.QueryDslQueryContainer[] = [];
  for (const [name, field] of Object.entries(FILTER_FIELDS) as [keyof typeof FILTER_FIELDS, string][]) {
    const values = filters[name];
    if (!values || values.length === 0) continue;
    if (ENTITY_FILTERS.has(name)) {
      // A person, organisation or place filter takes display names ("Xi Jinping", the same in
      // every language) or canonical ids ("person:xi-jinping").
      clauses.push({ bool: { should: [{ terms: { [field]: values } }, { terms: { entityIds: values } }], minimum_should_match: 1 } });
    } else clauses.push({ terms: { [field]: name === 'domain' ? values.map((v) => v.toLowerCase()) : values } });
  }
  if (filters.from || filters.to) {
    clauses.push({ range: { publishedAt: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lte: filters.to } : {}) } } });
  }
  return clauses;
}

/**
 * The fields a text query searches: the language-neutral folded copies, which every document has
 * (ASCII/ICU folding, elision, CJK segmentation), and the per-language stemmed copies, of which a
 * document has the one of its language. The standard-analysed `title`/`body` are left out on
 * purpose: they split Chinese into single characters, and with the AND operator a query for 北京
 * would then match any text containing 北 and 京 apart.
 */
export const TEXT_FIELDS: readonly string[] = Object.freeze(['title.folded^3', 'body.folded', 'description.folded', 'i18n.*.title^3', 'i18n.*.body']);

/** The text part. User text only ever goes through simple_query_string: no raw query_string, no user DSL. */
export function buildTextQuery(q: string | undefined): estypes.QueryDslQueryContainer {
  const text = q?.trim();
  if (!text) return { match_all: {} };
  return {
    simple_query_string: {
      query: text,
      fields: [...TEXT_FIELDS],
      default_operator: 'and',
      flags: 'AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX',
      lenient: true,
    },
  };
}

export function sortFor(params: Pick<SearchParams, 'q' | 'sort'>): estypes.SortCombinations[] {
  // `id` last makes the order total, which search_after needs for stable pages.
  return params.sort === 'date' || !params.q?.trim()
    ? [{ publishedAt: { order: 'desc', missing: '_last' } }, { id: 'asc' }]
    : [{ _score: { order: 'desc' } }, { publishedAt: { order: 'desc', missing: '_last' } }, { id: 'asc' }];
}

/** A date-histogram interval that gives a readable number of bars for the range. */
export function histogramInterval(from: string | undefined, to: string | undefined, now = new Date()): estypes.AggregationsCalendarInterval {
  const start = from ? Date.parse(from) : Number.NaN;
  const end = to ? Date.parse(to) : now.getTime();
  if (Number.isNaN(start)) return 'month';
  const days = (end - start) / 86_400_000;
  if (days <= 3) return 'hour';
  if (days <= 90) return 'day';
  if (days <= 730) return 'week';
  return 'month';
}

export function encodeCursor(sort: estypes.SortResults): string {
  return Buffer.from(JSON.stringify(sort), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): estypes.SortResults | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(value) && value.length <= 4 && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v) || v === null)
      ? (value as estypes.SortResults)
      : null;
  } catch {
    return null;
  }
}

export function buildSearchRequest(alias: string, params: SearchParams): estypes.SearchRequest {
  const q = params.q?.trim();
  const after = params.after ? decodeCursor(params.after) : null;
  const request: estypes.SearchRequest = {
    index: alias,
    size: params.size,
    track_total_hits: true,
    _source: SOURCE_FIELDS,
    query: { bool: { must: [buildTextQuery(q)], filter: buildFilters(params) } },
    sort: sortFor(params),
    ...(after ? { search_after: after } : { from: (params.page - 1) * params.size }),
  };
  if (q) {
    request.highlight = {
      encoder: 'html',
      pre_tags: ['<mark>'],
      post_tags: ['</mark>'],
      // Highlights come from the fields the query matched (require_field_match): the language
      // copy marks inflected forms (a query for Путин marks Путина), the folded copy marks
      // accented spellings of an unaccented query (Erdogan marks Erdoğan).
      fields: {
        'i18n.*.body': { fragment_size: 180, number_of_fragments: 1 },
        'body.folded': { fragment_size: 180, number_of_fragments: 1, no_match_size: 180 },
        'i18n.*.title': { number_of_fragments: 0 },
        'title.folded': { number_of_fragments: 0 },
      },
    };
  }
  if (params.collapse === 'cluster') {
    request.collapse = { field: 'cluster.id' };
    request.aggs = { ...request.aggs, clusters: { terms: { field: 'cluster.id', size: Math.min(params.size * 4, 1_000) } } };
  }
  if (params.collapse === 'story') {
    request.collapse = { field: 'story.id' };
    request.aggs = {
      ...request.aggs,
      stories: { terms: { field: 'story.id', size: Math.min(params.size * 4, 1_000) }, aggs: { languages: { terms: { field: 'language', size: 30 } } } },
    };
  }
  if (params.facets) {
    const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
    for (const [name, facet] of Object.entries(FACETS)) aggs[name] = { terms: { field: facet.field, size: facet.size } };
    aggs.dates = { date_histogram: { field: 'publishedAt', calendar_interval: histogramInterval(params.from, params.to), min_doc_count: 1 } };
    request.aggs = { ...request.aggs, ...aggs };
  }
  return request;
}

/** Stored fields read back; cluster is written by the enricher's near-duplicate step. */
type Source = Partial<ArticleDocument> & { cluster?: { id: string; isOriginal: boolean; similarity?: number } };

/** Story id → languages of its editions among the matches, from the `stories` aggregation. */
function storyLanguages(aggregate: estypes.AggregationsAggregate | undefined): Map<string, string[]> {
  const buckets = (aggregate as estypes.AggregationsStringTermsAggregate | undefined)?.buckets;
  if (!Array.isArray(buckets)) return new Map();
  return new Map(buckets.map((bucket) => [String(bucket.key), termsBuckets((bucket as Record<string, unknown>).languages as estypes.AggregationsAggregate).map((b) => b.value)]));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function termsBuckets(aggregate: estypes.AggregationsAggregate | undefined): FacetBucket[] {
  const buckets = (aggregate as estypes.AggregationsStringTermsAggregate | undefined)?.buckets;
  if (!Array.isArray(buckets)) return [];
  return buckets.map((b) => ({ value: String(b.key), count: b.doc_count }));
}

/** One result as the API shows it: highlighted snippet and title when there are highlights. */
function toHit(hit: estypes.SearchHit<Source>): SearchHit {
  const source = hit._source ?? {};
  const highlighted = hit.highlight ?? {};
  // The language copy's fragment first: it marks what the stemmer matched (only fields that
  // matched have a fragment, except body.folded's no_match_size fallback, which comes after).
  const language = (suffix: string): string | undefined => Object.entries(highlighted).find(([field]) => field.startsWith('i18n.') && field.endsWith(suffix))?.[1]?.[0];
  const bodySnippet = language('.body') ?? highlighted['body.folded']?.[0] ?? highlighted.body?.[0];
  const titleSnippet = language('.title') ?? highlighted['title.folded']?.[0] ?? highlighted.title?.[0];
  return {
    id: hit._id ?? source.id ?? '',
    score: hit._score ?? null,
    title: source.title ?? '',
    url: source.url ?? '',
    domain: source.domain ?? '',
    publishedAt: source.publishedAt ?? null,
    language: source.language ?? 'und',
    snippet: bodySnippet ?? escapeHtml((source.lead ?? '').slice(0, 180)),
    titleHighlighted: titleSnippet ?? null,
    cluster: source.cluster ? { id: source.cluster.id, isOriginal: source.cluster.isOriginal } : null,
    story: source.story ? { id: source.story.id, isOriginal: source.story.isOriginal } : null,
  };
}

export async function searchArticles(client: Client, alias: string, params: SearchParams): Promise<SearchResponse> {
  const response = await client.search<Source>(buildSearchRequest(alias, params));
  const total = typeof response.hits.total === 'number' ? response.hits.total : (response.hits.total?.value ?? 0);
  const clusterSizes = new Map(termsBuckets(response.aggregations?.clusters).map((b) => [b.value, b.count]));
  const languagesByStory = storyLanguages(response.aggregations?.stories);
  const hits = response.hits.hits.map((hit): SearchHit => {
    const base = toHit(hit);
    if (params.collapse === 'cluster' && base.cluster) return { ...base, copies: Math.max(0, (clusterSizes.get(base.cluster.id) ?? 1) - 1) };
    if (params.collapse === 'story' && base.story) return { ...base, languages: languagesByStory.get(base.story.id) ?? [base.language] };
    return base;
  });
  const last = response.hits.hits.at(-1);
  const next = last?.sort && response.hits.hits.length === params.size ? encodeCursor(last.sort) : null;
  const result: SearchResponse = { total, page: params.page, size: params.size, tookMs: response.took, hits, next };
  if (params.facets && response.aggregations) {
    const facets: SearchResponse['facets'] = {};
    for (const name of Object.keys(FACETS)) facets[name] = termsBuckets(response.aggregations[name]);
    const dates = response.aggregations.dates as estypes.AggregationsDateHistogramAggregate | undefined;
    facets.dates = {
      interval: histogramInterval(params.from, params.to),
      buckets: Array.isArray(dates?.buckets) ? dates.buckets.map((b) => ({ value: b.key_as_string ?? new Date(b.key).toISOString(), count: b.doc_count })) : [],
    };
    result.facets = facets;
  }
  return result;
}

export async function getArticle(client: Client, alias: string, id: string): Promise<ArticleDocument | null> {
  const response = await client.get<ArticleDocument>({ index: alias, id }, { ignore: [404] });
  return response.found && response._source ? response._source : null;
}

/**
 * The other language editions of an article's story (its translations), one per language,
 * earliest first; null when there is no such article.
 */
export async function articleTranslations(client: Client, alias: string, id: string): Promise<{ story: string | null; translations: SearchHit[] } | null> {
  const article = (await getArticle(client, alias, id)) as Source | null;
  if (!article) return null;
  if (!article.story?.id) return { story: null, translations: [] };
  const response = await client.search<Source>({
    index: alias,
    size: 100,
    _source: SOURCE_FIELDS,
    query: { bool: { filter: [{ term: { 'story.id': article.story.id } }], must_not: [{ ids: { values: [id] } }, { term: { language: article.language ?? 'und' } }] } },
    collapse: { field: 'language' },
    sort: [{ publishedAt: { order: 'asc', missing: '_last' } }, { id: 'asc' }],
  });
  return { story: article.story.id, translations: response.hits.hits.map(toHit) };
}

/** More-like-this on title and body, plus the other members of the article's near-duplicate cluster. */
export async function similarArticles(client: Client, alias: string, id: string, size: number): Promise<{ similar: SearchHit[]; copies: SearchHit[] } | null> {
  const article = (await getArticle(client, alias, id)) as Source | null;
  if (!article) return null;
  const [similar, copies] = await Promise.all([
    client.search<Source>({
      index: alias,
      size,
      _source: SOURCE_FIELDS,
      query: {
        more_like_this: {
          fields: ['title', 'body'],
          like: [{ _index: alias, _id: id }],
          min_term_freq: 1,
          min_doc_freq: 1,
          max_query_terms: 40,
          minimum_should_match: '20%',
        },
      },
    }),
    article.cluster?.id
      ? client.search<Source>({
          index: alias,
          size: 100,
          _source: SOURCE_FIELDS,
          query: { bool: { filter: [{ term: { 'cluster.id': article.cluster.id } }], must_not: [{ ids: { values: [id] } }] } },
          sort: [{ publishedAt: { order: 'asc', missing: '_last' } }, { id: 'asc' }],
        })
      : Promise.resolve(null),
  ]);
  return { similar: similar.hits.hits.map(toHit), copies: copies ? copies.hits.hits.map(toHit) : [] };
}
