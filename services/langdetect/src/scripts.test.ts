import { describe, expect, it } from 'vitest';
import { cjkLanguage, cyrillicExclusions, ethiopicExclusions, scriptExclusions, scriptProfile } from './scripts';

describe('scriptProfile', () => {
  it('counts letters per script and ignores digits, punctuation and spaces', () => {
    const profile = scriptProfile('Путин: 2024 — WiFi!');
    expect(profile.counts).toEqual({ Cyrillic: 5, Latin: 4 });
    expect(profile.letters).toBe(9);
    expect(profile.dominant).toBe('Cyrillic');
    expect(profile.dominantShare).toBeCloseTo(5 / 9);
  });

  it('finds the dominant script of text with Latin names inside (Thai, Hebrew, Greek, Devanagari)', () => {
    expect(scriptProfile('ผู้ใช้ iPod หลายล้านคน').dominant).toBe('Thai');
    expect(scriptProfile('הממשלה אישרה את התקציב של Google').dominant).toBe('Hebrew');
    expect(scriptProfile('Η κυβέρνηση ανακοίνωσε νέα μέτρα').dominant).toBe('Greek');
    expect(scriptProfile('सरकार ने नई नीति की घोषणा की').dominant).toBe('Devanagari');
  });

  it('has no dominant script without letters', () => {
    expect(scriptProfile('123 — 456 !!').dominant).toBeNull();
    expect(scriptProfile('').letters).toBe(0);
  });
});

describe('cjkLanguage', () => {
  it('answers Korean for Hangul even with Hanja mixed in', () => {
    expect(cjkLanguage(scriptProfile('美 반도체 공장 착공'))).toBe('kor');
  });

  it('answers Japanese for kanji-heavy text with a little kana, Chinese for Han alone', () => {
    expect(cjkLanguage(scriptProfile('東京都知事選挙で現職が再選'))).toBe('jpn');
    expect(cjkLanguage(scriptProfile('国务院总理今天在北京会见代表团'))).toBe('cmn');
  });

  it('stays out of text that is mostly not CJK', () => {
    expect(cjkLanguage(scriptProfile('The word 東京 means Tokyo'))).toBeNull();
  });
});

describe('cyrillicExclusions', () => {
  it('rules out Bulgarian, Ukrainian, Macedonian and Serbian when ы or э appear', () => {
    const excluded = cyrillicExclusions('На выборах в парламент победила правящая партия.');
    expect([...excluded]).toEqual(expect.arrayContaining(['bul', 'ukr', 'mkd', 'srp']));
    expect(excluded.has('rus')).toBe(false);
    // Belarusian has ы, but not the и and щ of "победила", "правящая".
    expect(excluded.has('bel')).toBe(true);
  });

  it('rules out Russian and Bulgarian for Ukrainian letters, Russian for Kazakh ones', () => {
    const ukrainian = cyrillicExclusions('Уряд оголосив про нові заходи підтримки для сімей з дітьми.');
    expect(ukrainian.has('rus')).toBe(true);
    expect(ukrainian.has('bul')).toBe(true);
    expect(ukrainian.has('ukr')).toBe(false);
    const kazakh = cyrillicExclusions('Үкімет жаңа салық заңын қабылдады');
    expect(kazakh.has('rus')).toBe(true);
    expect(kazakh.has('kaz')).toBe(false);
  });

  it('ignores a single foreign letter in a long text (a quoted name)', () => {
    const bulgarian = `${'Правителството прие нов закон за бюджета и данъците. '.repeat(10)}Цитат: Мы.`;
    expect(cyrillicExclusions(bulgarian).has('bul')).toBe(false);
  });
});

describe('ethiopicExclusions', () => {
  it('rules out Tigrinya for Ethiopic text without the ቐ and ኸ series', () => {
    // Amharic: "the government announced a new plan"
    expect(ethiopicExclusions('መንግሥት አዲስ ዕቅድ አስታወቀ')).toEqual(new Set(['tir']));
    // Tigrinya: "first" (ቐዳማይ) has ቐ
    expect(ethiopicExclusions('ቐዳማይ መደብ')).toEqual(new Set());
  });

  it('is applied only to Ethiopic text', () => {
    expect(scriptExclusions('ቐ text', 'Latin')).toEqual(new Set());
    expect(scriptExclusions('መንግሥት አዲስ ዕቅድ', 'Ethiopic').has('tir')).toBe(true);
  });
});
