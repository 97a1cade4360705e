import { runMain, startStageService } from '@newsflow/runtime';
import { clusterReachable, createSearchClient, detectCapabilities, ensureArticleIndex } from '@newsflow/search';
import { indexerConfigSchema } from './config';
import { BulkIndexer } from './bulk-indexer';
import { createIndexStage } from './index-stage';

runMain(() =>
  startStageService(
    {
      stage: 'index',
      service: 'indexer',
      configSchema: indexerConfigSchema,
      // Many jobs wait at once so that their documents share one _bulk request.
      defaultConcurrency: 200,
      setup: async ({ config, logger }) => {
        const client = createSearchClient(config.ELASTICSEARCH_URL);
        const capabilities = await detectCapabilities(client);
        for (const note of capabilities.degraded) logger.warn({ elasticsearch: capabilities.version }, `degraded: ${note}`);
        await ensureArticleIndex(client, { alias: config.NEWSFLOW_INDEX_ALIAS, capabilities, logger });
        const bulk = new BulkIndexer(
          client,
          {
            index: config.NEWSFLOW_INDEX_ALIAS,
            maxDocuments: config.NEWSFLOW_BULK_MAX_DOCS,
            maxBytes: config.NEWSFLOW_BULK_MAX_BYTES,
            flushIntervalMs: config.NEWSFLOW_BULK_FLUSH_MS,
            maxItemRetries: 3,
            ...(config.NEWSFLOW_INDEX_REFRESH === 'wait_for' ? { refresh: 'wait_for' as const } : {}),
          },
          logger,
        );
        return {
          handler: createIndexStage({ index: (item) => bulk.index(item), capabilities, now: () => new Date(), outagePauseMs: config.NEWSFLOW_INDEX_OUTAGE_PAUSE_MS }),
          ready: () => clusterReachable(client),
          close: async () => {
            await bulk.drain();
            await client.close();
          },
        };
      },
    },
    process.env,
  ),
);
