import { z } from 'zod';
import { baseConfigSchema, parseConfig } from '@newsflow/runtime';

export const apiConfigSchema = baseConfigSchema.extend({
  NEWSFLOW_API_HOST: z.string().default('127.0.0.1'),
  NEWSFLOW_API_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  NEWSFLOW_API_MAX_URLS_PER_REQUEST: z.coerce.number().int().min(1).max(10_000).default(1_000),
  NEWSFLOW_API_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;

export function loadConfig(env: Record<string, string | undefined>): ApiConfig {
  return parseConfig(apiConfigSchema, env, 'api');
}
