import { createRequire } from 'node:module';

/**
 * Stop words for the 57 languages of stopwords-iso (keyed by ISO 639-1). The package is a JSON
 * file; createRequire loads it the same way under Node 20 and 24 without import attributes.
 */
const stopwordLists = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

const EMPTY: ReadonlySet<string> = new Set();
const cache = new Map<string, ReadonlySet<string>>();

/** The stop words of a language, lower-cased; an empty set for languages the lists lack. */
export function stopwordsFor(iso1: string | undefined): ReadonlySet<string> {
  if (!iso1) return EMPTY;
  let set = cache.get(iso1);
  if (!set) {
    const list = stopwordLists[iso1];
    set = list ? new Set(list.map((word) => word.toLowerCase().replaceAll('’', "'"))) : EMPTY;
    cache.set(iso1, set);
  }
  return set;
}

export function stopwordLanguages(): string[] {
  return Object.keys(stopwordLists);
}
