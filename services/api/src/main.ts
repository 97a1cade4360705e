import {
  assertNoEviction,
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
  await ensureArticleIndex(search, { alias: config.NEWSFLOW_INDEX_ALIAS, capabilities, logger });

  const metrics = createRegistry('api');
  registerQueueDepthGauge(metrics, queues);
  const app = buildApp({
    metrics,
    logger,
    submitter: new Submitter(ledger, queues.fetch),
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
      { name: 'queues', close: () => Promise.all(Object.values(queues).map((q) => q.close())) },
      { name: 'elasticsearch', close: () => search.close() },
      { name: 'redis', close: () => redis.quit() },
    ],
    { logger, timeoutMs: config.NEWSFLOW_SHUTDOWN_TIMEOUT_MS },
  );
}

runMain(main);
