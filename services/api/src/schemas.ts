import { z } from 'zod';
import { MAX_PAGE_SIZE, MAX_QUERY_LENGTH } from '@newsflow/search';

/** Query-string schemas of the search and export endpoints (strict: unknown parameters are 400). */
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/, 'expected a date such as 2025-09-05');

const multi = (pattern: RegExp, message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(300).regex(pattern, message)).max(20, 'at most 20 values per filter'));
const anyText = /^[^\p{Cc}]+$/u;

export const searchQuerySchema = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH, `q is limited to ${MAX_QUERY_LENGTH} characters`).optional(),
    lang: multi(/^[a-z]{3}$/, 'lang is an ISO 639-3 code such as "eng"').optional(),
    domain: multi(/^[a-z0-9.-]+$/i, 'domain is a host name such as example.org').optional(),
    publisher: multi(anyText, 'publisher is a name').optional(),
    country: multi(/^[A-Z]{2}$/, 'country is an ISO 3166-1 alpha-2 code such as "KP"').optional(),
    publisherCountry: multi(/^[A-Z]{2}$/, 'publisherCountry is an ISO 3166-1 alpha-2 code').optional(),
    person: multi(anyText, 'person is a name').optional(),
    org: multi(anyText, 'org is a name').optional(),
    place: multi(anyText, 'place is a name').optional(),
    keyword: multi(anyText, 'keyword is a term').optional(),
    cluster: multi(/^[0-9a-f]{32}$/, 'cluster is an article id').optional(),
    story: multi(/^[0-9a-f]{32}$/, 'story is an article id').optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    page: z.coerce.number().int().min(1).default(1),
    size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(10),
    sort: z.enum(['relevance', 'date']).default('relevance'),
    after: z.string().max(2_000).optional(),
    collapse: z.enum(['cluster', 'story']).optional(),
    facets: z.stringbool().default(true),
  })
  .strict();


export const MAX_EXPORT_DOCUMENTS = 1_000_000;

export const exportQuerySchema = searchQuerySchema
  .omit({ page: true, size: true, after: true, collapse: true, facets: true, sort: true })
  .extend({
    format: z.enum(['ndjson', 'csv', 'zip']).default('ndjson'),
    limit: z.coerce.number().int().min(1).max(MAX_EXPORT_DOCUMENTS).default(MAX_EXPORT_DOCUMENTS),
  })
  .strict();
