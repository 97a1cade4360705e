import { sourceDomain, type EnrichJob, type Enrichment } from '@newsflow/contracts';

export const ENRICHER_VERSION = 'newsflow-enrich/0.1';
const WORDS_PER_MINUTE = 230;

const segmenterCache = new Map<string, Intl.Segmenter>();
function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenterCache.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenterCache.set(locale, segmenter);
  }
  return segmenter;
}

/** Counts words with Intl.Segmenter, which also handles scripts without spaces (CJK, Thai). */
export function countWords(text: string, iso1 = 'en'): number {
  let count = 0;
  for (const segment of wordSegmenter(iso1).segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** The first paragraphs up to about maxChars, cut at a sentence end when possible. */
export function leadOf(body: string, maxChars = 300): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const sentenceEnd = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '), cut.lastIndexOf('。'));
  if (sentenceEnd > maxChars * 0.4) return cut.slice(0, sentenceEnd + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : maxChars)}…`;
}

export function enrichArticle(input: EnrichJob): Enrichment {
  const wordCount = countWords(input.article.body, input.language.iso1 ?? 'en');
  return {
    domain: sourceDomain(input.fetch.finalUrl),
    wordCount,
    readingTimeMinutes: Math.max(1, Math.round((wordCount / WORDS_PER_MINUTE) * 10) / 10),
    lead: leadOf(input.article.body),
    enricher: ENRICHER_VERSION,
  };
}
