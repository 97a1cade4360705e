import { z } from 'zod';
import { workerConfigSchema } from '@newsflow/runtime';

export const indexerConfigSchema = workerConfigSchema.extend({
  NEWSFLOW_BULK_MAX_DOCS: z.coerce.number().int().min(1).max(10_000).default(500),
  NEWSFLOW_BULK_MAX_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 * 1024),
  NEWSFLOW_BULK_FLUSH_MS: z.coerce.number().int().min(1).max(10_000).default(50),
  /** "wait_for" makes each document searchable before its job completes (tests, demos). */
  NEWSFLOW_INDEX_REFRESH: z.enum(['false', 'wait_for']).default('false'),
  /** Pause of consumption while Elasticsearch is unreachable, before trying again. */
  NEWSFLOW_INDEX_OUTAGE_PAUSE_MS: z.coerce.number().int().min(100).default(5_000),
});
export type IndexerConfig = z.infer<typeof indexerConfigSchema>;
