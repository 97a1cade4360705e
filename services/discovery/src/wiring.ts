import type { Redis } from 'ioredis';
import type { Submitter } from '@newsflow/runtime';
import type { HttpFetch } from '@newsflow/fetcher';
import type { DiscoveryConfig } from './config';
import { createSourcePoller, DEFAULT_POLL_SETTINGS, type SubmitUrl } from './sources/poll-source';
import { SourceRegistry } from './sources/registry';
import { createQueueScheduler, type SchedulerQueue } from './sources/scheduler';

/** The Submitter's answer in the poller's terms. */
export function submitThrough(submitter: Pick<Submitter, 'submit'>): SubmitUrl {
  return async (url, hints) => {
    const outcome = await submitter.submit(url, hints);
    return 'error' in outcome ? 'rejected' : outcome.status;
  };
}

/** Registry over Redis with polls scheduled on the discovery queue; shared by API and workers. */
export function createSourceRegistry(redis: Redis, prefix: string, discoveryQueue: SchedulerQueue): SourceRegistry {
  return new SourceRegistry(redis, prefix, createQueueScheduler(discoveryQueue));
}

/** The poll handler as main.ts and the integration tests run it. */
export function buildPoller(config: DiscoveryConfig, io: { registry: SourceRegistry; http: HttpFetch; submitter: Pick<Submitter, 'submit'> }) {
  return createSourcePoller({
    registry: io.registry,
    http: io.http,
    submit: submitThrough(io.submitter),
    now: () => new Date(),
    settings: {
      ...DEFAULT_POLL_SETTINGS,
      lockTtlMs: config.NEWSFLOW_DISCOVERY_LOCK_TTL_MS,
      maxChildSitemaps: config.NEWSFLOW_DISCOVERY_MAX_CHILD_SITEMAPS,
      maxBackoffMs: config.NEWSFLOW_DISCOVERY_MAX_BACKOFF_MS,
      parse: { maxEntries: config.NEWSFLOW_DISCOVERY_MAX_ENTRIES },
    },
  });
}
