import { Redis } from 'ioredis';
import { pino } from 'pino';
import { StageDeferral, StageFailure, StageSkip, identifyUrl, type CleanJob, type FetchJob } from '@newsflow/contracts';
import { loadConfig } from '../../../services/fetcher/src/config';
import { deleteKeys } from '../../support/pipeline';
import { buildFetcher } from '../../../services/fetcher/src/wiring';
import type { ResolveHost } from '../../../services/fetcher/src/guarded-agent';

export const silentLogger = pino({ level: 'silent' });

export interface StageInstance {
  run: (url: string, run?: number) => Promise<CleanJob>;
  stored: Map<string, string>;
  redis: Redis;
  close: () => Promise<void>;
}

/** One fetcher as main.ts wires it, with its own Redis connection, and short test timeouts. */
export function fetcherInstance(redisUrl: string, prefix: string, env: Record<string, string>, resolve?: ResolveHost): StageInstance {
  const config = loadConfig({
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_FETCH_CONNECT_TIMEOUT_MS: '1000',
    NEWSFLOW_FETCH_HEADERS_TIMEOUT_MS: '1000',
    NEWSFLOW_FETCH_IDLE_TIMEOUT_MS: '1000',
    NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS: '4000',
    NEWSFLOW_FETCH_HOST_MIN_SPACING_MS: '0',
    ...env,
  });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const stored = new Map<string, string>();
  const fetcher = buildFetcher(config, {
    redis,
    prefix,
    storeHtml: async (docId, run, html) => {
      stored.set(`${docId}-${run}`, html);
      return `html:${docId}-${run}`;
    },
    ...(resolve ? { resolve } : {}),
  });
  return {
    run: (url, run = 1) => {
      const { id } = identifyUrl(url);
      const input: FetchJob = { docId: id, run, url, submittedAt: new Date().toISOString() };
      return fetcher.handler(input, { logger: silentLogger, attempt: 1 });
    },
    stored,
    redis,
    close: async () => {
      await fetcher.close();
      redis.disconnect();
    },
  };
}

export type StageOutcome = { kind: 'ok'; job: CleanJob } | { kind: 'failed'; error: StageFailure } | { kind: 'deferred'; error: StageDeferral } | { kind: 'skipped'; error: StageSkip };

export async function stageOutcome(work: Promise<CleanJob>): Promise<StageOutcome> {
  try {
    return { kind: 'ok', job: await work };
  } catch (error) {
    if (error instanceof StageFailure) return { kind: 'failed', error };
    if (error instanceof StageDeferral) return { kind: 'deferred', error };
    if (error instanceof StageSkip) return { kind: 'skipped', error };
    throw error;
  }
}

/** A compact summary for assertions: "ok", "failed:http_4xx", "deferred", "skipped:not_modified". */
export function summary(outcome: StageOutcome): string {
  switch (outcome.kind) {
    case 'ok':
      return 'ok';
    case 'failed':
      return `failed:${outcome.error.code}`;
    case 'deferred':
      return 'deferred';
    case 'skipped':
      return `skipped:${outcome.error.reason}`;
  }
}

/** Deletes only the keys this test created. */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    await deleteKeys(redis, `${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}
