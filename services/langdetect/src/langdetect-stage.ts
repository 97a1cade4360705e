import type { EnrichJob, LangdetectJob, LanguageResult } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';
import { pageSignals, type PageSignals } from './signals';

export interface LangdetectStageDeps {
  detect: (text: string, signals: PageSignals) => LanguageResult;
}

/**
 * langdetect: article → its language, detected on the cleaned title and body (never raw HTML),
 * with the page's declared language and the host's country domain as supporting evidence.
 */
export function createLangdetectStage(deps: LangdetectStageDeps): StageHandler<'langdetect'> {
  return async (input: LangdetectJob): Promise<EnrichJob> => {
    const { article, fetch } = input;
    const signals = pageSignals({ declaredLanguage: article.declaredLanguage, contentLanguage: fetch.contentLanguage, url: fetch.finalUrl });
    const text = article.title ? `${article.title}\n${article.body}` : article.body;
    return { ...input, language: deps.detect(text, signals) };
  };
}
