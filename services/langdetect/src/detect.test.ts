import { describe, expect, it } from 'vitest';
import { franc } from 'franc';
import { LanguageResult } from '@newsflow/contracts';
import { createLanguageDetector } from './detect';
import { pageSignals } from './signals';

const detector = createLanguageDetector();

const GERMAN =
  'Die Bundesregierung hat am Mittwoch einen neuen Gesetzentwurf zur Reform der Rente vorgelegt. Nach Angaben des ' +
  'Arbeitsministeriums sollen die Beiträge in den kommenden Jahren stabil bleiben, während die Opposition vor steigenden ' +
  'Kosten für die jüngere Generation warnt.';
// Words Malay and Indonesian share: only the page can tell which one it is.
const SHARED_MALAY_INDONESIAN = 'Harga minyak dunia naik lagi pada hari ini dan para pedagang menunggu keputusan presiden.';

describe('detectLanguage', () => {
  it('returns a result that satisfies the contract, with ISO 639-1 and a runner-up', () => {
    const result = detector.detect(GERMAN);
    expect(LanguageResult.parse(result)).toEqual(result);
    expect(result).toMatchObject({ code: 'deu', iso1: 'de' });
    expect(result.confidence).toBeGreaterThan(0.8);
    expect(result.runnerUp).toBeDefined();
  });

  it('keeps German on a page that declares en, and says it ignored the declaration', () => {
    const result = detector.detect(GERMAN, pageSignals({ declaredLanguage: 'en', url: 'https://www.example.com/politik/rente' }));
    expect(result.code).toBe('deu');
    expect(result.reason).toBe('declared_language_ignored');
    // The disagreement costs some confidence compared with the text alone.
    expect(result.confidence).toBeLessThan(detector.detect(GERMAN).confidence);
  });

  it('gains confidence when the page agrees with the text', () => {
    const alone = detector.detect('Danke schön für alles');
    const agreed = detector.detect('Danke schön für alles', pageSignals({ declaredLanguage: 'de-AT' }));
    expect(agreed.code).toBe('deu');
    expect(agreed.confidence).toBeGreaterThan(alone.confidence);
  });

  it('recognises a one-line Korean headline with Hanja and Latin in it', () => {
    expect(detector.detect('삼성전자, 美 텍사스 반도체 공장 착공')).toMatchObject({ code: 'kor', iso1: 'ko' });
    expect(detector.detect('서울 날씨 맑음').code).toBe('kor');
  });

  it('tells Japanese written mostly in kanji from Chinese by its kana', () => {
    expect(detector.detect('東京都知事選挙で現職が再選を果たした').code).toBe('jpn');
    expect(detector.detect('国务院总理今天在北京会见了来访的外国代表团。')).toMatchObject({ code: 'cmn', iso1: 'zh' });
  });

  it('answers Russian for a Russian sentence that franc alone calls Bulgarian', () => {
    const sentence = 'На выборах в парламент победила правящая партия.';
    expect(franc(sentence)).toBe('bul');
    expect(detector.detect(sentence)).toMatchObject({ code: 'rus', iso1: 'ru' });
  });

  it('answers und for empty, numbers-only and too-short text', () => {
    expect(detector.detect('')).toMatchObject({ code: 'und', confidence: 0, reason: 'no_text' });
    expect(detector.detect('12 345 678 — 2024/11/27 15:30')).toMatchObject({ code: 'und', reason: 'no_text' });
    expect(detector.detect('https://example.com/a/b?c=1 mail@example.com')).toMatchObject({ code: 'und', reason: 'no_text' });
    expect(detector.detect('Oui.')).toMatchObject({ code: 'und', reason: 'too_short' });
  });

  it('answers und when weak text and the page disagree', () => {
    const result = detector.detect('Hello', pageSignals({ declaredLanguage: 'de', url: 'https://www.example.fr/' }));
    expect(result).toMatchObject({ code: 'und', reason: 'conflicting_evidence' });
  });

  it('lets a declared language name a heading too short to contradict it, but only in its script', () => {
    expect(detector.detect('Newsflow demo site', pageSignals({ declaredLanguage: 'en' }))).toMatchObject({ code: 'eng', runnerUp: expect.any(String) });
    expect(detector.detect('Newsflow demo site', pageSignals({ declaredLanguage: 'ja' }))).toMatchObject({ code: 'und', reason: 'conflicting_evidence' });
  });

  it('keeps confidence low for a two-word text even when the detectors agree', () => {
    expect(detector.detect('Hello world').confidence).toBeLessThan(0.6);
  });

  it('tells Malay from Indonesian by their distinctive words', () => {
    const malay = 'Kerajaan Malaysia mengumumkan bahawa peruntukan baharu akan diberikan kepada sekolah luar bandar kerana jumlah pelajar semakin meningkat.';
    const indonesian = 'Pemerintah Indonesia mengumumkan bahwa anggaran baru akan diberikan kepada sekolah di desa karena jumlah siswa terus meningkat.';
    expect(detector.detect(malay)).toMatchObject({ code: 'zsm', iso1: 'ms', runnerUp: 'ind' });
    expect(detector.detect(indonesian)).toMatchObject({ code: 'ind', iso1: 'id', runnerUp: 'zsm' });
  });

  it('lets the country domain decide between Malay and Indonesian when the words do not', () => {
    expect(detector.detect(SHARED_MALAY_INDONESIAN, pageSignals({ url: 'https://www.example.my/berita/1' })).code).toBe('zsm');
    expect(detector.detect(SHARED_MALAY_INDONESIAN, pageSignals({ url: 'https://www.example.co.id/berita/1' })).code).toBe('ind');
    // Distinctive words in the text outrank the page's domain.
    const malay = 'Kerajaan mengumumkan bahawa wang tambahan akan diberikan kepada sekolah kerana pelajar semakin ramai.';
    expect(detector.detect(malay, pageSignals({ url: 'https://www.example.co.id/berita/2' })).code).toBe('zsm');
    // Without page signals: the member with more news, with the other as runner-up.
    expect(detector.detect(SHARED_MALAY_INDONESIAN)).toMatchObject({ code: 'ind', runnerUp: 'zsm' });
  });

  it('tells Croatian, Bosnian and Serbian apart', () => {
    const croatian = 'Tisuće ljudi okupile su se tijekom vikenda u središtu Zagreba kako bi prosvjedovale protiv novog zakona o radu.';
    const bosnian = 'Hiljade ljudi okupilo se tokom vikenda u centru Sarajeva da bi protestovali protiv novog zakona o radu.';
    const serbian = 'Хиљаде људи окупило се током викенда у центру Београда да би протестовали против новог закона о раду.';
    expect(detector.detect(croatian)).toMatchObject({ code: 'hrv', runnerUp: 'bos' });
    expect(detector.detect(bosnian)).toMatchObject({ code: 'bos', runnerUp: 'hrv' });
    expect(detector.detect(serbian)).toMatchObject({ code: 'srp', iso1: 'sr' });
    // Ijekavian ("mjere") rules out Serbian; nothing else tells Croatian from Bosnian, so the page decides.
    const ijekavian = 'Vlada je u petak objavila nove mjere za pomoć poljoprivrednicima.';
    expect(detector.detect(ijekavian)).toMatchObject({ code: 'hrv' });
    expect(detector.detect(ijekavian, pageSignals({ declaredLanguage: 'bs' })).code).toBe('bos');
    expect(detector.detect(ijekavian, pageSignals({ declaredLanguage: 'hr-HR' })).code).toBe('hrv');
    // Ekavian ("mere", "celoj") is Serbian in Latin script.
    expect(detector.detect('Vlada je u petak objavila nove mere za pomoć poljoprivrednicima u celoj zemlji.').code).toBe('srp');
  });

  it('tells Norwegian Bokmål from Danish', () => {
    const norwegian = 'Regjeringen la fram et nytt forslag om skatt på torsdag, og statsministeren sa at endringene vil gjøre det enklere for familier med barn.';
    const danish = 'Regeringen fremlagde torsdag et nyt forslag om skat, og statsministeren sagde, at ændringerne vil gøre det lettere for familier med børn.';
    expect(detector.detect(norwegian)).toMatchObject({ code: 'nob', iso1: 'nb' });
    expect(detector.detect(danish)).toMatchObject({ code: 'dan', iso1: 'da' });
  });

  it('finds supported languages ELD has no class for through franc and the Cyrillic alphabets', () => {
    expect(detector.detect('Владата денеска соопшти дека ќе ги зголеми платите во јавниот сектор.').code).toBe('mkd');
    expect(detector.detect('Үкімет жаңа салық заңын қабылдады деп хабарлады министрлік.').code).toBe('kaz');
    expect(detector.detect('Уряд оголосив про нові заходи підтримки для сімей з дітьми.').code).toBe('ukr');
  });

  it('answers und, not the nearest supported neighbour, for a language outside the list', () => {
    const catalan = 'El govern ha aprovat avui una nova llei que regula els lloguers dels habitatges a les ciutats més grans del país.';
    expect(detector.detect(catalan).code).toBe('cat');
    const withoutCatalan = createLanguageDetector({ languages: ['eng', 'spa', 'fra', 'por', 'ita'] });
    expect(withoutCatalan.detect(catalan)).toMatchObject({ code: 'und', reason: 'unsupported_language', runnerUp: 'cat' });
  });

  it('reads only the capped sample, so the language of a long tail does not matter', () => {
    const result = createLanguageDetector({ sampleLength: 200 }).detect(`${GERMAN} ${'This English tail is long. '.repeat(200)}`);
    expect(result.code).toBe('deu');
  });
});
