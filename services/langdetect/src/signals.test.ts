import { describe, expect, it } from 'vitest';
import { domainLanguages, pageSignals, parseDeclaredLanguages } from './signals';

describe('parseDeclaredLanguages', () => {
  it('normalises html lang, og:locale and Content-Language values to ISO 639-3', () => {
    expect(parseDeclaredLanguages(['de-AT'])).toEqual(['deu']);
    expect(parseDeclaredLanguages(['pt_BR'])).toEqual(['por']);
    expect(parseDeclaredLanguages(['en-US, de;q=0.8'])).toEqual(['eng', 'deu']);
    expect(parseDeclaredLanguages(['ms-MY', 'ms'])).toEqual(['zsm']);
    expect(parseDeclaredLanguages(['ar', 'zh-Hant', 'nb', 'nn'])).toEqual(['arb', 'cmn', 'nob', 'nno']);
  });

  it('drops empty, unknown and "no language" values', () => {
    expect(parseDeclaredLanguages([undefined, '', 'und', 'mul', 'xx-YY', '*', 'not a tag'])).toEqual([]);
  });
});

describe('domainLanguages', () => {
  it('maps country-code domains to their usual news languages', () => {
    expect(domainLanguages('https://www.spiegel.de/politik/')).toEqual(['deu']);
    expect(domainLanguages('https://www.example.co.id/berita')).toEqual(['ind']);
    expect(domainLanguages('https://news.example.ba/x')).toEqual(['bos', 'hrv', 'srp']);
  });

  it('says nothing for generic and "vanity" domains or bad URLs', () => {
    expect(domainLanguages('https://www.example.com/a')).toEqual([]);
    expect(domainLanguages('https://startup.io/')).toEqual([]);
    expect(domainLanguages('https://ai.example.ai/')).toEqual([]);
    expect(domainLanguages('not a url')).toEqual([]);
    expect(domainLanguages(undefined)).toEqual([]);
  });
});

describe('pageSignals', () => {
  it('combines the declared language, Content-Language and the domain', () => {
    expect(pageSignals({ declaredLanguage: 'en', contentLanguage: 'de', url: 'https://example.fr/' })).toEqual({
      declared: ['eng', 'deu'],
      domain: ['fra'],
    });
  });
});
