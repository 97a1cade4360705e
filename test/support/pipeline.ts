import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Cluster } from 'ioredis';
import { createRedis, isClusterUrl, type Redis } from '@newsflow/runtime';
import { Client } from '@elastic/elasticsearch';
import { deleteArticleIndex } from '@newsflow/search';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SERVICES = ['fetcher', 'cleaner', 'langdetect', 'enricher', 'indexer', 'api'] as const;
/** Services that startService can run besides the pipeline's own. */
export type ExtraService = 'discovery';
export type ServiceName = (typeof SERVICES)[number];

/**
 * Several distinct free ports at once. Asking for one port at a time can hand out the same port
 * twice, since a port released by one probe is free again for the next.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A unique name for one test's queues and index, so suites never see each other's data. */
export function uniqueName(label: string): string {
  return `t${label}-${Date.now().toString(36)}${randomBytes(3).toString('hex')}`.toLowerCase();
}

export interface RunningProcess {
  name: ServiceName | ExtraService;
  child: ChildProcess;
  output: () => string;
}

export function startService(name: ServiceName | ExtraService, env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'services', name, 'src', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, child, output: () => output };
}

export async function stopProcess(proc: RunningProcess, signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 15_000): Promise<number | null> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return proc.child.exitCode;
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.child.kill('SIGKILL'), timeoutMs);
    proc.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    proc.child.kill(signal);
  });
}

export interface Pipeline {
  apiUrl: string;
  /** A valid API key for writes (sent as Bearer by `api()` when passed as `key`). */
  apiKey: string;
  /** Each worker's /healthz, /readyz and /metrics endpoint. */
  healthUrls: Partial<Record<ServiceName, string>>;
  prefix: string;
  alias: string;
  processes: RunningProcess[];
  logs: () => string;
  stop: () => Promise<void>;
}

/** Starts every service as its own process against real Redis and Elasticsearch. */
export async function startPipeline(options: {
  redisUrl: string;
  elasticsearchUrl: string;
  label: string;
  env?: Record<string, string>;
}): Promise<Pipeline> {
  const name = uniqueName(options.label);
  // Redis Cluster needs every key of a pipeline in one hash slot; index names cannot have braces.
  const prefix = isClusterUrl(options.redisUrl) ? `{${name}}` : name;
  const alias = name;
  const [apiPort, ...workerPorts] = await freePorts(SERVICES.length);
  const apiKey = randomBytes(24).toString('hex');
  const env: Record<string, string> = {
    NEWSFLOW_API_KEYS: `tests:${apiKey}`,
    REDIS_URL: options.redisUrl,
    ELASTICSEARCH_URL: options.elasticsearchUrl,
    NEWSFLOW_QUEUE_PREFIX: prefix,
    NEWSFLOW_INDEX_ALIAS: alias,
    NEWSFLOW_API_PORT: String(apiPort),
    NEWSFLOW_INDEX_REFRESH: 'wait_for',
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const healthPorts = new Map<ServiceName, number>(SERVICES.filter((name) => name !== 'api').map((name, i) => [name, workerPorts[i]!]));
  const processes = SERVICES.map((name) => startService(name, healthPorts.has(name) ? { ...env, NEWSFLOW_HEALTH_PORT: String(healthPorts.get(name)) } : env));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const logs = (): string => processes.map((p) => `----- ${p.name}\n${p.output().slice(-8_000)}`).join('\n');
  const deadline = Date.now() + 60_000;
  const abort = async (message: string): Promise<never> => {
    // Never leave half a pipeline running behind a failed start.
    await Promise.all(processes.map((p) => stopProcess(p, 'SIGKILL')));
    throw new Error(`${message}:\n${logs()}`);
  };
  for (;;) {
    const dead = processes.find((p) => p.child.exitCode !== null);
    if (dead) await abort(`${dead.name} exited during start-up`);
    try {
      const response = await fetch(`${apiUrl}/readyz`);
      // The API's readiness names Elasticsearch; anything else on that port is not our API.
      if (response.ok && 'elasticsearch' in ((await response.json()) as object)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) await abort('API not ready within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    apiUrl,
    apiKey,
    healthUrls: Object.fromEntries([...healthPorts.entries()].map(([name, port]) => [name, `http://127.0.0.1:${port}`])),
    prefix,
    alias,
    processes,
    logs,
    stop: async () => {
      await Promise.all(processes.map((p) => stopProcess(p)));
      await cleanupNamespace(options.redisUrl, options.elasticsearchUrl, prefix, alias);
    },
  };
}

/** Deletes every key matching a pattern, on one server or on every master of a cluster. */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  const nodes = (redis as unknown) instanceof Cluster ? (redis as unknown as Cluster).nodes('master') : [redis];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      // One key per DEL: keys of one scan batch may live in different cluster slots.
      if (keys.length) await Promise.all(keys.map((key) => redis.del(key)));
    } while (cursor !== '0');
  }
}

/** Deletes a test's queues, ledger and index. */
export async function cleanupNamespace(redisUrl: string, elasticsearchUrl: string, prefix: string, alias: string): Promise<void> {
  const redis = createRedis(redisUrl, { name: 'test:cleanup', role: 'worker' });
  try {
    await new Promise<void>((resolve, reject) => {
      if (redis.status === 'ready') return resolve();
      redis.once('ready', () => resolve());
      redis.once('error', reject);
    });
    await deleteKeys(redis, `${prefix}:*`);
  } finally {
    redis.disconnect();
  }
  const es = new Client({ node: elasticsearchUrl });
  try {
    await deleteArticleIndex(es, alias);
  } finally {
    await es.close();
  }
}

export async function api<T = unknown>(
  base: string,
  path: string,
  init?: { method?: string; body?: unknown; headers?: Record<string, string>; key?: string },
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(`${base}${path}`, {
    method: init?.method ?? (init?.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init?.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init?.key ? { authorization: `Bearer ${init.key}` } : {}),
      ...init?.headers,
    },
    ...(init?.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, body: body as T, headers: response.headers };
}

/** Polls GET /urls/:id until the URL is done or failed. */
export interface UrlOutcome {
  id: string;
  run: number;
  state: string;
  stage: string;
  error?: { code: string; message: string };
  documentId?: string;
}

export async function waitForOutcome(apiUrl: string, id: string, timeoutMs = 90_000): Promise<UrlOutcome> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api<UrlOutcome>(apiUrl, `/urls/${id}`);
    if (body.state === 'done' || body.state === 'failed') return body;
    if (Date.now() > deadline) throw new Error(`URL ${id} still ${body.state} at ${body.stage} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
