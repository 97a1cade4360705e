import { runMain, startStageService } from '@newsflow/runtime';
import { createLanguageDetector } from './detect';
import { langdetectConfigSchema, loadConfig } from './config';
import { createLangdetectStage } from './langdetect-stage';

runMain(async () => {
  // A bad NEWSFLOW_LANGUAGES fails start-up with every problem listed.
  const config = loadConfig(process.env);
  return startStageService(
    {
      stage: 'langdetect',
      service: 'langdetect',
      configSchema: langdetectConfigSchema,
      // CPU-bound and fast (well under a millisecond per article): a few in flight hide Redis latency.
      defaultConcurrency: 4,
      setup: async ({ logger }) => {
        const detector = createLanguageDetector({ languages: config.NEWSFLOW_LANGUAGES, sampleLength: config.NEWSFLOW_LANGID_SAMPLE_CHARS });
        logger.info({ languages: config.NEWSFLOW_LANGUAGES.length }, 'language detector ready');
        return { handler: createLangdetectStage({ detect: (text, signals) => detector.detect(text, signals) }) };
      },
    },
    process.env,
  );
});
