import type { IndexJob, StageOutputs } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';
import type { ClusterCapabilities } from '@newsflow/search';
import type { BulkItem, BulkOutcome } from './bulk-indexer';
import { toArticleDocument } from './document';

export interface IndexStageDeps {
  index: (item: BulkItem) => Promise<BulkOutcome>;
  capabilities: Pick<ClusterCapabilities, 'languageAnalyzers'>;
  now: () => Date;
}

/** index: the finished article → Elasticsearch, id = hash of the normalised URL. */
export function createIndexStage(deps: IndexStageDeps): StageHandler<'index'> {
  return async (input: IndexJob): Promise<StageOutputs['index']> => {
    const document = toArticleDocument(input, deps.capabilities, deps.now());
    const result = await deps.index({ id: input.docId, document, version: Date.parse(input.fetch.fetchedAt) });
    return { documentId: input.docId, result };
  };
}
