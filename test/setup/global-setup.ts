import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    elasticsearchUrl: string;
    infraSource: string;
  }
}

type Stop = () => Promise<void>;

/**
 * Real Redis and Elasticsearch for the integration tests, from (in order): REDIS_URL and
 * ELASTICSEARCH_URL; testcontainers when a Docker engine answers; the project's infra/ scripts,
 * which install and start local servers (or reuse healthy ones).
 */
export default async function setup(project: TestProject): Promise<Stop | undefined> {
  const fromEnv = { redis: process.env.REDIS_URL, es: process.env.ELASTICSEARCH_URL };
  if (fromEnv.redis && fromEnv.es) {
    project.provide('redisUrl', fromEnv.redis);
    project.provide('elasticsearchUrl', fromEnv.es);
    project.provide('infraSource', 'environment');
    return undefined;
  }
  const containers = await tryContainers();
  if (containers) {
    project.provide('redisUrl', fromEnv.redis ?? containers.redisUrl);
    project.provide('elasticsearchUrl', fromEnv.es ?? containers.elasticsearchUrl);
    project.provide('infraSource', 'testcontainers');
    return containers.stop;
  }
  execFileSync('bash', [join(root, 'infra', 'infra.sh'), 'up'], { stdio: 'inherit' });
  project.provide('redisUrl', fromEnv.redis ?? `redis://127.0.0.1:${process.env.NEWSFLOW_REDIS_PORT ?? 6379}`);
  project.provide('elasticsearchUrl', fromEnv.es ?? `http://127.0.0.1:${process.env.NEWSFLOW_ES_PORT ?? 9200}`);
  project.provide('infraSource', 'infra-scripts');
  return undefined;
}

async function tryContainers(): Promise<{ redisUrl: string; elasticsearchUrl: string; stop: Stop } | null> {
  const { getContainerRuntimeClient, GenericContainer, Wait } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null; // no Docker engine here: fall back to local servers
  }
  const redis = await new GenericContainer('redis:7.4')
    .withCommand(['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'])
    .withExposedPorts(6379)
    .start();
  const es = await new GenericContainer('docker.elastic.co/elasticsearch/elasticsearch:9.5.4')
    .withEnvironment({ 'discovery.type': 'single-node', 'xpack.security.enabled': 'false', ES_JAVA_OPTS: '-Xms512m -Xmx512m' })
    .withExposedPorts(9200)
    .withWaitStrategy(Wait.forHttp('/_cluster/health?wait_for_status=yellow', 9200).forStatusCode(200))
    .withStartupTimeout(180_000)
    .start();
  return {
    redisUrl: `redis://${redis.getHost()}:${redis.getMappedPort(6379)}`,
    elasticsearchUrl: `http://${es.getHost()}:${es.getMappedPort(9200)}`,
    stop: async () => {
      await Promise.all([redis.stop(), es.stop()]);
    },
  };
}
