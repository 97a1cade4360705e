import { createServer, type IncomingMessage } from 'node:http';

export interface BulkRejectingProxy {
  url: string;
  /** How many bulk items were answered 429 by the proxy instead of Elasticsearch. */
  rejected: () => number;
  close: () => Promise<void>;
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * An HTTP proxy in front of the real Elasticsearch that lets everything through, except that
 * from the first `_bulk` request it withholds the first item (action and source line) and answers
 * it with 429, as a node under indexing pressure does: Elasticsearch really indexes the rest and
 * never sees the rejected document. Tests see per-item retries without a mock.
 */
export async function startBulkRejectingProxy(target: string, options: { rejectFirstItems: number } = { rejectFirstItems: 1 }): Promise<BulkRejectingProxy> {
  let rejected = 0;
  let bulkSeen = false;
  const server = createServer((request, response) => {
    void (async () => {
      let payload = await body(request);
      const isFirstBulk = !bulkSeen && request.method === 'POST' && (request.url ?? '').split('?')[0]!.endsWith('/_bulk');
      let withheld = 0;
      if (isFirstBulk) {
        bulkSeen = true;
        const lines = payload.toString('utf8').split('\n');
        // Index operations are two lines each: the action and the document.
        withheld = Math.min(options.rejectFirstItems, Math.floor(lines.filter(Boolean).length / 2) - 1);
        payload = Buffer.from(lines.slice(withheld * 2).join('\n'), 'utf8');
      }
      const upstream = await fetch(`${target}${request.url}`, {
        method: request.method,
        headers: Object.fromEntries(Object.entries(request.headers).filter(([k, v]) => typeof v === 'string' && !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>,
        ...(payload.length && request.method !== 'GET' && request.method !== 'HEAD' ? { body: new Uint8Array(payload) } : {}),
      });
      let text = await upstream.text();
      if (isFirstBulk && withheld > 0) {
        const parsed = JSON.parse(text) as { errors: boolean; items: unknown[] };
        const refusals = Array.from({ length: withheld }, () => ({ index: { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'rejected by the test proxy' } } }));
        rejected += withheld;
        parsed.items = [...refusals, ...parsed.items];
        parsed.errors = true;
        text = JSON.stringify(parsed);
      }
      const headers: Record<string, string> = {};
      upstream.headers.forEach((value, key) => {
        if (!['content-length', 'transfer-encoding', 'content-encoding', 'connection'].includes(key)) headers[key] = value;
      });
      response.writeHead(upstream.status, headers).end(text);
    })().catch((error: unknown) => response.writeHead(502).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, rejected: () => rejected, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
