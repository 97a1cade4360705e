import { StageFailure, type CleanJob, type LangdetectJob } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';
import type { ExtractInput, ExtractResult } from './extract/index';

export interface CleanStageDeps {
  loadHtml: (ref: string) => Promise<string | null>;
  extract: (input: ExtractInput) => ExtractResult;
}

/** clean: stored page → article text and metadata. */
export function createCleanStage(deps: CleanStageDeps): StageHandler<'clean'> {
  return async (input: CleanJob): Promise<LangdetectJob> => {
    const html = await deps.loadHtml(input.fetch.htmlRef);
    if (html === null) throw new StageFailure('payload_expired', `stored page ${input.fetch.htmlRef} expired before cleaning`);
    const { article, quality } = deps.extract({
      html,
      url: input.fetch.finalUrl,
      ...(input.fetch.contentLanguage ? { contentLanguage: input.fetch.contentLanguage } : {}),
    });
    if (!article.body.trim()) throw new StageFailure('empty_article', 'no article text found on the page');
    if (!quality.isArticle) throw new StageFailure('not_article', quality.reason ?? 'the page does not look like an article');
    // Feed hints fill gaps the page leaves; the page's own metadata wins.
    const hints = input.hints;
    return {
      ...input,
      article: {
        ...article,
        title: article.title || hints?.title || '',
        titleFull: article.titleFull || hints?.title || '',
        authors: article.authors.length ? article.authors : (hints?.authors ?? []),
        ...(article.publishedAt ?? hints?.publishedAt ? { publishedAt: (article.publishedAt ?? hints?.publishedAt)! } : {}),
      },
    };
  };
}
