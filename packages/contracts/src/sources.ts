import { z } from 'zod';

/**
 * The discovery service's queue. It is not a pipeline stage (nothing flows from it to the next
 * queue; it submits URLs through the Submitter), so it is kept out of QUEUE/StageName, whose
 * records must list exactly the five stages.
 */
export const DISCOVERY_QUEUE = 'discover';

/** One scheduled or on-demand poll of a source. */
export const PollJob = z.object({ sourceId: z.string().regex(/^[0-9a-f]{16}$/) }).strict();
export type PollJob = z.infer<typeof PollJob>;

/** Why a poll of a source could not use what it fetched (fetch failures use FailureCode). */
export const DISCOVERY_ERROR_CODES = Object.freeze({
  unrecognized_format: 'the document is neither a feed, a sitemap nor a URL list',
  malformed_feed: 'the feed or sitemap is not well-formed (truncated or broken XML/JSON)',
  too_many_entries: 'the document lists more entries than the per-poll cap',
} as const);
export type DiscoveryErrorCode = keyof typeof DISCOVERY_ERROR_CODES;

const isoDate = z.iso.datetime({ offset: true });

/**
 * A document that is already text, imported without fetching: one NDJSON line of POST /documents.
 * With `html`, the page is cleaned by the pipeline; without it, `body` is taken as the article.
 */
export const ImportedDocument = z
  .object({
    url: z.string().min(1).max(4096),
    title: z.string().min(1).max(1000),
    /** A calendar day (2025-09-05) or an ISO date-time with offset. */
    date: z.union([z.iso.date(), isoDate]),
    body: z.string().max(2_000_000),
    authors: z.array(z.string().min(1).max(300)).max(50).optional(),
    html: z.string().min(1).max(10_000_000).optional(),
  })
  .strict()
  .refine((doc) => doc.html !== undefined || doc.body.trim().length > 0, { message: 'body is empty and no html was given', path: ['body'] });
export type ImportedDocument = z.infer<typeof ImportedDocument>;
