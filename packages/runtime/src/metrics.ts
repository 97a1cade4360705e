import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Queue } from 'bullmq';
import { STAGES, type StageName } from '@newsflow/contracts';

export type { Registry } from 'prom-client';

/** Per-process Prometheus metrics: Node's defaults plus what every stage worker records. */
export interface StageMetrics {
  registry: Registry;
  jobs: Counter<'stage' | 'outcome'>;
  failures: Counter<'stage' | 'code'>;
  duration: Histogram<'stage'>;
}

/** A registry with Node's process metrics (CPU, RSS, heap, event-loop lag), labelled by service. */
export function createRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: 'newsflow_' });
  return registry;
}

export function createStageMetrics(service: string): StageMetrics {
  const registry = createRegistry(service);
  return {
    registry,
    jobs: new Counter({
      name: 'newsflow_stage_jobs_total',
      help: 'Jobs finished by a stage worker, by outcome (completed, failed, retried, deferred, skipped, superseded)',
      labelNames: ['stage', 'outcome'],
      registers: [registry],
    }),
    failures: new Counter({
      name: 'newsflow_stage_failures_total',
      help: 'Failed attempts by stage and reason code (retried ones included)',
      labelNames: ['stage', 'code'],
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'newsflow_stage_duration_seconds',
      help: 'Time a stage spent on one job',
      labelNames: ['stage'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
}

/** Queue depths, read from Redis when Prometheus scrapes (for the API's /metrics). */
export function registerQueueDepthGauge(registry: Registry, queues: Record<StageName, Queue>): void {
  new Gauge({
    name: 'newsflow_queue_jobs',
    help: 'Jobs per queue and state',
    labelNames: ['stage', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        STAGES.map(async (stage) => {
          const counts = await queues[stage].getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
          for (const [state, value] of Object.entries(counts)) this.set({ stage, state }, value);
        }),
      );
    },
  });
}
