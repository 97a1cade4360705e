import { z } from 'zod';
import { parseConfig, workerConfigSchema } from '@newsflow/runtime';

export const fetcherConfigSchema = workerConfigSchema.extend({
  NEWSFLOW_FETCH_USER_AGENT: z.string().min(5).default('NewsflowBot/0.1 (+https://github.com/newsflow/newsflow)'),
  NEWSFLOW_FETCH_MAX_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  NEWSFLOW_FETCH_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  NEWSFLOW_FETCH_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  NEWSFLOW_FETCH_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  NEWSFLOW_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(10),
});
export type FetcherConfig = z.infer<typeof fetcherConfigSchema>;

export function loadConfig(env: Record<string, string | undefined>): FetcherConfig {
  return parseConfig(fetcherConfigSchema, env, 'fetcher');
}
