import { runMain, startStageService, workerConfigSchema } from '@newsflow/runtime';
import { detectLanguage } from './detect';
import { createLangdetectStage } from './langdetect-stage';

runMain(() =>
  startStageService(
    {
      stage: 'langdetect',
      service: 'langdetect',
      configSchema: workerConfigSchema,
      defaultConcurrency: 4,
      setup: async () => ({ handler: createLangdetectStage({ detect: (text) => detectLanguage(text) }) }),
    },
    process.env,
  ),
);
