import { DelayedError, Queue, UnrecoverableError, Worker, type Job, type JobsOptions, type ConnectionOptions, type MinimalJob } from "bullmq";
import type { Logger } from 'pino';
import {
  QUEUE,
  StageDeferral,
  StageFailure,
  StageSkip,
  jobIdFor,
  nextStage,
  payloadSchema,
  type FailureCode,
  type StageName,
  type StageOutputs,
  type StagePayloads,
} from '@newsflow/contracts';
import type { StatusLedger } from './ledger';
import type { StageMetrics } from './metrics';

/** What every stage function receives besides its input: a logger bound to the job. */
export interface StageContext {
  logger: Logger;
  /** 1 for the first try. */
  attempt: number;
}

/** A stage: a plain async function of its payload and narrow injected dependencies. */
export type StageHandler<S extends StageName> = (input: StagePayloads[S], context: StageContext) => Promise<StageOutputs[S]>;

export const DEFAULT_JOB_OPTIONS: JobsOptions = Object.freeze({
  attempts: 5,
  backoff: { type: 'newsflow', delay: 1_000 },
  // Completed jobs are pruned (the ledger keeps the outcome); failed ones stay for inspection.
  removeOnComplete: { age: 3_600, count: 5_000 },
  removeOnFail: { age: 14 * 86_400, count: 100_000 },
});

/** Exponential backoff with full jitter, never earlier than a server's Retry-After. */
export function retryDelayMs(attemptsMade: number, baseDelayMs: number, retryAfterMs?: number): number {
  const ceiling = Math.min(baseDelayMs * 2 ** Math.max(0, attemptsMade - 1), 5 * 60_000);
  const jittered = ceiling / 2 + Math.random() * (ceiling / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** One producer Queue per stage, shared by everything in a process that enqueues. */
export function createQueues(connection: ConnectionOptions, prefix: string): Record<StageName, Queue> {
  const make = (stage: StageName): Queue => new Queue(QUEUE[stage], { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  return { fetch: make('fetch'), clean: make('clean'), langdetect: make('langdetect'), enrich: make('enrich'), index: make('index') };
}

function toFailure(error: unknown): StageFailure {
  if (error instanceof StageFailure) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new StageFailure('internal_error', message, { cause: error });
}

/** "code: message" is what BullMQ stores as failedReason; the code is recoverable from it. */
export function failureCodeOf(failedReason: string | undefined): FailureCode | 'unknown' {
  const match = /^([a-z0-9_]+): /.exec(failedReason ?? '');
  return (match?.[1] as FailureCode | undefined) ?? 'unknown';
}

class RetryableStageError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = 'RetryableStageError';
  }
}

export interface StageWorkerOptions<S extends StageName> {
  stage: S;
  handler: StageHandler<S>;
  connection: ConnectionOptions;
  prefix: string;
  /** Producer queues for the next hop (only the next stage's queue is used). */
  queues: Record<StageName, Queue>;
  ledger: StatusLedger;
  logger: Logger;
  concurrency: number;
  /** How often a crashed worker's job is noticed; BullMQ's default is 30 s. */
  stalledIntervalMs?: number;
  /** How long a job's lock lasts without renewal; a crashed worker's job is free after this. */
  lockDurationMs?: number;
  maxStalledCount?: number;
  now?: () => Date;
  metrics?: StageMetrics;
  /** Called with each successful output, e.g. to count fetched bytes. */
  onSuccess?: (output: StageOutputs[S]) => void;
}

/**
 * The one adapter between BullMQ and a stage function: validate the payload, bind a logger,
 * call the stage, enqueue the next hop, record progress in the ledger, and map failures to
 * "fail now" (permanent) or "retry with backoff" (transient).
 */
export function createStageWorker<S extends StageName>(options: StageWorkerOptions<S>): Worker {
  const { stage, handler, ledger, logger, queues } = options;
  const schema = payloadSchema(stage);
  const next = nextStage(stage);
  const now = options.now ?? (() => new Date());
  const count = (outcome: string): void => options.metrics?.jobs.inc({ stage, outcome });
  const observe = (started: number): void => options.metrics?.duration.observe({ stage }, (performance.now() - started) / 1000);

  const processor = async (job: Job, token?: string): Promise<unknown> => {
    const started = performance.now();
    const attempt = job.attemptsMade + 1;
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      const message = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      logger.error({ jobId: job.id, stage, issues: message }, 'invalid payload');
      const data = job.data as { docId?: unknown; run?: unknown };
      if (typeof data.docId === 'string' && typeof data.run === 'number') {
        await ledger.markFailed(data.docId, data.run, stage, attempt, { code: 'invalid_payload', message }, now());
      }
      throw new UnrecoverableError(`invalid_payload: ${message}`);
    }
    const input = parsed.data;
    const log = logger.child({ stage, jobId: job.id, docId: input.docId, run: input.run, attempt });
    const current = await ledger.markActive(input.docId, input.run, stage, attempt, now());
    if (!current) {
      // A newer run of this URL exists (or this hop already completed): this job is obsolete.
      log.info('superseded by a newer run or already past this stage; skipping');
      count('superseded');
      return { skipped: true };
    }
    try {
      const output = await handler(input, { logger: log, attempt });
      const durationMs = Math.round(performance.now() - started);
      if (next) {
        await queues[next].add(QUEUE[next], output, { jobId: jobIdFor(input.docId, input.run) });
        await ledger.markStageDone(input.docId, input.run, stage, next, { durationMs }, now());
      } else {
        const result = output as StageOutputs['index'];
        await ledger.markStageDone(input.docId, input.run, stage, null, { durationMs, note: result.result }, now(), result.documentId);
      }
      log.debug({ durationMs }, 'stage done');
      count('completed');
      observe(started);
      options.onSuccess?.(output);
      return { durationMs };
    } catch (error) {
      if (error instanceof StageDeferral && error.pauseStage) {
        log.warn({ delayMs: error.delayMs, reason: error.reason }, 'pausing consumption');
        await ledger.markDeferred(input.docId, input.run, stage, now());
        count('deferred');
        await worker.rateLimit(error.delayMs);
        throw Worker.RateLimitError();
      }
      if (error instanceof StageDeferral && token) {
        log.debug({ delayMs: error.delayMs, reason: error.reason }, 'deferred');
        await ledger.markDeferred(input.docId, input.run, stage, now());
        count('deferred');
        await job.moveToDelayed(Date.now() + error.delayMs, token);
        throw new DelayedError();
      }
      if (error instanceof StageSkip) {
        const durationMs = Math.round(performance.now() - started);
        await ledger.markStageDone(input.docId, input.run, stage, null, { durationMs, note: error.reason }, now(), input.docId);
        log.info({ reason: error.reason }, 'run ends early');
        count('skipped');
        observe(started);
        return { skipped: error.reason };
      }
      const failure = toFailure(error);
      const maxAttempts = job.opts.attempts ?? 1;
      const reason = `${failure.code}: ${failure.message}`;
      options.metrics?.failures.inc({ stage, code: failure.code });
      observe(started);
      if (failure.permanent || attempt >= maxAttempts) {
        log.warn({ code: failure.code, err: failure.message }, 'failed');
        count('failed');
        await ledger.markFailed(input.docId, input.run, stage, attempt, { code: failure.code, message: failure.message }, now());
        throw failure.permanent ? new UnrecoverableError(reason) : new Error(reason);
      }
      log.info({ code: failure.code, err: failure.message }, 'will retry');
      count('retried');
      await ledger.markRetrying(input.docId, input.run, stage, attempt, { code: failure.code, message: failure.message }, now());
      throw new RetryableStageError(reason, failure.retryAfterMs);
    }
  };

  const worker = new Worker(QUEUE[stage], processor, {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    lockDuration: options.lockDurationMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    settings: {
      backoffStrategy: (attemptsMade: number, _type?: string, error?: Error, job?: MinimalJob) => {
        const base = (job?.opts.backoff as { delay?: number } | undefined)?.delay ?? 1_000;
        return retryDelayMs(attemptsMade, base, error instanceof RetryableStageError ? error.retryAfterMs : undefined);
      },
    },
  });

  worker.on('failed', (job, error) => {
    // Jobs that crashed their worker too often never reach the processor's catch block.
    if (!job || !/stalled more than allowable limit/i.test(error.message)) return;
    const data = job.data as { docId?: string; run?: number };
    if (typeof data.docId !== 'string' || typeof data.run !== 'number') return;
    count('failed');
    options.metrics?.failures.inc({ stage, code: 'stalled_too_often' });
    void ledger
      .markFailed(data.docId, data.run, stage, job.attemptsMade, { code: 'stalled_too_often', message: error.message }, now())
      .catch((err: unknown) => logger.error({ err }, 'could not record stalled failure'));
  });
  worker.on('error', (error) => logger.error({ err: error.message }, 'worker error'));
  return worker;
}
