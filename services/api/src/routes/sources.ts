import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { InvalidUrlError, normalizeUrl } from '@newsflow/contracts';
import type { Submitter } from '@newsflow/runtime';
import type { AutodiscoveryResult, SourceRecord, SourceRegistry } from '@newsflow/discovery';

export interface SourceRouteDeps {
  registry: SourceRegistry;
  /** Used by POST /sources/:id/refetch to submit an edited article again. */
  submitter: Pick<Submitter, 'submit'>;
  /** Finds a site's feeds and sitemaps (guarded HTTP); POST /sources/discover answers 501 without it. */
  autodiscover?: (siteUrl: string) => Promise<AutodiscoveryResult>;
  /** Shortest poll interval a source may ask for; protects publishers and the pipeline. */
  minIntervalSeconds: number;
  defaultIntervalSeconds: number;
}

const MAX_INTERVAL_SECONDS = 7 * 86_400;
const SOURCE_ID = /^[0-9a-f]{16}$/;

function send(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).send({ error, message });
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown, reply: FastifyReply): T | null {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const message = result.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  void send(reply, 400, 'invalid_request', message);
  return null;
}

/** A source as the API shows it: settings, schedule and the outcome of its polls. */
export async function sourceView(registry: SourceRegistry, source: SourceRecord): Promise<Record<string, unknown>> {
  const [itemsSeen, nextPollAt] = await Promise.all([registry.seenCount(source.id), registry.nextPollAt(source)]);
  return {
    id: source.id,
    url: source.url,
    ...(source.name ? { name: source.name } : {}),
    state: source.state,
    intervalSeconds: source.intervalSeconds,
    refetchUpdated: source.refetchUpdated,
    backfill: source.backfill,
    createdAt: source.createdAt,
    ...(source.format ? { format: source.format } : {}),
    ...(source.title ? { title: source.title } : {}),
    lastPollAt: source.lastPoll?.at ?? null,
    nextPollAt,
    /** Distinct article URLs the source has listed so far. */
    itemsSeen,
    /** Articles submitted by the last poll. */
    newItems: source.lastPoll?.submitted ?? 0,
    totalSubmitted: source.totalSubmitted,
    ...(source.lastPoll ? { lastPoll: source.lastPoll } : {}),
    lastError: source.lastError ?? null,
    consecutiveFailures: source.consecutiveFailures,
    ...(source.backoffUntil ? { backoffUntil: source.backoffUntil } : {}),
    ...(source.watermark ? { watermark: source.watermark } : {}),
  };
}

/**
 * Sources: feeds, sitemaps and URL lists polled on a schedule.
 *   POST   /sources                 add (idempotent per URL; 201 created, 200 existing)
 *   GET    /sources                 list with status
 *   GET    /sources/:id             one source: last/next poll, items seen, new items, last error
 *   PATCH  /sources/:id             change interval, name, refetchUpdated
 *   POST   /sources/:id/pause|resume|poll
 *   POST   /sources/:id/refetch     submit one of its articles again (after an edit)
 *   DELETE /sources/:id
 *   POST   /sources/discover        find a site's feeds and sitemaps
 */
export function registerSourceRoutes(api: FastifyInstance, deps: SourceRouteDeps): void {
  const { registry } = deps;
  const interval = z.number().int().min(deps.minIntervalSeconds, `intervalSeconds must be at least ${deps.minIntervalSeconds}`).max(MAX_INTERVAL_SECONDS);
  const addSchema = z
    .object({
      url: z.string().min(1).max(4096),
      name: z.string().min(1).max(200).optional(),
      intervalSeconds: interval.default(Math.max(deps.defaultIntervalSeconds, deps.minIntervalSeconds)),
      refetchUpdated: z.boolean().default(false),
      backfill: z.boolean().default(true),
    })
    .strict();
  const patchSchema = z.object({ intervalSeconds: interval.optional(), name: z.string().min(1).max(200).optional(), refetchUpdated: z.boolean().optional() }).strict();
  const urlSchema = z.object({ url: z.string().min(1).max(4096) }).strict();

  const withSource = async (id: string, reply: FastifyReply): Promise<SourceRecord | null> => {
    if (!SOURCE_ID.test(id)) {
      void send(reply, 400, 'invalid_id', 'a source id is 16 hexadecimal characters');
      return null;
    }
    const source = await registry.get(id);
    if (!source) void send(reply, 404, 'not_found', `no source with id ${id}`);
    return source;
  };

  api.post('/sources', async (request, reply) => {
    const body = parseBody(addSchema, request.body, reply);
    if (!body) return reply;
    try {
      normalizeUrl(body.url);
    } catch (error) {
      if (error instanceof InvalidUrlError) return send(reply, 400, error.code, error.message);
      throw error;
    }
    const { source, created } = await registry.add({
      url: body.url,
      intervalSeconds: body.intervalSeconds,
      refetchUpdated: body.refetchUpdated,
      backfill: body.backfill,
      ...(body.name ? { name: body.name } : {}),
    });
    // The job scheduler's first poll is due at once, so a new source is read right away.
    return reply.code(created ? 201 : 200).send(await sourceView(registry, source));
  });

  api.get('/sources', async () => {
    const sources = await registry.list();
    return { sources: await Promise.all(sources.map((s) => sourceView(registry, s))) };
  });

  api.post('/sources/discover', async (request, reply) => {
    const body = parseBody(urlSchema, request.body, reply);
    if (!body) return reply;
    if (!deps.autodiscover) return send(reply, 501, 'not_configured', 'autodiscovery is not enabled on this API');
    let url: string;
    try {
      url = normalizeUrl(body.url);
    } catch (error) {
      if (error instanceof InvalidUrlError) return send(reply, 400, error.code, error.message);
      throw error;
    }
    try {
      return await deps.autodiscover(url);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return send(reply, 422, typeof code === 'string' ? code : 'discovery_failed', error instanceof Error ? error.message : String(error));
    }
  });

  api.get<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const source = await withSource(request.params.id, reply);
    if (!source) return reply;
    return sourceView(registry, source);
  });

  api.patch<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const source = await withSource(request.params.id, reply);
    if (!source) return reply;
    const body = parseBody(patchSchema, request.body, reply);
    if (!body) return reply;
    const updated = await registry.update(source.id, body);
    return updated ? sourceView(registry, updated) : send(reply, 404, 'not_found', `no source with id ${source.id}`);
  });

  for (const action of ['pause', 'resume'] as const) {
    api.post<{ Params: { id: string } }>(`/sources/:id/${action}`, async (request, reply) => {
      const source = await withSource(request.params.id, reply);
      if (!source) return reply;
      const updated = await registry.setState(source.id, action === 'pause' ? 'paused' : 'active');
      return updated ? sourceView(registry, updated) : send(reply, 404, 'not_found', `no source with id ${source.id}`);
    });
  }

  api.post<{ Params: { id: string } }>('/sources/:id/poll', async (request, reply) => {
    const source = await withSource(request.params.id, reply);
    if (!source) return reply;
    if (source.state === 'paused') return send(reply, 409, 'paused', 'the source is paused; resume it first');
    await registry.pollNow(source.id);
    return reply.code(202).send({ id: source.id, status: 'poll_queued' });
  });

  api.post<{ Params: { id: string } }>('/sources/:id/refetch', async (request, reply) => {
    const source = await withSource(request.params.id, reply);
    if (!source) return reply;
    const body = parseBody(urlSchema, request.body, reply);
    if (!body) return reply;
    const outcome = await deps.submitter.submit(body.url, { source: (source.name ?? source.title ?? source.url).slice(0, 200) });
    if ('error' in outcome) return send(reply, 400, outcome.error, outcome.message);
    // Stamped "now": with refetchUpdated, only an edit after this re-fetch re-submits it again.
    await registry.markSeen(source.id, [{ url: outcome.url, stamp: new Date().toISOString() }]);
    return reply.code(202).send({ id: outcome.id, url: outcome.url, status: outcome.status, run: outcome.run });
  });

  api.delete<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const source = await withSource(request.params.id, reply);
    if (!source) return reply;
    await registry.remove(source.id);
    return reply.code(204).send();
  });
}
