import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGES, individualLanguageOf, macrolanguageOf, toIso1, toIso3 } from './languages';

describe('language codes', () => {
  it('reaches ISO 639-1 from the individual codes the detector emits', () => {
    expect(toIso1('cmn')).toBe('zh');
    expect(toIso1('arb')).toBe('ar');
    expect(toIso1('pes')).toBe('fa');
    expect(toIso1('zsm')).toBe('ms');
    expect(toIso1('ind')).toBe('id');
    expect(toIso1('ekk')).toBe('et');
    expect(toIso1('deu')).toBe('de');
  });

  it('maps individual languages to macrolanguages and back', () => {
    expect(macrolanguageOf('cmn')).toBe('zho');
    expect(macrolanguageOf('deu')).toBe('deu');
    expect(individualLanguageOf('zho')).toBe('cmn');
    expect(individualLanguageOf('ara')).toBe('arb');
    expect(individualLanguageOf('rus')).toBe('rus');
  });

  it('normalises page and user tags to individual codes', () => {
    expect(toIso3('zh-Hans')).toBe('cmn');
    expect(toIso3('ar')).toBe('arb');
    expect(toIso3('pt_BR')).toBe('por');
    expect(toIso3('xx')).toBeNull();
  });

  it('gives every supported language an ISO 639-1 code', () => {
    expect(DEFAULT_LANGUAGES.filter((code) => !toIso1(code))).toEqual([]);
  });
});
