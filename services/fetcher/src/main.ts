import { Agent } from 'undici';
import { runMain, startStageService } from '@newsflow/runtime';
import { fetcherConfigSchema } from './config';
import { fetchPage, type FetchLimits } from './http-fetch';
import { createFetchStage } from './fetch-stage';

runMain(() =>
  startStageService(
    {
      stage: 'fetch',
      service: 'fetcher',
      configSchema: fetcherConfigSchema,
      // Fetching is I/O-bound: many pages in flight per process.
      defaultConcurrency: 32,
      setup: async ({ config, blobs }) => {
        const limits: FetchLimits = {
          connectTimeoutMs: config.NEWSFLOW_FETCH_CONNECT_TIMEOUT_MS,
          headersTimeoutMs: config.NEWSFLOW_FETCH_HEADERS_TIMEOUT_MS,
          idleTimeoutMs: config.NEWSFLOW_FETCH_IDLE_TIMEOUT_MS,
          totalTimeoutMs: config.NEWSFLOW_FETCH_TOTAL_TIMEOUT_MS,
          maxRedirects: config.NEWSFLOW_FETCH_MAX_REDIRECTS,
          maxBytes: config.NEWSFLOW_FETCH_MAX_BYTES,
          userAgent: config.NEWSFLOW_FETCH_USER_AGENT,
        };
        const dispatcher = new Agent({
          connect: { timeout: limits.connectTimeoutMs },
          headersTimeout: limits.headersTimeoutMs,
          bodyTimeout: limits.idleTimeoutMs,
        });
        return {
          handler: createFetchStage({
            fetchPage: (url) => fetchPage(url, limits, { dispatcher }),
            storeHtml: (docId, run, html) => blobs.put('html', `${docId}-${run}`, html),
            now: () => new Date(),
          }),
          close: () => dispatcher.close(),
        };
      },
    },
    process.env,
  ),
);
