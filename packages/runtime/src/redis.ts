import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

export type { Redis } from 'ioredis';

export interface RedisConnectionOptions {
  /** Name shown by CLIENT LIST, e.g. "newsflow:fetcher". */
  name: string;
  /**
   * Workers block on Redis and must wait through outages (BullMQ requires unlimited retries).
   * Producers in request paths must fail fast instead so the API can answer 503.
   */
  role: 'worker' | 'producer';
}

const CLUSTER_SCHEME = 'redis-cluster://';

/** `redis-cluster://host:port,host:port` names the seed nodes of a Redis Cluster. */
export function isClusterUrl(url: string): boolean {
  return url.startsWith(CLUSTER_SCHEME);
}

/**
 * On Redis Cluster every multi-key operation (BullMQ's Lua scripts, ours) must stay in one hash
 * slot, which a hash-tagged prefix such as "{newsflow}" guarantees.
 */
export function assertClusterSafePrefix(url: string, prefix: string): void {
  if (isClusterUrl(url) && !/^\{[^{}]+\}/.test(prefix)) {
    throw new Error(`NEWSFLOW_QUEUE_PREFIX "${prefix}" must start with a hash tag such as "{${prefix.replace(/[{}]/g, '')}}" on Redis Cluster`);
  }
}

function clusterNodes(url: string): { host: string; port: number }[] {
  return url
    .slice(CLUSTER_SCHEME.length)
    .split(',')
    .map((node) => {
      const [host, port] = node.trim().split(':');
      return { host: host || '127.0.0.1', port: Number(port || 6379) };
    });
}

export function createRedis(url: string, options: RedisConnectionOptions, logger?: Logger): Redis {
  const base: RedisOptions = {
    connectionName: options.name,
    // Reconnect forever with capped backoff: a Redis restart must not kill the services.
    retryStrategy: (times) => Math.min(200 * 2 ** Math.min(times, 6), 5_000),
    lazyConnect: false,
  };
  const roleOptions: RedisOptions =
    options.role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, commandTimeout: 5_000 };
  // A Cluster client speaks the same commands; callers (BullMQ included) accept either, so it is
  // handed out under the one client type the code base uses.
  const redis = isClusterUrl(url)
    ? (new Cluster(clusterNodes(url), {
        redisOptions: { ...base, ...roleOptions },
        clusterRetryStrategy: base.retryStrategy,
        enableOfflineQueue: roleOptions.enableOfflineQueue ?? true,
        ...(options.role === 'worker' ? {} : { enableReadyCheck: true }),
      }) as unknown as Redis)
    : new Redis(url, { ...base, ...roleOptions });
  let lastError = '';
  redis.on('error', (error: Error) => {
    // ioredis repeats the same error on every reconnect attempt; log each distinct one once.
    if (error.message !== lastError) logger?.warn({ err: error.message }, 'redis connection error');
    lastError = error.message;
  });
  redis.on('ready', () => {
    if (lastError) logger?.info('redis connection restored');
    lastError = '';
  });
  return redis;
}

/**
 * BullMQ loses jobs silently when Redis evicts keys, so refuse to run against a Redis that may.
 * Reads INFO (allowed on managed services where CONFIG is not).
 */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const info = await redis.info('memory');
  const match = /maxmemory_policy:(\S+)/.exec(info);
  const policy = match?.[1];
  if (policy && policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy}"; Newsflow requires "noeviction" because any eviction silently loses queued jobs. ` +
        'Set it in redis.conf (maxmemory-policy noeviction) or with: redis-cli config set maxmemory-policy noeviction',
    );
  }
}

/** Waits until the connection is ready, or fails with a readable message after timeoutMs. */
export async function waitForRedis(redis: Redis, timeoutMs: number, url: string): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis at ${url} did not answer within ${timeoutMs} ms (is it running? try: npm run infra:up)`));
    }, timeoutMs);
    const onReady = (): void => {
      cleanup();
      resolve();
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
