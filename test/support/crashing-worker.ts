/**
 * A clean-stage worker whose stage kills its own process mid-job (SIGKILL, no cleanup), to prove
 * that a job which crashes its worker every time ends failed as stalled_too_often.
 */
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { StatusLedger, createQueues, createStageWorker } from '@newsflow/runtime';

const redis = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: null });
const prefix = process.env.NEWSFLOW_QUEUE_PREFIX!;
const worker = createStageWorker({
  stage: 'clean',
  handler: async () => {
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => undefined);
    throw new Error('unreachable');
  },
  connection: redis.duplicate(),
  prefix,
  queues: createQueues(redis, prefix),
  ledger: new StatusLedger(redis, prefix),
  logger: pino({ level: 'silent' }),
  concurrency: 1,
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
  maxStalledCount: 1,
});
worker.on('ready', () => process.stdout.write('ready\n'));
