import { StageFailure, type CleanJob, type LangdetectJob } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';
import { NO_TEXT_REASON, type DateSource, type ExtractInput, type ExtractResult } from './extract/index';

/** Dates the page states as its publication date; anything else is read from text and guessed. */
const DECLARED_DATE_SOURCES: ReadonlySet<DateSource> = new Set(['json-ld', 'meta', 'json-ld-page', 'vendor-meta', 'time-element']);

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
    if (!quality.isArticle && quality.reason !== NO_TEXT_REASON) throw new StageFailure('not_article', quality.reason ?? 'the page does not look like an article');
    if (!article.body.trim()) throw new StageFailure('empty_article', 'no article text found on the page');
    // Feed hints fill gaps the page leaves; the page's own declared metadata wins, but a feed's
    // date beats a date guessed from the page's text or URL.
    const hints = input.hints;
    const pageDateDeclared = quality.dateSource !== undefined && DECLARED_DATE_SOURCES.has(quality.dateSource);
    const publishedAt = hints?.publishedAt && !pageDateDeclared ? hints.publishedAt : (article.publishedAt ?? hints?.publishedAt);
    return {
      ...input,
      article: {
        ...article,
        title: article.title || hints?.title || '',
        titleFull: article.titleFull || hints?.title || '',
        authors: article.authors.length ? article.authors : (hints?.authors ?? []),
        tags: article.tags.length ? article.tags : (hints?.categories ?? []),
        ...(publishedAt ? { publishedAt } : {}),
      },
    };
  };
}
