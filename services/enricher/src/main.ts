import { runMain, startStageService, workerConfigSchema } from '@newsflow/runtime';
import { enrichArticle } from './enrich';
import { createEnrichStage } from './enrich-stage';

runMain(() =>
  startStageService(
    {
      stage: 'enrich',
      service: 'enricher',
      configSchema: workerConfigSchema,
      defaultConcurrency: 4,
      setup: async () => ({ handler: createEnrichStage({ enrich: enrichArticle }) }),
    },
    process.env,
  ),
);
