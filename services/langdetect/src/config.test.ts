import { describe, expect, it } from 'vitest';
import { ConfigError } from '@newsflow/runtime';
import { loadConfig } from './config';
import { DEFAULT_LANGUAGES } from './languages';

describe('loadConfig', () => {
  it('uses the default news languages when NEWSFLOW_LANGUAGES is unset or empty', () => {
    expect(loadConfig({}).NEWSFLOW_LANGUAGES).toEqual(DEFAULT_LANGUAGES);
    expect(loadConfig({ NEWSFLOW_LANGUAGES: '' }).NEWSFLOW_LANGUAGES).toEqual(DEFAULT_LANGUAGES);
    expect(loadConfig({}).NEWSFLOW_LANGID_SAMPLE_CHARS).toBe(1000);
  });

  it('accepts ISO 639-1 and 639-3 codes, maps macrolanguages to their standard member and drops duplicates', () => {
    expect(loadConfig({ NEWSFLOW_LANGUAGES: 'en, de,deu, ms,no,ar,zh,cat' }).NEWSFLOW_LANGUAGES).toEqual(['eng', 'deu', 'zsm', 'nob', 'arb', 'cmn', 'cat']);
  });

  it('rejects unknown and undetectable languages, naming each', () => {
    expect(() => loadConfig({ NEWSFLOW_LANGUAGES: 'en,xx,klingon' })).toThrow(ConfigError);
    expect(() => loadConfig({ NEWSFLOW_LANGUAGES: 'en,xx' })).toThrow(/unknown or undetectable language "xx"/);
    // Welsh is a real language, but no detector here has a model for it.
    expect(() => loadConfig({ NEWSFLOW_LANGUAGES: 'en,cy' })).toThrow(/undetectable language "cy"/);
    expect(() => loadConfig({ NEWSFLOW_LANGUAGES: ',' })).toThrow(/at least one language/);
    expect(() => loadConfig({ NEWSFLOW_LANGID_SAMPLE_CHARS: '10' })).toThrow(ConfigError);
  });
});
