import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { STAGES, type StageName } from '@newsflow/contracts';

export interface ThroughputBucket {
  /** Start of the minute, ISO 8601. */
  from: string;
  completed: number;
}

export interface StageSnapshot {
  stage: StageName;
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  /** Age of the job that has waited longest, or null when nothing waits. */
  oldestWaitingAgeMs: number | null;
  /** Completed jobs per minute, oldest minute first; the last bucket is the current, partial minute. */
  throughput: ThroughputBucket[];
}

export interface PipelineSnapshot {
  generatedAt: string;
  windowMinutes: number;
  stages: StageSnapshot[];
}

export const THROUGHPUT_WINDOW_MINUTES = 10;

/**
 * Minute windows ending with the current (partial) minute. BullMQ scores its completed set by
 * finish time, so counting members per window gives throughput without keeping state in the API:
 * every API instance answers the same, and a restart loses no history.
 */
export function minuteWindows(now: number, minutes: number): { from: number; to: number }[] {
  const currentMinute = Math.floor(now / 60_000) * 60_000;
  return Array.from({ length: minutes }, (_, i) => {
    const from = currentMinute - (minutes - 1 - i) * 60_000;
    return { from, to: from + 60_000 - 1 };
  });
}

async function completedPerMinute(queue: Queue, windows: { from: number; to: number }[]): Promise<number[]> {
  // BullMQ types its connection loosely; it is the ioredis client the queues were created with.
  const client = (await queue.client) as unknown as Redis;
  const batch = client.pipeline();
  for (const window of windows) batch.zcount(queue.keys.completed!, window.from, window.to);
  const replies = (await batch.exec()) ?? [];
  return replies.map(([error, count]) => {
    if (error) throw error;
    return Number(count);
  });
}

async function oldestWaitingAgeMs(queue: Queue, now: number): Promise<number | null> {
  // asc=true reads the end of the wait list that workers take from next, i.e. the oldest job.
  const [oldest] = await queue.getJobs(['wait', 'prioritized'], 0, 0, true);
  return oldest ? Math.max(0, now - oldest.timestamp) : null;
}

/** Per-stage depth, age of the oldest waiting job, and recent throughput for the pipeline page. */
export async function pipelineSnapshot(queues: Record<StageName, Queue>, now = Date.now()): Promise<PipelineSnapshot> {
  const windows = minuteWindows(now, THROUGHPUT_WINDOW_MINUTES);
  const stages = await Promise.all(
    STAGES.map(async (stage): Promise<StageSnapshot> => {
      const queue = queues[stage];
      const [counts, oldest, perMinute] = await Promise.all([
        queue.getJobCounts('waiting', 'prioritized', 'paused', 'active', 'delayed', 'completed', 'failed'),
        oldestWaitingAgeMs(queue, now),
        completedPerMinute(queue, windows),
      ]);
      return {
        stage,
        queue: queue.name,
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
        completed: counts.completed ?? 0,
        oldestWaitingAgeMs: oldest,
        throughput: windows.map((window, i) => ({ from: new Date(window.from).toISOString(), completed: perMinute[i] ?? 0 })),
      };
    }),
  );
  return { generatedAt: new Date(now).toISOString(), windowMinutes: THROUGHPUT_WINDOW_MINUTES, stages };
}
