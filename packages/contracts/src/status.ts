import type { FailureCode } from './failures';
import type { StageName } from './queues';

/** Where an accepted URL is. This is the ledger's record, independent of BullMQ's pruned sets. */
export type UrlState = 'queued' | 'active' | 'deferred' | 'retrying' | 'done' | 'failed';

export interface UrlStatus {
  id: string;
  url: string;
  stage: StageName;
  state: UrlState;
  attempts: number;
  submittedAt: string;
  updatedAt: string;
  error?: { code: FailureCode | string; message: string };
  documentId?: string;
  /** Per-stage timings and facts (duration ms, http status, language ...). */
  stages: Partial<Record<StageName, { finishedAt: string; durationMs: number; note?: string }>>;
}
