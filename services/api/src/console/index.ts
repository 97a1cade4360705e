import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Queue } from 'bullmq';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { STAGES, identifyUrl, type StageName } from '@newsflow/contracts';
import { CONSOLE_PAGES, renderPage, type ConsolePage } from './pages';
import { pipelineSnapshot } from './pipeline-stats';

export interface ConsoleDeps {
  queues: Record<StageName, Queue>;
  /** Queue prefix, shown on the board so operators can tell deployments apart. */
  prefix: string;
  /**
   * The board's own write actions (retry, clean, promote) cannot send the API key, so the API's
   * auth hook would refuse them anyway; read-only makes the UI say so instead of failing.
   */
  boardReadOnly?: boolean;
}

const ASSETS_DIR = fileURLToPath(new URL('./public/', import.meta.url));
export const BOARD_PATH = '/admin/queues';

/** Route constraint that tells a browser navigation (wants HTML) from an API call on the same path. */
const VIEW_CONSTRAINT = 'newsflowConsoleView';

/**
 * True for a page load: a GET whose Accept header names text/html. API clients send
 * application/json or a bare wildcard, so they keep getting JSON from the same paths.
 */
export function wantsHtml(method: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  return /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept ?? '');
}

// Pages satisfy this without exceptions: no inline script or style, data only from this origin.
const CONSOLE_CSP = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

// The board is a prebuilt React app: it sets a <base> and inline style attributes, and asks for
// web fonts from Google, which stay blocked (the system font fallback is fine, and the console
// makes no third-party requests). Scripts stay same-origin.
const BOARD_CSP = {
  directives: { ...CONSOLE_CSP.directives, baseUri: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] },
};

/**
 * Page shells and static assets: not rate limited (a page load is several requests, none of which
 * can carry the API key) and marked `consoleShell` so an auth hook can let them through when reads
 * require a key; the data the pages then fetch is still checked as usual.
 */
const noRateLimit = { rateLimit: false, consoleShell: true } as const;

/**
 * The web console: pages under `/`, its own read-only endpoints under `/console/api`, static
 * assets under `/console/assets`, and the BullMQ board under `/admin/queues`. Security headers
 * apply to these routes only; the JSON API keeps its responses as they are.
 *
 * Call it directly on the app (`registerConsole(app, deps)`), not through `app.register`: Fastify
 * would read `deps.prefix` as a route prefix and move every page under it.
 */
export function registerConsole(app: FastifyInstance, deps: ConsoleDeps): void {
  if (!app.hasConstraintStrategy(VIEW_CONSTRAINT)) {
    app.addConstraintStrategy({
      name: VIEW_CONSTRAINT,
      // Requests that are not page loads fall through to the unconstrained JSON routes.
      mustMatchWhenDerived: false,
      storage() {
        const handlers = new Map<string, unknown>();
        return {
          get: (value: string) => (handlers.get(value) ?? null) as never,
          set: (value: string, store: unknown) => void handlers.set(value, store),
        };
      },
      deriveConstraint: (request: { method?: string; headers: Record<string, string | string[] | undefined> }) => {
        const accept = request.headers.accept;
        return wantsHtml(request.method ?? 'GET', Array.isArray(accept) ? accept.join(',') : accept) ? 'page' : 'data';
      },
    });
  }

  void app.register(async (scope) => {
    await scope.register(helmet, { contentSecurityPolicy: CONSOLE_CSP, crossOriginEmbedderPolicy: false });
    await scope.register(fastifyStatic, { root: ASSETS_DIR, serve: false });

    const pages = new Map(CONSOLE_PAGES.map((page) => [page, renderPage(page)]));
    const sendPage = (page: ConsolePage) => async (_request: FastifyRequest, reply: FastifyReply) =>
      reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(pages.get(page));
    const page = { config: noRateLimit, constraints: { [VIEW_CONSTRAINT]: 'page' } };
    // Paths the JSON API also serves answer HTML only to page loads; the others are console-only.
    scope.get('/', { config: noRateLimit }, sendPage('pipeline'));
    scope.get('/submit', { config: noRateLimit }, sendPage('submit'));
    scope.get('/trace', { config: noRateLimit }, sendPage('trace'));
    scope.get('/trace/:id', { config: noRateLimit }, sendPage('trace'));
    scope.get('/failures', page, sendPage('failures'));
    scope.get('/search', page, sendPage('search'));

    scope.get<{ Params: { '*': string } }>('/console/assets/*', { config: noRateLimit }, async (request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile(request.params['*']),
    );

    scope.get('/console/api/pipeline', async (_request, reply) => reply.header('cache-control', 'no-store').send(await pipelineSnapshot(deps.queues)));

    scope.get<{ Querystring: { url?: string } }>('/console/api/identify', async (request, reply) => {
      try {
        return identifyUrl(String(request.query.url ?? ''));
      } catch (error) {
        return reply.code(400).send({ error: 'invalid_url', message: error instanceof Error ? error.message : 'not a URL' });
      }
    });
  });

  void app.register(async (scope) => {
    await scope.register(helmet, { contentSecurityPolicy: BOARD_CSP, crossOriginEmbedderPolicy: false });
    const serverAdapter = new FastifyAdapter();
    serverAdapter.setBasePath(BOARD_PATH);
    createBullBoard({
      queues: STAGES.map((stage) => new BullMQAdapter(deps.queues[stage], { readOnlyMode: deps.boardReadOnly ?? true, description: `stage ${stage}` })),
      serverAdapter,
      options: { uiConfig: { boardTitle: `Newsflow · ${deps.prefix}` } },
    });
    await scope.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  });
}
