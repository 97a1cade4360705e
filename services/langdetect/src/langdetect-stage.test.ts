import { describe, expect, it } from 'vitest';
import type { LangdetectJob, LanguageResult } from '@newsflow/contracts';
import { EnrichJob } from '@newsflow/contracts';
import type { StageContext } from '@newsflow/runtime';
import { createLangdetectStage } from './langdetect-stage';
import { createLanguageDetector } from './detect';
import type { PageSignals } from './signals';

function job(article: Partial<LangdetectJob['article']>, fetch: Partial<LangdetectJob['fetch']> = {}): LangdetectJob {
  return {
    docId: '0123456789abcdef0123456789abcdef',
    run: 1,
    url: 'https://news.example.de/a',
    submittedAt: '2026-11-27T05:00:00.000Z',
    fetch: {
      finalUrl: 'https://news.example.de/a',
      status: 200,
      fetchedAt: '2026-11-27T05:00:01.000Z',
      contentType: 'text/html; charset=utf-8',
      redirects: 0,
      bytes: 1234,
      htmlRef: 'html:0123456789abcdef0123456789abcdef-1',
      charset: 'utf-8',
      ...fetch,
    },
    article: { title: '', titleFull: '', body: '', authors: [], tags: [], extractor: 'test', ...article },
  };
}

const context = {} as StageContext;

describe('langdetect stage', () => {
  it('detects on the cleaned title and body, with the page signals from the article and the fetch', async () => {
    const calls: { text: string; signals: PageSignals }[] = [];
    const fixed: LanguageResult = { code: 'deu', iso1: 'de', confidence: 0.9, detector: 'fake' };
    const stage = createLangdetectStage({ detect: (text, signals) => (calls.push({ text, signals }), fixed) });
    const input = job({ title: 'Titel', body: 'Text des Artikels.', declaredLanguage: 'en-GB' }, { contentLanguage: 'de', finalUrl: 'https://www.example.at/x' });
    const output = await stage(input, context);
    expect(calls).toEqual([{ text: 'Titel\nText des Artikels.', signals: { declared: ['eng', 'deu'], domain: ['deu'] } }]);
    expect(output).toEqual({ ...input, language: fixed });
  });

  it('produces a valid enrich payload with the real detector, German despite a declared en', async () => {
    const detector = createLanguageDetector();
    const stage = createLangdetectStage({ detect: (text, signals) => detector.detect(text, signals) });
    const output = await stage(
      job({
        title: 'Bundestag beschließt Haushalt',
        body: 'Nach wochenlangen Verhandlungen hat der Bundestag am Freitag den Haushalt für das kommende Jahr beschlossen. Die Opposition kritisierte die hohe Neuverschuldung.',
        declaredLanguage: 'en',
      }),
      context,
    );
    expect(EnrichJob.parse(output)).toEqual(output);
    expect(output.language).toMatchObject({ code: 'deu', iso1: 'de', reason: 'declared_language_ignored' });
  });

  it('answers und for an article without text', async () => {
    const detector = createLanguageDetector();
    const stage = createLangdetectStage({ detect: (text, signals) => detector.detect(text, signals) });
    const output = await stage(job({ title: '', body: '2026' }), context);
    expect(output.language).toMatchObject({ code: 'und', reason: 'no_text' });
  });
});
