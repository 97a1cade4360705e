import { Client } from '@elastic/elasticsearch';

export type { Client } from '@elastic/elasticsearch';

export function createSearchClient(url: string, options: { requestTimeoutMs?: number; maxRetries?: number } = {}): Client {
  return new Client({
    node: url,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 2,
    // Compression saves bandwidth on bulk bodies; the local node is on loopback so keep it off.
    compression: false,
  });
}
