import { runMain, startStageService } from '@newsflow/runtime';
import { enricherConfigSchema } from './config';
import { RedisCorpusStore } from './corpus-store';
import { createEnricher } from './enrich';
import { createEnrichStage } from './enrich-stage';
import { loadEntityExtractor } from './entities';
import { PublisherDirectory } from './publishers';
import { RedisStoryIndex } from './stories/store';

runMain(() =>
  startStageService(
    {
      stage: 'enrich',
      service: 'enricher',
      configSchema: enricherConfigSchema,
      defaultConcurrency: 4,
      setup: async ({ config, redis, logger }) => {
        const publishers = PublisherDirectory.fromFile(config.NEWSFLOW_PUBLISHERS_FILE);
        logger.info({ publishers: publishers.size, file: config.NEWSFLOW_PUBLISHERS_FILE }, 'publisher directory loaded');
        const corpus = new RedisCorpusStore(redis, { prefix: config.NEWSFLOW_QUEUE_PREFIX, similarityThreshold: config.NEWSFLOW_NEAR_DUPLICATE_THRESHOLD });
        const entities = loadEntityExtractor();
        const stories = new RedisStoryIndex(redis, { prefix: config.NEWSFLOW_QUEUE_PREFIX });
        return { handler: createEnrichStage({ enrich: createEnricher({ entities, corpus, publishers, stories }) }) };
      },
    },
    process.env,
  ),
);
