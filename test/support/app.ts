import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { StatusLedger, Submitter, createQueues, type Redis } from '@newsflow/runtime';
import { clusterReachable, type Client } from '@newsflow/search';
import { buildApp, type AppDeps } from '../../services/api/src/app';
import { ApiKeyring } from '../../services/api/src/auth';

/**
 * The real API built in-process (fastify inject or listen) on real Redis and Elasticsearch, with
 * one API key, for tests that need the routes but not the worker processes.
 */
export function buildTestApp(options: { redis: Redis; search: Client; prefix: string; alias: string; key: string; overrides?: Partial<AppDeps> }): FastifyInstance {
  const { redis, search, prefix, alias, key } = options;
  const queues = createQueues(redis, prefix);
  const ledger = new StatusLedger(redis, prefix);
  return buildApp({
    logger: pino({ level: 'silent' }),
    submitter: new Submitter(ledger, queues.fetch),
    ledger,
    queues,
    search,
    alias,
    maxUrlsPerRequest: 100,
    bodyLimitBytes: 1e6,
    ready: async () => ({ redis: redis.status === 'ready', elasticsearch: await clusterReachable(search) }),
    auth: { keyring: ApiKeyring.parse(`tests:${key}`), mode: 'required', readsRequireKey: false },
    rateLimit: { namespace: `${prefix}:rl:`, perKeyPerMinute: 100_000, anonymousPerMinute: 100_000 },
    ...options.overrides,
  });
}
