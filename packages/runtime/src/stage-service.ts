import { createServer, type Server } from 'node:http';
import type { Queue, Worker } from 'bullmq';
import type { z } from 'zod';
import type { StageName, StageOutputs } from '@newsflow/contracts';
import { parseConfig, type WorkerConfig } from './config';
import { createLogger, redactUrl, type Logger } from './logger';
import { assertClusterSafePrefix, assertNoEviction, createRedis, waitForRedis, type Redis } from './redis';
import { StatusLedger } from './ledger';
import { BlobStore } from './blob-store';
import { createQueues, createStageWorker, type StageHandler } from './stage-worker';
import { installGracefulShutdown, type ShutdownStep } from './shutdown';
import { createStageMetrics, type StageMetrics } from './metrics';

/** What a stage service's setup function gets to build its dependencies from. */
export interface StageServiceContext<C extends WorkerConfig> {
  config: C;
  logger: Logger;
  /** A general-purpose connection (not the one BullMQ blocks on). */
  redis: Redis;
  blobs: BlobStore;
  /** The process's metrics registry; stages may register their own metrics on it. */
  metrics: StageMetrics;
}

export interface StageServiceDefinition<S extends StageName, C extends WorkerConfig> {
  stage: S;
  service: string;
  configSchema: z.ZodType<C>;
  defaultConcurrency: number;
  setup: (context: StageServiceContext<C>) => Promise<{
    handler: StageHandler<S>;
    /** Extra readiness checks (e.g. Elasticsearch reachable). */
    ready?: () => Promise<boolean>;
    /** Closed after the worker has drained, before Redis. */
    close?: () => Promise<void>;
    onSuccess?: (output: StageOutputs[S]) => void;
  }>;
}

export interface RunningStageService {
  worker: Worker;
  queues: Record<StageName, Queue>;
  logger: Logger;
  healthPort: number | null;
  stop: () => Promise<void>;
}

/** Wires a stage service: config, logger, Redis, ledger, worker, health endpoint, shutdown. */
export async function startStageService<S extends StageName, C extends WorkerConfig>(
  definition: StageServiceDefinition<S, C>,
  env: Record<string, string | undefined>,
): Promise<RunningStageService> {
  const config = parseConfig(definition.configSchema, env, definition.service);
  assertClusterSafePrefix(config.REDIS_URL, config.NEWSFLOW_QUEUE_PREFIX);
  const logger = createLogger({ service: definition.service, level: config.LOG_LEVEL, pretty: config.NEWSFLOW_LOG_PRETTY });
  const redis = createRedis(config.REDIS_URL, { name: `newsflow:${definition.service}`, role: 'worker' }, logger);
  await waitForRedis(redis, 15_000, redactUrl(config.REDIS_URL));
  await assertNoEviction(redis);

  const prefix = config.NEWSFLOW_QUEUE_PREFIX;
  const ledger = new StatusLedger(redis, prefix);
  const blobs = new BlobStore(redis, prefix, config.NEWSFLOW_HTML_TTL_SECONDS);
  const queues = createQueues(redis, prefix);
  const metrics = createStageMetrics(definition.service);
  const { handler, ready, close, onSuccess } = await definition.setup({ config, logger, redis, blobs, metrics });
  const concurrency = config.NEWSFLOW_CONCURRENCY ?? definition.defaultConcurrency;
  const worker = createStageWorker({
    stage: definition.stage,
    handler,
    connection: redis.duplicate({ connectionName: `newsflow:${definition.service}:worker` }),
    prefix,
    queues,
    ledger,
    logger,
    concurrency,
    metrics,
    ...(onSuccess ? { onSuccess } : {}),
    lockDurationMs: config.NEWSFLOW_LOCK_DURATION_MS,
    stalledIntervalMs: config.NEWSFLOW_STALLED_INTERVAL_MS,
    maxStalledCount: config.NEWSFLOW_MAX_STALLED_COUNT,
  });

  let health: Server | null = null;
  let healthPort: number | null = null;
  if (config.NEWSFLOW_HEALTH_PORT >= 0) {
    health = createServer((req, res) => {
      void (async () => {
        if (req.url === '/healthz') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
          return;
        }
        if (req.url === '/metrics') {
          res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
          return;
        }
        if (req.url === '/readyz') {
          const redisOk = redis.status === 'ready';
          const extraOk = ready ? await ready().catch(() => false) : true;
          const ok = redisOk && extraOk && worker.isRunning();
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ready: ok, redis: redisOk, dependencies: extraOk }));
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', message: 'unknown path' }));
      })();
    });
    await new Promise<void>((resolve) => health!.listen(config.NEWSFLOW_HEALTH_PORT, config.NEWSFLOW_HEALTH_HOST, resolve));
    const address = health.address();
    healthPort = typeof address === 'object' && address ? address.port : null;
  }

  const steps: ShutdownStep[] = [
    { name: 'worker', close: () => worker.close() },
    ...(close ? [{ name: 'stage resources', close }] : []),
    { name: 'queues', close: () => Promise.all(Object.values(queues).map((q) => q.close())) },
    ...(health ? [{ name: 'health server', close: () => new Promise((resolve) => health!.close(resolve)) }] : []),
    { name: 'redis', close: () => redis.quit() },
  ];
  const stop = installGracefulShutdown(steps, { logger, timeoutMs: config.NEWSFLOW_SHUTDOWN_TIMEOUT_MS });
  logger.info({ stage: definition.stage, concurrency, prefix, healthPort }, 'stage worker started');
  return { worker, queues, logger, healthPort, stop };
}

/** Entry point helper for main.ts files: start, or print the error and exit non-zero. */
export function runMain(start: () => Promise<unknown>): void {
  start().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
