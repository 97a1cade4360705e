import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { workerConfigSchema } from '@newsflow/runtime';
import { DEFAULT_SIMILARITY_THRESHOLD } from './near-duplicates/minhash';

/** The publishers file that ships with the repository (data/publishers.json). */
export const BUNDLED_PUBLISHERS_FILE = fileURLToPath(new URL('../../../data/publishers.json', import.meta.url));

export const enricherConfigSchema = workerConfigSchema.extend({
  /** A publishers file of your own instead of the bundled one (same format, see data/README.md). */
  NEWSFLOW_PUBLISHERS_FILE: z.string().min(1).default(BUNDLED_PUBLISHERS_FILE),
  /** Estimated Jaccard similarity of word shingles from which two articles are one story. */
  NEWSFLOW_NEAR_DUPLICATE_THRESHOLD: z.coerce.number().min(0.05).max(1).default(DEFAULT_SIMILARITY_THRESHOLD),
});
export type EnricherConfig = z.infer<typeof enricherConfigSchema>;
