import { Queue, Worker } from 'bullmq';
import { DISCOVERY_QUEUE, PollJob } from '@newsflow/contracts';
import {
  StatusLedger,
  Submitter,
  assertNoEviction,
  createLogger,
  createQueues,
  createRedis,
  installGracefulShutdown,
  redactUrl,
  runMain,
  waitForRedis,
} from '@newsflow/runtime';
import { loadConfig } from './config';
import { createDiscoveryHttp } from './http';
import { buildPoller, createSourceRegistry } from './wiring';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ service: 'discovery', level: config.LOG_LEVEL, pretty: config.NEWSFLOW_LOG_PRETTY });
  const redis = createRedis(config.REDIS_URL, { name: 'newsflow:discovery', role: 'worker' }, logger);
  await waitForRedis(redis, 15_000, redactUrl(config.REDIS_URL));
  await assertNoEviction(redis);
  const prefix = config.NEWSFLOW_QUEUE_PREFIX;
  const queues = createQueues(redis, prefix);
  const discoveryQueue = new Queue(DISCOVERY_QUEUE, { connection: redis, prefix });
  const registry = createSourceRegistry(redis, prefix, discoveryQueue);
  const { http, close: closeHttp } = createDiscoveryHttp({
    allow: config.NEWSFLOW_FETCH_ALLOW,
    userAgent: config.NEWSFLOW_FETCH_USER_AGENT,
    maxBytes: config.NEWSFLOW_DISCOVERY_MAX_BYTES,
    totalTimeoutMs: config.NEWSFLOW_DISCOVERY_TOTAL_TIMEOUT_MS,
    connectTimeoutMs: config.NEWSFLOW_DISCOVERY_CONNECT_TIMEOUT_MS,
    idleTimeoutMs: config.NEWSFLOW_DISCOVERY_IDLE_TIMEOUT_MS,
  });
  const poll = buildPoller(config, { registry, http, submitter: new Submitter(new StatusLedger(redis, prefix), queues.fetch) });

  // Schedules live in Redis already; this only restores any that were lost (e.g. a flushed queue).
  const scheduled = await registry.reconcileSchedules();
  const worker = new Worker(
    DISCOVERY_QUEUE,
    async (job) => {
      const parsed = PollJob.safeParse(job.data);
      if (!parsed.success) {
        logger.error({ jobId: job.id }, 'invalid poll job; dropped');
        return { invalid: true };
      }
      const report = await poll(parsed.data.sourceId);
      const level = 'error' in report ? 'warn' : 'info';
      logger[level]({ ...report }, 'source polled');
      return report;
    },
    {
      connection: redis.duplicate({ connectionName: 'newsflow:discovery:worker' }),
      prefix,
      concurrency: config.NEWSFLOW_CONCURRENCY ?? 4,
      lockDuration: config.NEWSFLOW_LOCK_DURATION_MS,
      stalledInterval: config.NEWSFLOW_STALLED_INTERVAL_MS,
      maxStalledCount: config.NEWSFLOW_MAX_STALLED_COUNT,
    },
  );
  worker.on('error', (error) => logger.error({ err: error.message }, 'worker error'));
  installGracefulShutdown(
    [
      { name: 'worker', close: () => worker.close() },
      { name: 'http', close: closeHttp },
      { name: 'queues', close: () => Promise.all([discoveryQueue.close(), ...Object.values(queues).map((q) => q.close())]) },
      { name: 'redis', close: () => redis.quit() },
    ],
    { logger, timeoutMs: config.NEWSFLOW_SHUTDOWN_TIMEOUT_MS },
  );
  logger.info({ prefix, scheduled }, 'discovery worker started');
}

runMain(main);
