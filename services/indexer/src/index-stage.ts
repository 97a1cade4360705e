import { StageDeferral, StageFailure, type IndexJob, type StageOutputs } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';
import type { ClusterCapabilities } from '@newsflow/search';
import type { BulkItem, BulkOutcome } from './bulk-indexer';
import { toArticleDocument } from './document';

export interface IndexStageDeps {
  index: (item: BulkItem) => Promise<BulkOutcome>;
  capabilities: Pick<ClusterCapabilities, 'languageAnalyzers'>;
  now: () => Date;
  /** How long to stop consuming when Elasticsearch is unreachable or overloaded. */
  outagePauseMs: number;
}

/** index: the finished article → Elasticsearch, id = hash of the normalised URL. */
export function createIndexStage(deps: IndexStageDeps): StageHandler<'index'> {
  return async (input: IndexJob): Promise<StageOutputs['index']> => {
    const document = toArticleDocument(input, deps.capabilities, deps.now());
    try {
      const result = await deps.index({ id: input.docId, document, version: Date.parse(input.fetch.fetchedAt) });
      return { documentId: input.docId, result };
    } catch (error) {
      // An outage is not this document's fault: wait without spending its attempts.
      if (error instanceof StageFailure && error.code === 'index_unavailable') {
        throw new StageDeferral(deps.outagePauseMs, error.message, true);
      }
      throw error;
    }
  };
}
