import { runMain, startStageService, workerConfigSchema } from '@newsflow/runtime';
import { extractArticle } from './extract/index';
import { createCleanStage } from './clean-stage';

runMain(() =>
  startStageService(
    {
      stage: 'clean',
      service: 'cleaner',
      configSchema: workerConfigSchema,
      // CPU-bound: one job at a time per process plus one waiting on Redis; scale by processes.
      defaultConcurrency: 2,
      setup: async ({ blobs }) => ({
        handler: createCleanStage({ loadHtml: (ref) => blobs.get(ref), extract: extractArticle }),
      }),
    },
    process.env,
  ),
);
