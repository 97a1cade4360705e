import type { PollJob } from '@newsflow/contracts';

/** Schedules the polls of sources; the BullMQ implementation is below, tests may use their own. */
export interface PollScheduler {
  /** Creates or updates the source's repeating poll (idempotent, safe from any process). */
  schedule(sourceId: string, everyMs: number): Promise<void>;
  unschedule(sourceId: string): Promise<void>;
  /** Epoch ms of the next scheduled poll, or null when the source has none. */
  nextRun(sourceId: string): Promise<number | null>;
  /** Polls once, as soon as a discovery worker is free. */
  pollNow(sourceId: string): Promise<void>;
}

/**
 * The part of a BullMQ Queue the scheduler uses. Typed structurally so this module stays free
 * of bullmq (the house rule for service code); main.ts and the API pass a real Queue.
 */
export interface SchedulerQueue {
  upsertJobScheduler(
    jobSchedulerId: string,
    repeatOpts: { every: number },
    jobTemplate: { name: string; data: PollJob; opts?: { removeOnComplete?: number; removeOnFail?: number; attempts?: number } },
  ): Promise<unknown>;
  removeJobScheduler(jobSchedulerId: string): Promise<boolean>;
  getJobScheduler(jobSchedulerId: string): Promise<{ next?: number | null } | undefined | null>;
  add(name: string, data: PollJob, opts?: { jobId?: string; removeOnComplete?: number; removeOnFail?: number }): Promise<unknown>;
}

export const POLL_JOB_NAME = 'poll';

export function schedulerIdFor(sourceId: string): string {
  return `source-${sourceId}`;
}

/**
 * BullMQ job schedulers keep one repeating job per source in Redis: however many discovery
 * processes run, each scheduled poll is one job that exactly one worker takes.
 */
export function createQueueScheduler(queue: SchedulerQueue, now: () => number = Date.now): PollScheduler {
  return {
    async schedule(sourceId, everyMs) {
      await queue.upsertJobScheduler(schedulerIdFor(sourceId), { every: everyMs }, {
        name: POLL_JOB_NAME,
        data: { sourceId },
        // A failed poll is recorded on the source and retried by the next scheduled one.
        opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 1 },
      });
    },
    async unschedule(sourceId) {
      await queue.removeJobScheduler(schedulerIdFor(sourceId));
    },
    async nextRun(sourceId) {
      const scheduler = await queue.getJobScheduler(schedulerIdFor(sourceId));
      return scheduler?.next ?? null;
    },
    async pollNow(sourceId) {
      // One pending manual poll per source per second is plenty; the id dedups double clicks.
      await queue.add(POLL_JOB_NAME, { sourceId }, { jobId: `manual-${sourceId}-${Math.floor(now() / 1000)}`, removeOnComplete: 100, removeOnFail: 100 });
    },
  };
}
