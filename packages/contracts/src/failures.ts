/**
 * Every failure has a stable code. Permanent codes fail the job at once; transient ones retry
 * with exponential backoff. The code, not the message, is what users filter and alert on.
 */
export const FAILURE_CODES = Object.freeze({
  invalid_url: { permanent: true, description: 'the URL cannot be parsed or is not http(s)' },
  blocked_address: { permanent: true, description: 'the host resolves to an address the fetcher may not contact' },
  robots_disallowed: { permanent: true, description: "the site's robots.txt disallows this URL" },
  dns_not_found: { permanent: true, description: 'the host name does not exist' },
  dns_error: { permanent: false, description: 'DNS lookup failed temporarily' },
  connect_timeout: { permanent: false, description: 'no connection within the connect timeout' },
  connect_error: { permanent: false, description: 'the connection was refused or reset' },
  timeout: { permanent: false, description: 'the response did not complete in time' },
  too_many_redirects: { permanent: true, description: 'more redirects than allowed, or a redirect loop' },
  http_4xx: { permanent: true, description: 'the server answered with a client error (404, 410, 403, ...)' },
  http_5xx: { permanent: false, description: 'the server answered with a server error' },
  rate_limited: { permanent: false, description: 'the server asked us to slow down (429/503)' },
  not_html: { permanent: true, description: 'the response is not an HTML page' },
  too_large: { permanent: true, description: 'the page is larger than the byte cap' },
  bot_wall: { permanent: true, description: 'the page is a bot challenge, not the article' },
  paywall: { permanent: true, description: 'the article is behind a paywall' },
  soft_404: { permanent: true, description: 'the page says "not found" with a 200 status' },
  not_article: { permanent: true, description: 'the page is not an article (index, tag, search, video page)' },
  empty_article: { permanent: true, description: 'no article text could be extracted' },
  payload_expired: { permanent: true, description: 'the stored page expired before the next stage ran' },
  invalid_payload: { permanent: true, description: 'the job payload does not match the contract' },
  index_rejected: { permanent: true, description: 'Elasticsearch rejected the document (mapping error)' },
  index_unavailable: { permanent: false, description: 'Elasticsearch could not be reached' },
  stalled_too_often: { permanent: true, description: 'the job crashed its worker too many times' },
  internal_error: { permanent: false, description: 'an unexpected error; retried' },
} as const);

export type FailureCode = keyof typeof FAILURE_CODES;

export function isPermanent(code: FailureCode): boolean {
  return FAILURE_CODES[code].permanent;
}

/** Thrown by stages to say why an item cannot go on. */
export class StageFailure extends Error {
  readonly permanent: boolean;
  /** For transient failures: when to try again, if the server said (Retry-After). */
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly code: FailureCode,
    message: string,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StageFailure';
    this.permanent = isPermanent(code);
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Thrown by a stage that must wait (per-host politeness, a robots.txt still loading) without
 * occupying a worker slot or spending a retry: the job goes back to the delayed set.
 */
export class StageDeferral extends Error {
  constructor(
    readonly delayMs: number,
    readonly reason: string,
    /**
     * When a shared dependency is down (Elasticsearch), pause this worker's whole consumption
     * for delayMs instead of cycling every job through the delayed set.
     */
    readonly pauseStage = false,
  ) {
    super(`deferred ${delayMs} ms: ${reason}`);
    this.name = 'StageDeferral';
  }
}

/**
 * Thrown by a stage when the item needs no further processing and that is a success (e.g. the
 * page answered 304 Not Modified): the run ends as done, with the reason as a note.
 */
export class StageSkip extends Error {
  constructor(readonly reason: string) {
    super(`skipped: ${reason}`);
    this.name = 'StageSkip';
  }
}
