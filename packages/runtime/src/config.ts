import { z } from 'zod';
import { DEFAULT_QUEUE_PREFIX } from '@newsflow/contracts';

export class ConfigError extends Error {
  constructor(service: string, problems: string[]) {
    super(`invalid configuration for ${service}:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Settings every service shares. Service configs extend this schema. */
export const baseConfigSchema = z.object({
  REDIS_URL: z
    .string()
    .regex(/^(rediss?|redis-cluster):\/\//, 'must be a redis://, rediss:// or redis-cluster://host:port,host:port URL')
    .default('redis://127.0.0.1:6379'),
  ELASTICSEARCH_URL: z.url().default('http://127.0.0.1:9200'),
  NEWSFLOW_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}.-]+$/, 'letters, digits, _ - . and {} only')
    .default(DEFAULT_QUEUE_PREFIX),
  /** Shards and replicas of a newly created article index (a 2-node cluster wants replicas = 1). */
  NEWSFLOW_INDEX_SHARDS: z.coerce.number().int().min(1).max(64).default(1),
  NEWSFLOW_INDEX_REPLICAS: z.coerce.number().int().min(0).max(10).default(0),
  NEWSFLOW_INDEX_ALIAS: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, _ and -').default('articles'),
  LOG_LEVEL: logLevel.default('info'),
  /** Pretty logs for people at a terminal; JSON otherwise. */
  NEWSFLOW_LOG_PRETTY: z.stringbool().default(false),
  NEWSFLOW_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** Port of the worker's /healthz, /readyz and /metrics endpoint; 0 picks a free port, -1 disables it. */
  NEWSFLOW_HEALTH_PORT: z.coerce.number().int().min(-1).max(65535).default(-1),
  /** Address of that endpoint; 0.0.0.0 in containers so Prometheus can scrape it. */
  NEWSFLOW_HEALTH_HOST: z.string().default('127.0.0.1'),
});
export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Settings of a stage worker service. */
export const workerConfigSchema = baseConfigSchema.extend({
  NEWSFLOW_CONCURRENCY: z.coerce.number().int().min(1).max(1000).optional(),
  NEWSFLOW_HTML_TTL_SECONDS: z.coerce.number().int().min(60).default(86_400),
  /** A crashed worker's job is re-run after about lock duration + stalled interval. */
  NEWSFLOW_LOCK_DURATION_MS: z.coerce.number().int().min(500).default(30_000),
  NEWSFLOW_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).default(30_000),
  /** Crashes a job may cause before it fails as stalled_too_often. */
  NEWSFLOW_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(100).default(2),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/**
 * Parses the environment once, at start-up, and fails fast with every problem listed.
 * This is the only place the process environment is read.
 */
export function parseConfig<T extends z.ZodType>(schema: T, env: Record<string, string | undefined>, service: string): z.infer<T> {
  // Empty strings mean "unset" so that `FOO= npm start` does not break parsing.
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined && value !== '') cleaned[key] = value;
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      service,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}
