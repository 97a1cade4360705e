import { runMain, startStageService } from '@newsflow/runtime';
import { fetcherConfigSchema } from './config';
import { buildFetcher } from './wiring';

runMain(() =>
  startStageService(
    {
      stage: 'fetch',
      service: 'fetcher',
      configSchema: fetcherConfigSchema,
      // Fetching is I/O-bound: many pages in flight per process (per-host limits still apply).
      defaultConcurrency: 32,
      setup: async ({ config, redis, blobs, logger }) => {
        const fetcher = buildFetcher(config, {
          redis,
          prefix: config.NEWSFLOW_QUEUE_PREFIX,
          storeHtml: (docId, run, html) => blobs.put('html', `${docId}-${run}`, html),
        });
        logger.info(
          { allow: config.NEWSFLOW_FETCH_ALLOW || '(public addresses only)', hostMaxInFlight: config.NEWSFLOW_FETCH_HOST_MAX_IN_FLIGHT, hostMinSpacingMs: config.NEWSFLOW_FETCH_HOST_MIN_SPACING_MS },
          'fetch safety and politeness settings',
        );
        return { handler: fetcher.handler, close: fetcher.close };
      },
    },
    process.env,
  ),
);
