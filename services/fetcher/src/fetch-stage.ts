import type { CleanJob, FetchJob } from '@newsflow/contracts';
import type { StageHandler } from '@newsflow/runtime';
import type { FetchedPage } from './http-fetch';
import { decodeHtml } from './decode';

export interface FetchStageDeps {
  fetchPage: (url: string) => Promise<FetchedPage>;
  storeHtml: (docId: string, run: number, html: string) => Promise<string>;
  now: () => Date;
}

/** fetch: URL → stored page + response facts for the cleaner. */
export function createFetchStage(deps: FetchStageDeps): StageHandler<'fetch'> {
  return async (input: FetchJob): Promise<CleanJob> => {
    const page = await deps.fetchPage(input.url);
    const { text, charset } = decodeHtml(page.body, page.headers['content-type']);
    const htmlRef = await deps.storeHtml(input.docId, input.run, text);
    return {
      ...input,
      fetch: {
        finalUrl: page.finalUrl,
        status: page.status,
        fetchedAt: deps.now().toISOString(),
        contentType: page.headers['content-type'] ?? '',
        ...(page.headers['content-language'] ? { contentLanguage: page.headers['content-language'] } : {}),
        ...(page.headers.etag ? { etag: page.headers.etag } : {}),
        ...(page.headers['last-modified'] ? { lastModified: page.headers['last-modified'] } : {}),
        redirects: page.redirects,
        bytes: page.body.length,
        htmlRef,
        charset,
      },
    };
  };
}
