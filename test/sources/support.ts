import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Queue } from 'bullmq';
import { DISCOVERY_QUEUE, type FetchJob } from '@newsflow/contracts';
import { StatusLedger, Submitter, createQueues, createRedis, type Redis } from '@newsflow/runtime';
import { createDiscoveryHttp, createSourcePoller, createSourceRegistry, DEFAULT_POLL_SETTINGS, submitThrough, type PollSettings } from '@newsflow/discovery';
import { startService, stopProcess, type RunningProcess } from '../support/pipeline';

export interface Document {
  body: string | Buffer;
  type: string;
  /** Served with this ETag; a matching If-None-Match gets 304. */
  etag?: string;
  status?: number;
}

/** A loopback server whose documents the test changes between polls. */
export interface FeedServer {
  origin: string;
  host: string;
  port: number;
  set: (path: string, document: Document) => void;
  remove: (path: string) => void;
  hits: (path: string) => number;
  /** Requests answered 304. */
  notModified: (path: string) => number;
  close: () => Promise<void>;
}

export async function startFeedServer(dynamic?: (path: string, req: IncomingMessage, res: ServerResponse) => boolean): Promise<FeedServer> {
  const documents = new Map<string, Document>();
  const hits = new Map<string, number>();
  const unchanged = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (dynamic?.(path, req, res)) return;
    const document = documents.get(path);
    if (!document) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    if (document.etag && req.headers['if-none-match'] === document.etag) {
      unchanged.set(path, (unchanged.get(path) ?? 0) + 1);
      res.writeHead(304, { etag: document.etag }).end();
      return;
    }
    res.writeHead(document.status ?? 200, { 'content-type': document.type, ...(document.etag ? { etag: document.etag } : {}) }).end(document.body);
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    set: (path, document) => void documents.set(path, document),
    remove: (path) => void documents.delete(path),
    hits: (path) => hits.get(path) ?? 0,
    notModified: (path) => unchanged.get(path) ?? 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function rss(items: { url: string; title?: string; date?: string; author?: string; categories?: string[] }[], title = 'Test feed'): string {
  const rendered = items
    .map(
      (i) =>
        `<item><title>${i.title ?? i.url}</title><link>${i.url}</link>${i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''}` +
        `${i.author ? `<dc:creator>${i.author}</dc:creator>` : ''}${(i.categories ?? []).map((c) => `<category>${c}</category>`).join('')}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>${title}</title>\n${rendered}\n</channel></rss>`;
}

/** In-process discovery wiring against real Redis, under a test's own prefix. */
export interface Harness {
  redis: Redis;
  prefix: string;
  registry: ReturnType<typeof createSourceRegistry>;
  poll: ReturnType<typeof createSourcePoller>;
  discoveryQueue: Queue;
  queues: ReturnType<typeof createQueues>;
  ledger: StatusLedger;
  submitter: Submitter;
  fetchJobs: () => Promise<FetchJob[]>;
  close: () => Promise<void>;
}

export async function createHarness(redisUrl: string, prefix: string, allow: string, settings: Partial<PollSettings> = {}, maxBytes = 50 * 1024 * 1024): Promise<Harness> {
  const redis = createRedis(redisUrl, { name: 'test:discovery', role: 'worker' });
  await new Promise((resolve) => (redis.status === 'ready' ? resolve(null) : redis.once('ready', resolve)));
  const queues = createQueues(redis, prefix);
  const discoveryQueue = new Queue(DISCOVERY_QUEUE, { connection: redis, prefix });
  const registry = createSourceRegistry(redis, prefix, discoveryQueue);
  const ledger = new StatusLedger(redis, prefix);
  const submitter = new Submitter(ledger, queues.fetch);
  const { http, close } = createDiscoveryHttp({ allow, userAgent: 'NewsflowTest/1.0', maxBytes, totalTimeoutMs: 20_000, connectTimeoutMs: 2_000, idleTimeoutMs: 10_000 });
  const poll = createSourcePoller({ registry, http, submit: submitThrough(submitter), now: () => new Date(), settings: { ...DEFAULT_POLL_SETTINGS, ...settings } });
  return {
    redis,
    prefix,
    registry,
    poll,
    discoveryQueue,
    queues,
    ledger,
    submitter,
    fetchJobs: async () => (await queues.fetch.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized'], 0, -1)).map((j) => j.data as FetchJob),
    close: async () => {
      await close();
      await discoveryQueue.close();
      await Promise.all(Object.values(queues).map((q) => q.close()));
      redis.disconnect();
    },
  };
}

export type DiscoveryProcess = RunningProcess;

export function startDiscoveryProcess(env: Record<string, string>): DiscoveryProcess {
  return startService('discovery', env);
}

export async function stopDiscoveryProcess(proc: DiscoveryProcess, timeoutMs = 15_000): Promise<void> {
  await stopProcess(proc, 'SIGTERM', timeoutMs);
}

export async function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 60_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
