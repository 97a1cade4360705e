import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@newsflow/runtime';
import { fetcherConfigSchema } from '@newsflow/fetcher';

export const apiConfigSchema = baseConfigSchema.extend({
  NEWSFLOW_API_HOST: z.string().default('127.0.0.1'),
  NEWSFLOW_API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  NEWSFLOW_API_MAX_URLS_PER_REQUEST: z.coerce.number().int().min(1).max(10_000).default(1_000),
  NEWSFLOW_API_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Comma-separated name:key pairs. Keys are required for writes unless NEWSFLOW_API_AUTH=off. */
  NEWSFLOW_API_KEYS: z.string().optional(),
  NEWSFLOW_API_AUTH: z.enum(['required', 'off']).default('required'),
  NEWSFLOW_API_READS_REQUIRE_KEY: z.stringbool().default(false),
  /** Requests per minute per API key (or per client address without a key), across API instances. */
  NEWSFLOW_API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  NEWSFLOW_API_RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(1).default(120),
  // Autodiscovery fetches sites on the API's behalf, under the fetcher's safety rules.
  NEWSFLOW_FETCH_ALLOW: fetcherConfigSchema.shape.NEWSFLOW_FETCH_ALLOW,
  NEWSFLOW_FETCH_USER_AGENT: fetcherConfigSchema.shape.NEWSFLOW_FETCH_USER_AGENT,
  NEWSFLOW_SOURCE_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
  NEWSFLOW_SOURCE_DEFAULT_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(900),
  NEWSFLOW_DOCUMENTS_MAX_BYTES: z.coerce.number().int().min(1024).default(256 * 1024 * 1024),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export function loadConfig(env: Record<string, string | undefined>): ApiConfig {
  return parseConfig(apiConfigSchema, env, 'api');
}
