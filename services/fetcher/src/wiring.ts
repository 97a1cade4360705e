import type { Redis } from '@newsflow/runtime';
import type { Dispatcher } from 'undici';
import { createAddressPolicy, parseAllowList } from './address-policy';
import { contentTypeList, type FetcherConfig } from './config';
import { createFetchStage } from './fetch-stage';
import { createGuardedAgent, type ResolveHost } from './guarded-agent';
import { createHttpFetch } from './http-fetch';
import { RedisHostGate } from './politeness';
import { RobotsPolicy } from './robots';
import { RedisValidatorStore } from './validators';

/** Slack on top of the total timeout before a dead fetcher's host slot is given to another. */
const LEASE_SLACK_MS = 5_000;

/**
 * Builds the fetch stage and its dependencies from configuration. Shared by main.ts and the
 * integration tests, so both run the same wiring; tests inject a stub resolver.
 */
export function buildFetcher(
  config: FetcherConfig,
  io: { redis: Redis; prefix: string; storeHtml: (docId: string, run: number, html: string) => Promise<string>; resolve?: ResolveHost },
): { handler: ReturnType<typeof createFetchStage>; dispatcher: Dispatcher; close: () => Promise<void> } {
  const policy = createAddressPolicy(parseAllowList(config.NEWSFLOW_FETCH_ALLOW));
  const dispatcher = createGuardedAgent({
    policy,
    ...(io.resolve ? { resolve: io.resolve } : {}),
    connectTimeoutMs: config.NEWSFLOW_FETCH_CONNECT_TIMEOUT_MS,
    headersTimeoutMs: config.NEWSFLOW_FETCH_HEADERS_TIMEOUT_MS,
    idleTimeoutMs: config.NEWSFLOW_FETCH_IDLE_TIMEOUT_MS,
    // Politeness already bounds requests per host; the pool just has to allow that many.
    connectionsPerOrigin: config.NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT,
  });
  const http = createHttpFetch(dispatcher, {
    totalTimeoutMs: config.NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS,
    maxRedirects: config.NEWSFLOW_FETCH_MAX_REDIRECTS,
    maxBytes: config.NEWSFLOW_FETCH_MAX_BYTES,
    maxUrlLength: config.NEWSFLOW_FETCH_MAX_URL_LENGTH,
    userAgent: config.NEWSFLOW_FETCH_USER_AGENT,
    contentTypes: contentTypeList(config.NEWSFLOW_FETCH_CONTENT_TYPES),
  });
  const gate = new RedisHostGate(io.redis, io.prefix, {
    maxInFlight: config.NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT,
    // Robots.txt and a redirect chain share one total timeout each; a lease must outlive either.
    leaseTtlMs: config.NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS + LEASE_SLACK_MS,
    busyRetryMs: config.NEWSFLOW_FETCH_HOST_BUSY_RETRY_MS,
  });
  const robots = new RobotsPolicy({
    redis: io.redis,
    prefix: io.prefix,
    http,
    gate,
    settings: {
      userAgent: config.NEWSFLOW_FETCH_USER_AGENT,
      ttlSeconds: config.NEWSFLOW_FETCH_ROBOTS_TTL_SECONDS,
      unavailableRetryMs: config.NEWSFLOW_FETCH_ROBOTS_RETRY_MS,
      unavailableMaxMs: config.NEWSFLOW_FETCH_ROBOTS_MAX_WAIT_MS,
      maxBytes: 512 * 1024,
      minSpacingMs: config.NEWSFLOW_FETCH_HOST_MIN_SPACING_MS,
      lockWaitMs: 500,
      lockTtlMs: config.NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS + LEASE_SLACK_MS,
    },
  });
  const handler = createFetchStage({
    http,
    robots,
    gate,
    validators: new RedisValidatorStore(io.redis, io.prefix, config.NEWSFLOW_FETCH_VALIDATORS_TTL_SECONDS),
    storeHtml: io.storeHtml,
    settings: {
      minSpacingMs: config.NEWSFLOW_FETCH_HOST_MIN_SPACING_MS,
      maxCrawlDelayMs: config.NEWSFLOW_FETCH_MAX_CRAWL_DELAY_MS,
      defaultRetryAfterMs: config.NEWSFLOW_FETCH_RETRY_AFTER_DEFAULT_MS,
      maxRetryAfterMs: config.NEWSFLOW_FETCH_RETRY_AFTER_MAX_MS,
      maxUrlLength: config.NEWSFLOW_FETCH_MAX_URL_LENGTH,
    },
    now: () => new Date(),
  });
  return { handler, dispatcher, close: () => dispatcher.close() };
}
