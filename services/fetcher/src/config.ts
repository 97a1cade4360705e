import { z } from 'zod';
import { MAX_URL_LENGTH } from '@newsflow/contracts';
import { parseConfig, workerConfigSchema } from '@newsflow/runtime';
import { parseAllowList } from './address-policy';

const ms = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

/** Every fetcher setting; the README's "Fetching: safety and politeness" section documents them. */
export const fetcherConfigSchema = workerConfigSchema.extend({
  /** Sites must be able to tell who is crawling them and how to reach the operator. */
  NEWSFLOW_FETCH_USER_AGENT: z
    .string()
    .min(5)
    .max(300)
    .refine((ua) => ua.includes('http://') || ua.includes('https://'), 'must include a contact URL, e.g. "MyBot/1.0 (+https://example.org/bot)"')
    .default('NewsflowBot/0.1 (+https://github.com/newsflow/newsflow)'),
  /** Comma-separated CIDR ranges, host names or host:port pairs that may be private addresses. */
  NEWSFLOW_FETCH_ALLOW: z
    .string()
    .default('')
    .refine((spec) => {
      try {
        parseAllowList(spec);
        return true;
      } catch {
        return false;
      }
    }, 'each entry must be a CIDR range (10.0.0.0/8), a host name (news.internal) or host:port (127.0.0.1:8080)'),
  NEWSFLOW_FETCH_MAX_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  NEWSFLOW_FETCH_MAX_URL_LENGTH: z.coerce.number().int().min(64).max(MAX_URL_LENGTH * 4).default(MAX_URL_LENGTH),
  NEWSFLOW_FETCH_CONTENT_TYPES: z.string().min(3).default('text/html,application/xhtml+xml'),
  NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS: ms(100, 30_000),
  NEWSFLOW_FETCH_CONNECT_TIMEOUT_MS: ms(100, 5_000),
  NEWSFLOW_FETCH_HEADERS_TIMEOUT_MS: ms(100, 10_000),
  NEWSFLOW_FETCH_IDLE_TIMEOUT_MS: ms(100, 10_000),
  NEWSFLOW_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(10),
  NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(2),
  NEWSFLOW_FETCH_HOST_MIN_SPACING_MS: ms(0, 1_000),
  NEWSFLOW_FETCH_MAX_CRAWL_DELAY_MS: ms(0, 30_000),
  NEWSFLOW_FETCH_HOST_BUSY_RETRY_MS: ms(10, 1_000),
  NEWSFLOW_FETCH_RETRY_AFTER_DEFAULT_MS: ms(0, 30_000),
  NEWSFLOW_FETCH_RETRY_AFTER_MAX_MS: ms(1_000, 3_600_000),
  NEWSFLOW_FETCH_ROBOTS_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  NEWSFLOW_FETCH_ROBOTS_RETRY_MS: ms(100, 60_000),
  NEWSFLOW_FETCH_ROBOTS_MAX_WAIT_MS: ms(1_000, 3_600_000),
  NEWSFLOW_FETCH_VALIDATORS_TTL_SECONDS: z.coerce.number().int().min(60).default(30 * 86_400),
});
export type FetcherConfig = z.infer<typeof fetcherConfigSchema>;

export function loadConfig(env: Record<string, string | undefined>): FetcherConfig {
  return parseConfig(fetcherConfigSchema, env, 'fetcher');
}

/** "text/html, application/xhtml+xml" → lower-case media types. */
export function contentTypeList(spec: string): string[] {
  return spec
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
}
