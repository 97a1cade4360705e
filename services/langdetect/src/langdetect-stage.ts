import type { EnrichJob, LangdetectJob, LanguageResult } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';

export interface LangdetectStageDeps {
  detect: (text: string) => LanguageResult;
}

/** langdetect: article → its language, detected on the cleaned title and body (never raw HTML). */
export function createLangdetectStage(deps: LangdetectStageDeps): StageHandler<'langdetect'> {
  return async (input: LangdetectJob): Promise<EnrichJob> => {
    const language = deps.detect(`${input.article.title}\n${input.article.body}`);
    return { ...input, language };
  };
}
