import type { EnrichJob, Enrichment, IndexJob } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';

export interface EnrichStageDeps {
  enrich: (input: EnrichJob) => Promise<Enrichment> | Enrichment;
}

/** enrich: article + language → facts for search and study. */
export function createEnrichStage(deps: EnrichStageDeps): StageHandler<'enrich'> {
  return async (input: EnrichJob): Promise<IndexJob> => ({ ...input, enrichment: await deps.enrich(input) });
}
