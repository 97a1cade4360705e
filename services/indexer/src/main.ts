import { Counter, Histogram } from 'prom-client';
import { runMain, startStageService } from '@newsflow/runtime';
import { clusterReachable, createSearchClient, detectCapabilities, ensureArticleIndex, languagesWithoutAnalyzer } from '@newsflow/search';
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
      setup: async ({ config, logger, metrics }) => {
        const bulkSeconds = new Histogram({
          name: 'newsflow_es_bulk_duration_seconds',
          help: 'Duration of _bulk requests to Elasticsearch',
          labelNames: ['ok'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers: [metrics.registry],
        });
        const bulkDocuments = new Counter({ name: 'newsflow_es_bulk_documents_total', help: 'Documents sent in _bulk requests', registers: [metrics.registry] });
        const rejections = new Counter({ name: 'newsflow_es_rejections_total', help: 'Bulk items rejected by Elasticsearch, by HTTP status', labelNames: ['status'], registers: [metrics.registry] });
        const client = createSearchClient(config.ELASTICSEARCH_URL);
        const capabilities = await detectCapabilities(client);
        for (const note of capabilities.degraded) logger.warn({ elasticsearch: capabilities.version }, `degraded: ${note}`);
        // Once at start-up: which analyzer each language gets here, and the fallback for the rest.
        logger.info(
          { analyzers: capabilities.languageAnalyzers, neutral: capabilities.neutralAnalysis, neutralOnly: languagesWithoutAnalyzer(capabilities) },
          'language analysis: documents in other languages are searched through the neutral folded fields',
        );
        await ensureArticleIndex(client, { alias: config.NEWSFLOW_INDEX_ALIAS, capabilities, logger, shards: config.NEWSFLOW_INDEX_SHARDS, replicas: config.NEWSFLOW_INDEX_REPLICAS });
        const bulk = new BulkIndexer(
          client,
          {
            index: config.NEWSFLOW_INDEX_ALIAS,
            maxDocuments: config.NEWSFLOW_BULK_MAX_DOCS,
            maxBytes: config.NEWSFLOW_BULK_MAX_BYTES,
            flushIntervalMs: config.NEWSFLOW_BULK_FLUSH_MS,
            maxItemRetries: 3,
            ...(config.NEWSFLOW_INDEX_REFRESH === 'wait_for' ? { refresh: 'wait_for' as const } : {}),
            onBulk: (seconds, documents, ok) => {
              bulkSeconds.observe({ ok: String(ok) }, seconds);
              bulkDocuments.inc(documents);
            },
            onItemRejected: (status) => rejections.inc({ status: String(status) }),
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
