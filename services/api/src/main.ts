import { Queue } from 'bullmq';
import { DISCOVERY_QUEUE } from '@newsflow/contracts';
import { RedisFingerprintStore, autodiscover, createDiscoveryHttp, createDocumentImporter, createSourceRegistry } from '@newsflow/discovery';
import {
  assertClusterSafePrefix,
  assertNoEviction,
  BlobStore,
  createLogger,
  createQueues,
  createRedis,
  createRegistry,
  registerQueueDepthGauge,
  installGracefulShutdown,
  redactUrl,
  runMain,
  StatusLedger,
  Submitter,
  waitForRedis,
} from '@newsflow/runtime';
import { clusterReachable, createSearchClient, detectCapabilities, ensureArticleIndex } from '@newsflow/search';
import { loadConfig } from './config';
import { buildApp } from './app';
import { ApiKeyring } from './auth';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  assertClusterSafePrefix(config.REDIS_URL, config.NEWSFLOW_QUEUE_PREFIX);
  const logger = createLogger({ service: 'api', level: config.LOG_LEVEL, pretty: config.NEWSFLOW_LOG_PRETTY });
  const keyring = ApiKeyring.parse(config.NEWSFLOW_API_KEYS);
  if (config.NEWSFLOW_API_AUTH === 'off') logger.warn('NEWSFLOW_API_AUTH=off: anyone who can reach the API can submit URLs');
  else if (keyring.size === 0) logger.warn('no API keys configured (NEWSFLOW_API_KEYS): writes will be refused with 401');
  const redis = createRedis(config.REDIS_URL, { name: 'newsflow:api', role: 'producer' }, logger);
  await waitForRedis(redis, 15_000, redactUrl(config.REDIS_URL));
  await assertNoEviction(redis);
  const queues = createQueues(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const ledger = new StatusLedger(redis, config.NEWSFLOW_QUEUE_PREFIX);
  const search = createSearchClient(config.ELASTICSEARCH_URL, { requestTimeoutMs: 10_000, maxRetries: 1 });
  const capabilities = await detectCapabilities(search);
  await ensureArticleIndex(search, { alias: config.NEWSFLOW_INDEX_ALIAS, capabilities, logger, shards: config.NEWSFLOW_INDEX_SHARDS, replicas: config.NEWSFLOW_INDEX_REPLICAS });

  const submitter = new Submitter(ledger, queues.fetch);
  const discoveryQueue = new Queue(DISCOVERY_QUEUE, { connection: redis, prefix: config.NEWSFLOW_QUEUE_PREFIX });
  const blobs = new BlobStore(redis, config.NEWSFLOW_QUEUE_PREFIX, 86_400);
  const discoveryHttp = createDiscoveryHttp({
    allow: config.NEWSFLOW_FETCH_ALLOW,
    userAgent: config.NEWSFLOW_FETCH_USER_AGENT,
    maxBytes: 5 * 1024 * 1024,
    totalTimeoutMs: 20_000,
    connectTimeoutMs: 5_000,
    idleTimeoutMs: 10_000,
  });
  const metrics = createRegistry('api');
  registerQueueDepthGauge(metrics, queues);
  const app = buildApp({
    metrics,
    logger,
    submitter,
    sources: {
      registry: createSourceRegistry(redis, config.NEWSFLOW_QUEUE_PREFIX, discoveryQueue),
      submitter,
      autodiscover: (site) => autodiscover(site, discoveryHttp.http),
      minIntervalSeconds: config.NEWSFLOW_SOURCE_MIN_INTERVAL_SECONDS,
      defaultIntervalSeconds: config.NEWSFLOW_SOURCE_DEFAULT_INTERVAL_SECONDS,
    },
    documents: {
      importDocument: createDocumentImporter({
        ledger,
        enqueue: async (queue, payload, jobId) => {
          await queues[queue].add(queue, payload, { jobId });
        },
        hasJob: async (queue, jobId) => (await queues[queue].getJob(jobId)) !== undefined,
        storeHtml: (docId, run, html) => blobs.put('html', `${docId}-${run}`, html),
        fingerprints: new RedisFingerprintStore(redis, config.NEWSFLOW_QUEUE_PREFIX),
        now: () => new Date(),
      }),
      maxBytes: config.NEWSFLOW_DOCUMENTS_MAX_BYTES,
      maxLines: 1_000_000,
      maxLineBytes: 12 * 1024 * 1024,
      maxListedRejections: 1_000,
      concurrency: 16,
    },
    ledger,
    queues,
    search,
    alias: config.NEWSFLOW_INDEX_ALIAS,
    maxUrlsPerRequest: config.NEWSFLOW_API_MAX_URLS_PER_REQUEST,
    bodyLimitBytes: config.NEWSFLOW_API_BODY_LIMIT_BYTES,
    auth: { keyring, mode: config.NEWSFLOW_API_AUTH, readsRequireKey: config.NEWSFLOW_API_READS_REQUIRE_KEY },
    rateLimit: { redis, namespace: `${config.NEWSFLOW_QUEUE_PREFIX}:ratelimit:`, perKeyPerMinute: config.NEWSFLOW_API_RATE_LIMIT, anonymousPerMinute: config.NEWSFLOW_API_RATE_LIMIT_ANONYMOUS },
    ready: async () => ({ redis: redis.status === 'ready', elasticsearch: await clusterReachable(search) }),
  });
  await app.listen({ host: config.NEWSFLOW_API_HOST, port: config.NEWSFLOW_API_PORT });
  installGracefulShutdown(
    [
      { name: 'http', close: () => app.close() },
      { name: 'queues', close: () => Promise.all([...Object.values(queues), discoveryQueue].map((q) => q.close())) },
      { name: 'discovery http', close: () => discoveryHttp.close() },
      { name: 'elasticsearch', close: () => search.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
    { logger, timeoutMs: config.NEWSFLOW_SHUTDOWN_TIMEOUT_MS },
  );
}

runMain(main);
