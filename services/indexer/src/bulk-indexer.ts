import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { StageFailure } from '@newsflow/contracts';

export interface BulkItem {
  id: string;
  document: object;
  /** External version: the fetch time in ms. An older fetch never overwrites a newer one. */
  version: number;
}

export type BulkOutcome = 'created' | 'updated' | 'noop';

interface Pending {
  item: BulkItem;
  bytes: number;
  resolve: (outcome: BulkOutcome) => void;
  reject: (error: StageFailure) => void;
  attempts: number;
}

export interface BulkIndexerOptions {
  index: string;
  maxDocuments: number;
  maxBytes: number;
  /** How long the first document of a batch may wait for company. */
  flushIntervalMs: number;
  /** Tries for items that Elasticsearch rejects with 429 before the job itself is retried. */
  maxItemRetries: number;
  refresh?: boolean | 'wait_for';
  /** Observability hooks: one call per _bulk request, one per rejected item. */
  onBulk?: (seconds: number, documents: number, ok: boolean) => void;
  onItemRejected?: (status: number) => void;
}

export const DEFAULT_BULK_OPTIONS: Omit<BulkIndexerOptions, 'index'> = Object.freeze({
  maxDocuments: 500,
  maxBytes: 5 * 1024 * 1024,
  flushIntervalMs: 50,
  maxItemRetries: 3,
});

/**
 * Collects documents from many concurrent jobs into `_bulk` requests and settles each job's
 * promise from its own item's result, so a job is acknowledged only after its document is in.
 */
export class BulkIndexer {
  private queue: Pending[] = [];
  private queuedBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private inFlight = new Set<Promise<void>>();

  constructor(
    private readonly client: Client,
    private readonly options: BulkIndexerOptions,
    private readonly logger?: Logger,
  ) {}

  index(item: BulkItem): Promise<BulkOutcome> {
    return new Promise<BulkOutcome>((resolve, reject) => {
      const bytes = Buffer.byteLength(JSON.stringify(item.document));
      this.enqueue({ item, bytes, resolve, reject, attempts: 0 });
    });
  }

  private enqueue(pending: Pending): void {
    this.queue.push(pending);
    this.queuedBytes += pending.bytes;
    if (this.queue.length >= this.options.maxDocuments || this.queuedBytes >= this.options.maxBytes) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.options.flushIntervalMs);
    }
  }

  /** Sends what is queued now. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    const sending = this.send(batch).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
  }

  /** Flushes and waits for every request in flight (used on shutdown). */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async send(batch: Pending[]): Promise<void> {
    const operations: object[] = [];
    for (const { item } of batch) {
      operations.push({ index: { _index: this.options.index, _id: item.id, version: item.version, version_type: 'external_gte' } });
      operations.push(item.document);
    }
    let response;
    const started = performance.now();
    try {
      response = await this.client.bulk({ operations, ...(this.options.refresh !== undefined ? { refresh: this.options.refresh } : {}) });
      this.options.onBulk?.((performance.now() - started) / 1000, batch.length, true);
    } catch (error) {
      this.options.onBulk?.((performance.now() - started) / 1000, batch.length, false);
      const message = (error as Error).message;
      this.logger?.warn({ err: message, documents: batch.length }, 'bulk request failed');
      for (const pending of batch) pending.reject(new StageFailure('index_unavailable', `Elasticsearch bulk request failed: ${message}`));
      return;
    }
    const retry: Pending[] = [];
    response.items.forEach((entry, i) => {
      const pending = batch[i]!;
      const result = entry.index;
      if (!result) {
        pending.reject(new StageFailure('internal_error', 'bulk response without an index result'));
        return;
      }
      if (result.status >= 300 && result.status !== 409) this.options.onItemRejected?.(result.status);
      if (result.status >= 200 && result.status < 300) {
        pending.resolve(result.result === 'created' ? 'created' : 'updated');
      } else if (result.status === 409) {
        // A newer (or the same) fetch of this URL is already indexed: nothing to do.
        pending.resolve('noop');
      } else if (result.status === 429 && pending.attempts < this.options.maxItemRetries) {
        pending.attempts++;
        retry.push(pending);
      } else if (result.status === 429 || result.status >= 500) {
        pending.reject(new StageFailure('index_unavailable', `Elasticsearch rejected the document with ${result.status}: ${result.error?.reason ?? ''}`));
      } else {
        pending.reject(new StageFailure('index_rejected', `${result.error?.type ?? 'error'}: ${result.error?.reason ?? `status ${result.status}`}`));
      }
    });
    if (retry.length > 0) {
      const delay = 100 * 2 ** Math.min(...retry.map((p) => p.attempts)) + Math.random() * 100;
      this.logger?.info({ documents: retry.length, delayMs: Math.round(delay) }, 'bulk items rejected with 429; retrying');
      await new Promise((r) => setTimeout(r, delay));
      for (const pending of retry) this.enqueue(pending);
    }
  }
}
