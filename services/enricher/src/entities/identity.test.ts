import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ALIAS_FILE, ALIAS_INDEX_FILE, buildAliasIndex, indexSourceHash, parseAliases, serializeAliasIndex } from './aliases';
import { identify } from './identity';
import { baseForms, phoneticKey } from './identity-normalise';
import { palladiusToPinyin, toLatin } from './transliterate';

const person = (name: string, language: string): string => identify({ type: 'person', name, language }).id;
const org = (name: string, language: string): string => identify({ type: 'organization', name, language }).id;
const place = (name: string, language: string): string => identify({ type: 'place', name, language }).id;

describe('identify: listed entities', () => {
  it('gives Xi Jinping one id and one English name in every script and case', () => {
    const forms: Array<[string, string]> = [
      ['Xi Jinping', 'eng'],
      ['Си Цзиньпин', 'rus'],
      ['Си Цзиньпина', 'rus'],
      ['Си Цзиньпином', 'rus'],
      ['习近平', 'cmn'],
      ['Xi Dschinping', 'deu'],
      ['Сі Цзіньпін', 'ukr'],
    ];
    for (const [name, language] of forms) {
      expect(identify({ type: 'person', name, language }), `${name} (${language})`).toEqual({ id: 'person:xi-jinping', name: 'Xi Jinping', countryCode: 'CN' });
    }
  });

  it('gives the European Union one id whatever the language, acronym or case form', () => {
    const forms: Array<[string, string]> = [
      ['Европейский союз', 'rus'],
      ['Европейского союза', 'rus'],
      ['Евросоюза', 'rus'],
      ['Union européenne', 'fra'],
      ['EU', 'eng'],
      ['Europäischen Union', 'deu'],
      ['Unii Europejskiej', 'pol'],
      ['欧盟', 'cmn'],
      ['الاتحاد الأوروبي', 'arb'],
    ];
    for (const [name, language] of forms) expect(org(name, language), `${name} (${language})`).toBe('org:european-union');
    expect(identify({ type: 'organization', name: 'Евросоюза', language: 'rus' }).name).toBe('European Union');
  });

  it('reduces Russian, Polish and German case forms of listed names', () => {
    for (const name of ['Путина', 'Путину', 'Путиным', 'Путине']) expect(person(name, 'rus'), name).toBe('person:vladimir-putin');
    expect(person('Putina', 'pol')).toBe('person:vladimir-putin');
    expect(person('Putinem', 'pol')).toBe('person:vladimir-putin');
    expect(person('Merkels', 'deu')).toBe('person:angela-merkel');
    expect(person('Ким Чен Ыном', 'rus')).toBe('person:kim-jong-un');
    expect(place('Warszawie', 'pol')).toBe('place:warsaw');
    expect(place('Москве', 'rus')).toBe('place:moscow');
    expect(place('Пекине', 'rus')).toBe('place:beijing');
  });

  it('resolves inflected and short country names to ISO-coded ids, whatever the tagger called them', () => {
    expect(place('Сингапуре', 'rus')).toBe('place:country:SG');
    expect(place('Японии', 'rus')).toBe('place:country:JP');
    expect(org('Japonsku', 'ces')).toBe('place:country:JP');
    expect(place('Сполучених Штатів', 'ukr')).toBe('place:country:US');
    expect(place('Egyesült Államokban', 'hun')).toBe('place:country:US');
    expect(place("Türkiye'nin", 'tur')).toBe('place:country:TR');
  });

  it('maps cities to place ids with their country', () => {
    for (const [name, language] of [['Beijing', 'eng'], ['Пекин', 'rus'], ['北京', 'cmn'], ['بكين', 'arb'], ['Pékin', 'fra'], ['Peking', 'deu']] as const) {
      expect(identify({ type: 'place', name, language }), name).toEqual({ id: 'place:beijing', name: 'Beijing', countryCode: 'CN' });
    }
  });

  it('finds a listed person at the end of a span that glued a title or place onto the name', () => {
    expect(org('Präsident der Vereinigten Staaten Donald Trump', 'deu')).toBe('person:donald-trump');
    expect(org('президент США Джордж Буш', 'rus')).toBe('person:george-w-bush');
  });

  it('keeps countries the gazetteer resolved on their ISO code', () => {
    expect(identify({ type: 'place', name: 'China', language: 'eng', countryCode: 'CN', isCountry: true })).toEqual({ id: 'place:country:CN', name: 'China', countryCode: 'CN' });
  });
});

describe('identify: names outside the alias table', () => {
  it('meets across scripts when the romanisations agree', () => {
    expect(person('Сара Даниус', 'rus')).toBe(person('Sara Danius', 'eng'));
    expect(person('Боб Дилан', 'rus')).toBe(person('Bob Dylan', 'eng'));
    expect(person('Эхуд Ур', 'rus')).toBe(person('Ehud Ur', 'eng'));
  });

  it('meets across case forms of one language', () => {
    expect(person('Тони Моллу', 'rus')).toBe(person('Tony Moll', 'eng'));
    expect(person('Тони Моллом', 'rus')).toBe(person('Tony Moll', 'eng'));
  });

  it('keeps different people apart', () => {
    expect(person('Kim Jong Un', 'eng')).not.toBe(person('Kim Yo Jong', 'eng'));
    expect(person('Kim Jong Nam', 'eng')).not.toBe(person('Kim Jong Un', 'eng'));
    expect(person('Sara Danius', 'eng')).not.toBe(person('Sara Daniels', 'eng'));
  });

  it('merges "Ivan Petrov" and "Ivana Petrova" (documented: Russian "Ивана Петрова" is also the genitive of Ivan Petrov)', () => {
    expect(person('Ivan Petrov', 'eng')).toBe(person('Ivana Petrova', 'eng'));
    expect(person('Ивана Петрова', 'rus')).toBe(person('Ivan Petrov', 'eng'));
  });

  it('shows a Latin display name for non-Latin scripts and the base form for Latin ones', () => {
    expect(identify({ type: 'person', name: 'Сара Даниус', language: 'rus' }).name).toBe('Sara Danius');
    expect(identify({ type: 'person', name: 'Тони Моллом', language: 'rus' }).name).toBe('Toni Moll');
    expect(identify({ type: 'person', name: 'Sara Danius', language: 'eng' }).name).toBe('Sara Danius');
  });

  it('keeps the type in the id', () => {
    expect(person('Jordan Smith', 'eng').startsWith('person:')).toBe(true);
    expect(org('Dalhousie University', 'eng').startsWith('org:')).toBe(true);
  });
});

describe('normalisation and transliteration', () => {
  it('proposes nominative forms and keeps the name as given among them', () => {
    expect(baseForms('Путиным', 'rus', 'person')).toEqual(expect.arrayContaining(['Путиным', 'Путин']));
    expect(baseForms('Петровой', 'rus', 'person')).toContain('Петрова');
    expect(baseForms('Europäischen Union', 'deu', 'organization')).toContain('Europäische Union');
    expect(baseForms('NATO', 'deu', 'organization')).toEqual(['NATO']);
    expect(baseForms('Paris', 'deu', 'place')).toEqual(['Paris']); // -is is not a genitive
  });

  it('reads Russian renderings of Chinese names as Pinyin, and only those', () => {
    expect(palladiusToPinyin('Си Цзиньпин')).toBe('Xi Jinping');
    expect(palladiusToPinyin('Ли Кэцян')).toBe('Li Keqiang');
    expect(palladiusToPinyin('Мао Цзэдун')).toBe('Mao Zedong');
    expect(palladiusToPinyin('Владимир Путин')).toBeUndefined();
    expect(toLatin('习近平', { isPerson: true })).toBe('Xi Jinping');
    expect(toLatin('Ρώμη')).toBe('Romi');
  });

  it('folds spelling differences between romanisations into one key', () => {
    expect(phoneticKey('Xi Dschinping')).toBe(phoneticKey('Xi Jinping'));
    expect(phoneticKey('Scholz')).toBe(phoneticKey(toLatin('Шольц')));
    expect(phoneticKey('Zelensky')).toBe(phoneticKey('Zelenskyy'));
  });
});

describe('alias file', () => {
  it('parses lines, ignores comments and refuses malformed lines', () => {
    const entries = parseAliases('# comment\nperson:jane-roe | Jane Roe | GB | J. Roe; Джейн Роу\n\n');
    expect(entries).toEqual([{ id: 'person:jane-roe', name: 'Jane Roe', type: 'person', countryCode: 'GB', names: ['Jane Roe', 'J. Roe', 'Джейн Роу'] }]);
    expect(() => parseAliases('person:x | X')).toThrow(/line 1/);
    expect(() => parseAliases('thing:x | X | - | Y')).toThrow(/line 1/);
  });

  it('drops a phonetic key two listed entities share instead of guessing', () => {
    const index = buildAliasIndex(parseAliases('person:anna-marten | Anna Marten | - | -\nperson:anna-martin | Anna Martin | - | -'));
    expect(index.byPhonetic.get(phoneticKey('Anna Marten'))).toBeUndefined();
    expect(index.byExact.get('anna martin')?.id).toBe('person:anna-martin');
  });

  it('ships an index built from the current alias file and code (else: npx tsx services/enricher/scripts/build-alias-index.ts)', () => {
    const text = readFileSync(ALIAS_FILE, 'utf8');
    const fresh = serializeAliasIndex(buildAliasIndex(parseAliases(text)), indexSourceHash(text));
    expect(JSON.parse(readFileSync(ALIAS_INDEX_FILE, 'utf8'))).toEqual(JSON.parse(JSON.stringify(fresh)));
  });
});
