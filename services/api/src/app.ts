import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import type { Client } from '@elastic/elasticsearch';
import { z } from 'zod';
import { STAGES, isDocumentId, type StageName } from '@newsflow/contracts';
import type { Logger, Redis, Registry, StatusLedger, Submitter } from '@newsflow/runtime';
import { bearerToken, type ApiKeyring } from './auth';
import { listFailures, retryFailures } from './failures';
import {
  MAX_RESULT_WINDOW,
  decodeCursor,
  deleteArticle,
  deleteByDomain,
  detectCapabilities,
  getArticle,
  reindexToNewVersion,
  searchArticles,
  similarArticles,
  articleTranslations,
} from '@newsflow/search';
import { exportArticles } from './export';
import { registerConsole } from './console';
import { registerSourceRoutes, type SourceRouteDeps } from './routes/sources';
import { registerDocumentRoutes, type DocumentRouteDeps } from './routes/documents';
import { exportQuerySchema, searchQuerySchema } from './schemas';

export interface AppDeps {
  logger: Logger;
  submitter: Submitter;
  ledger: StatusLedger;
  queues: Record<StageName, Queue>;
  search: Client;
  alias: string;
  maxUrlsPerRequest: number;
  bodyLimitBytes: number;
  /** Readiness: Redis and Elasticsearch reachable. */
  ready: () => Promise<{ redis: boolean; elasticsearch: boolean }>;
  auth: { keyring: ApiKeyring; mode: 'required' | 'off'; readsRequireKey: boolean };
  /** Feed/sitemap sources (POST/GET /sources…); the routes exist only when given. */
  sources?: SourceRouteDeps;
  /** Import of documents that are already text (POST /documents); only when given. */
  documents?: DocumentRouteDeps;
  /** Prometheus registry served at /metrics (queue depths are collected on scrape). */
  metrics?: Registry;
  /** Shared counters so the limit holds across API instances; in-process when absent. */
  rateLimit: { redis?: Redis; namespace: string; perKeyPerMinute: number; anonymousPerMinute: number };
}

declare module 'fastify' {
  interface FastifyRequest {
    apiKeyName: string | null;
  }
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parseOr400<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const message = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new HttpError(400, 'invalid_request', message);
  }
  return result.data;
}

/** Builds the HTTP API without listening, so tests can inject requests. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, bodyLimit: deps.bodyLimitBytes });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send({ error: error.code, message: error.message });
    if (isRedisUnavailable(error)) {
      request.log.warn({ err: error.message }, 'redis unavailable');
      return reply.code(503).header('retry-after', '5').send({ error: 'unavailable', message: 'the queue store is unavailable; nothing was accepted, try again shortly' });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const code = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'payload_too_large' : 'invalid_request';
      return reply.code(status).send({ error: code, message: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal_error', message: 'internal error' });
  });
  app.decorateRequest('apiKeyName', null);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request.headers.authorization);
    if (token !== null) {
      request.apiKeyName = deps.auth.keyring.verify(token);
      if (request.apiKeyName === null) throw new HttpError(401, 'unauthorized', 'the API key is not valid (revoked or mistyped)');
      return;
    }
    // Console pages and assets are public shells: the data they load carries the key.
    const consoleShell = (request.routeOptions.config as { consoleShell?: boolean } | undefined)?.consoleShell === true;
    if (deps.auth.mode === 'off' || consoleShell || request.url === '/healthz' || request.url === '/readyz' || request.url === '/metrics') return;
    const isWrite = request.method !== 'GET' && request.method !== 'HEAD';
    if (isWrite || deps.auth.readsRequireKey) {
      throw new HttpError(401, 'unauthorized', 'this request needs an API key: send Authorization: Bearer <key>');
    }
  });
  void app.register(rateLimit, {
    global: true,
    ...(deps.rateLimit.redis ? { redis: deps.rateLimit.redis, nameSpace: deps.rateLimit.namespace } : {}),
    // A Redis outage must surface as 503 from the route, not as a rate-limit error.
    skipOnError: true,
    timeWindow: 60_000,
    max: (request) => (request.apiKeyName ? deps.rateLimit.perKeyPerMinute : deps.rateLimit.anonymousPerMinute),
    keyGenerator: (request) => (request.apiKeyName ? `key:${request.apiKeyName}` : `ip:${request.ip}`),
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz' || request.url === '/metrics' || request.url.startsWith('/admin/queues'),
    errorResponseBuilder: (_request, context) => {
      const error = new HttpError(429, 'rate_limited', `rate limit of ${context.max} requests per minute exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`);
      return error;
    },
  });

  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` }));

  // Registered after the rate limiter so that its route hooks apply to every route.
  void app.register(async (api) => registerRoutes(api, deps));
  // A plain call, not app.register: the console's options carry a queue prefix, which fastify
  // would take for a route prefix.
  registerConsole(app, { queues: deps.queues, prefix: deps.queues.fetch.opts.prefix ?? 'bull' });

  return app;
}

function registerRoutes(api: FastifyInstance, deps: AppDeps): void {
  if (deps.sources) registerSourceRoutes(api, deps.sources);
  if (deps.documents) registerDocumentRoutes(api, deps.documents);
  api.get('/healthz', async () => ({ status: 'ok' }));
  api.get('/metrics', async (_request, reply) => {
    if (!deps.metrics) throw new HttpError(404, 'not_found', 'metrics are not enabled');
    return reply.header('content-type', deps.metrics.contentType).send(await deps.metrics.metrics());
  });
  api.get('/readyz', async (_request, reply) => {
    const state = await deps.ready();
    const ok = state.redis && state.elasticsearch;
    return reply.code(ok ? 200 : 503).send({ ready: ok, ...state });
  });

  const submitSchema = z
    .object({ urls: z.array(z.string().max(10_000)).min(1, 'urls must not be empty').max(deps.maxUrlsPerRequest, `at most ${deps.maxUrlsPerRequest} URLs per request`) })
    .strict();

  api.post('/urls', async (request, reply) => {
    const { urls } = parseOr400(submitSchema, request.body);
    const outcomes = await deps.submitter.submitMany(urls);
    const items = outcomes.map((o) => ('error' in o ? { url: o.input, error: o.error, message: o.message } : { url: o.url, id: o.id, status: o.status }));
    const accepted = items.filter((i) => 'id' in i).length;
    return reply.code(202).send({ accepted, rejected: items.length - accepted, items });
  });

  api.get<{ Params: { id: string } }>('/urls/:id', async (request) => {
    const { id } = request.params;
    if (!isDocumentId(id)) throw new HttpError(400, 'invalid_id', 'id must be 32 hexadecimal characters');
    const status = await deps.ledger.get(id);
    if (!status) throw new HttpError(404, 'not_found', `no URL with id ${id} was submitted`);
    return status;
  });

  api.get('/queues', async () => {
    const entries = await Promise.all(
      STAGES.map(async (stage) => {
        const counts = await deps.queues[stage].getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children', 'paused');
        return {
          stage,
          queue: deps.queues[stage].name,
          waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          completed: counts.completed ?? 0,
          failed: counts.failed ?? 0,
        };
      }),
    );
    return { queues: entries };
  });

  const failureFilter = z
    .object({
      stage: z.enum(STAGES as [StageName, ...StageName[]]).optional(),
      code: z.string().regex(/^[a-z0-9_]+$/).max(64).optional(),
      examples: z.coerce.number().int().min(0).max(100).default(5),
    })
    .strict();
  api.get('/failures', async (request) => listFailures(deps.queues, parseOr400(failureFilter, request.query)));

  const retrySchema = z
    .object({
      stage: z.enum(STAGES as [StageName, ...StageName[]]).optional(),
      code: z.string().regex(/^[a-z0-9_]+$/).max(64).optional(),
      includePermanent: z.boolean().default(false),
      limit: z.number().int().min(1).max(10_000).default(1_000),
    })
    .strict();
  api.post('/failures/retry', async (request, reply) => {
    const result = await retryFailures(deps.queues, deps.submitter, parseOr400(retrySchema, request.body ?? {}));
    return reply.code(202).send(result);
  });

  api.get('/search', async (request) => {
    const params = parseOr400(searchQuerySchema, request.query);
    if (!params.after && params.page * params.size > MAX_RESULT_WINDOW) {
      throw new HttpError(400, 'invalid_request', `page * size may not exceed ${MAX_RESULT_WINDOW}; use the "after" cursor for deeper pages`);
    }
    if (params.after && !decodeCursor(params.after)) throw new HttpError(400, 'invalid_request', 'after is not a cursor returned by this API');
    return searchArticles(deps.search, deps.alias, params);
  });

  api.get<{ Params: { id: string } }>('/articles/:id', async (request) => {
    const { id } = request.params;
    if (!isDocumentId(id)) throw new HttpError(400, 'invalid_id', 'id must be 32 hexadecimal characters');
    const article = await getArticle(deps.search, deps.alias, id);
    if (!article) throw new HttpError(404, 'not_found', `no article with id ${id}`);
    return article;
  });

  api.get<{ Params: { id: string }; Querystring: { size?: string } }>('/articles/:id/similar', async (request) => {
    const { id } = request.params;
    if (!isDocumentId(id)) throw new HttpError(400, 'invalid_id', 'id must be 32 hexadecimal characters');
    const size = parseOr400(z.coerce.number().int().min(1).max(50).default(10), request.query.size);
    const result = await similarArticles(deps.search, deps.alias, id, size);
    if (!result) throw new HttpError(404, 'not_found', `no article with id ${id}`);
    return result;
  });

  api.get<{ Params: { id: string } }>('/articles/:id/translations', async (request) => {
    const { id } = request.params;
    if (!isDocumentId(id)) throw new HttpError(400, 'invalid_id', 'id must be 32 hexadecimal characters');
    const result = await articleTranslations(deps.search, deps.alias, id);
    if (!result) throw new HttpError(404, 'not_found', `no article with id ${id}`);
    return result;
  });

  api.delete<{ Params: { id: string } }>('/articles/:id', async (request, reply) => {
    const { id } = request.params;
    if (!isDocumentId(id)) throw new HttpError(400, 'invalid_id', 'id must be 32 hexadecimal characters');
    if (!(await deleteArticle(deps.search, deps.alias, id))) throw new HttpError(404, 'not_found', `no article with id ${id}`);
    request.log.info({ documentId: id, by: request.apiKeyName }, 'article deleted');
    return reply.code(200).send({ deleted: 1 });
  });

  api.delete('/articles', async (request) => {
    const { domain } = parseOr400(z.object({ domain: z.string().min(1).max(253).regex(/^[a-z0-9.-]+$/i, 'domain is a host name') }).strict(), request.query);
    const deleted = await deleteByDomain(deps.search, deps.alias, domain);
    request.log.info({ domain, deleted, by: request.apiKeyName }, 'takedown by domain');
    return { deleted };
  });

  api.get('/export', async (request, reply) => {
    const { format, limit, ...params } = parseOr400(exportQuerySchema, request.query);
    const stream = exportArticles(deps.search, deps.alias, params, format, limit);
    const type = { ndjson: 'application/x-ndjson', csv: 'text/csv; charset=utf-8', zip: 'application/zip' }[format];
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return reply
      .header('content-type', type)
      .header('content-disposition', `attachment; filename="newsflow-export-${stamp}.${format}"`)
      .send(stream);
  });

  api.post('/admin/reindex', async (request) => {
    const result = await reindexToNewVersion(deps.search, { alias: deps.alias, capabilities: await detectCapabilities(deps.search), logger: request.log as unknown as Logger });
    return result;
  });

}

function isRedisUnavailable(error: Error): boolean {
  return /Stream isn't writeable|Connection is closed|ECONNREFUSED|enableOfflineQueue|MaxRetriesPerRequest|Command timed out/i.test(error.message);
}
