import type { Client, estypes } from '@elastic/elasticsearch';
import type { ArticleDocument } from '@newsflow/contracts';

export interface SearchParams {
  q?: string;
  lang?: string;
  domain?: string;
  from?: string;
  to?: string;
  page: number;
  size: number;
  sort: 'relevance' | 'date';
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
}

export interface SearchResponse {
  total: number;
  page: number;
  size: number;
  tookMs: number;
  hits: SearchHit[];
}

export const MAX_QUERY_LENGTH = 1_000;
export const MAX_PAGE_SIZE = 100;
/** Deep paging by page number is capped; beyond it clients must use search_after. */
export const MAX_RESULT_WINDOW = 10_000;

const SOURCE_FIELDS = ['id', 'title', 'url', 'domain', 'publishedAt', 'language', 'lead'];

/**
 * Builds the query. User text only ever goes through simple_query_string, which supports
 * phrases, +/-, OR and never raises a parse error: no raw query_string, no user DSL.
 */
export function buildSearchRequest(alias: string, params: SearchParams): estypes.SearchRequest {
  const filter: estypes.QueryDslQueryContainer[] = [];
  if (params.lang) filter.push({ term: { language: params.lang } });
  if (params.domain) filter.push({ term: { domain: params.domain.toLowerCase() } });
  if (params.from || params.to) {
    filter.push({ range: { publishedAt: { ...(params.from ? { gte: params.from } : {}), ...(params.to ? { lte: params.to } : {}) } } });
  }
  const q = params.q?.trim();
  const must: estypes.QueryDslQueryContainer[] = q
    ? [
        {
          simple_query_string: {
            query: q,
            fields: ['title^3', 'body', 'description', 'i18n.*.title^3', 'i18n.*.body'],
            default_operator: 'and',
            flags: 'AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE|PREFIX',
            lenient: true,
          },
        },
      ]
    : [{ match_all: {} }];
  const sort: estypes.Sort = params.sort === 'date' || !q ? [{ publishedAt: { order: 'desc', missing: '_last' } }, { id: 'asc' }] : ['_score', { publishedAt: { order: 'desc', missing: '_last' } }];
  return {
    index: alias,
    from: (params.page - 1) * params.size,
    size: params.size,
    track_total_hits: true,
    _source: SOURCE_FIELDS,
    query: { bool: { must, filter } },
    sort,
    highlight: q
      ? {
          encoder: 'html',
          pre_tags: ['<mark>'],
          post_tags: ['</mark>'],
          fields: {
            body: { fragment_size: 180, number_of_fragments: 1, no_match_size: 180 },
            title: { number_of_fragments: 0 },
          },
        }
      : undefined,
  };
}

export async function searchArticles(client: Client, alias: string, params: SearchParams): Promise<SearchResponse> {
  const response = await client.search<Partial<ArticleDocument>>(buildSearchRequest(alias, params));
  const total = typeof response.hits.total === 'number' ? response.hits.total : (response.hits.total?.value ?? 0);
  return {
    total,
    page: params.page,
    size: params.size,
    tookMs: response.took,
    hits: response.hits.hits.map((hit) => {
      const source = hit._source ?? {};
      return {
        id: hit._id ?? source.id ?? '',
        score: hit._score ?? null,
        title: source.title ?? '',
        url: source.url ?? '',
        domain: source.domain ?? '',
        publishedAt: source.publishedAt ?? null,
        language: source.language ?? 'und',
        snippet: hit.highlight?.body?.[0] ?? escapeHtml((source.lead ?? '').slice(0, 180)),
        titleHighlighted: hit.highlight?.title?.[0] ?? null,
      };
    }),
  };
}

export async function getArticle(client: Client, alias: string, id: string): Promise<ArticleDocument | null> {
  const response = await client.get<ArticleDocument>({ index: alias, id }, { ignore: [404] });
  return response.found && response._source ? response._source : null;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
