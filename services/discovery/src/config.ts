import { z } from 'zod';
import { parseConfig, workerConfigSchema } from '@newsflow/runtime';
import { fetcherConfigSchema } from '@newsflow/fetcher';

const ms = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

/**
 * Discovery settings. Address safety (NEWSFLOW_FETCH_ALLOW) and the user agent are the
 * fetcher's settings, so one environment configures both the same way.
 */
export const discoveryConfigSchema = workerConfigSchema.extend({
  NEWSFLOW_FETCH_ALLOW: fetcherConfigSchema.shape.NEWSFLOW_FETCH_ALLOW,
  NEWSFLOW_FETCH_USER_AGENT: fetcherConfigSchema.shape.NEWSFLOW_FETCH_USER_AGENT,
  /** Largest feed, sitemap or list read (after decompression); a 10,000-item feed is ~5 MiB. */
  NEWSFLOW_DISCOVERY_MAX_BYTES: z.coerce.number().int().min(1024).default(50 * 1024 * 1024),
  NEWSFLOW_DISCOVERY_TOTAL_TIMEOUT_MS: ms(100, 60_000),
  NEWSFLOW_DISCOVERY_CONNECT_TIMEOUT_MS: ms(100, 5_000),
  NEWSFLOW_DISCOVERY_IDLE_TIMEOUT_MS: ms(100, 15_000),
  /** Entries read from one document; more is reported as too_many_entries. */
  NEWSFLOW_DISCOVERY_MAX_ENTRIES: z.coerce.number().int().min(1).default(50_000),
  NEWSFLOW_DISCOVERY_MAX_CHILD_SITEMAPS: z.coerce.number().int().min(1).max(50_000).default(50),
  /** Longest pause of a failing source between polls. */
  NEWSFLOW_DISCOVERY_MAX_BACKOFF_MS: ms(1_000, 24 * 3_600_000),
  NEWSFLOW_DISCOVERY_LOCK_TTL_MS: ms(1_000, 5 * 60_000),
});
export type DiscoveryConfig = z.infer<typeof discoveryConfigSchema>;

export function loadConfig(env: Record<string, string | undefined>): DiscoveryConfig {
  return parseConfig(discoveryConfigSchema, env, 'discovery');
}
