import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Entity, loadEntityExtractor } from './index';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const extractor = loadEntityExtractor();

function find(entities: Entity[], type: Entity['type'], name: string): Entity | undefined {
  return entities.find((entity) => entity.type === type && entity.name === name);
}

function namesOf(entities: Entity[], type: Entity['type']): string[] {
  return entities.filter((entity) => entity.type === type).map((entity) => entity.name);
}

/** The article paragraphs of the demo site's seed story (the page ships with the repo). */
function seedStoryParagraphs(): string {
  const html = readFileSync(path.join(repoRoot, 'infra/demo-site/pages/kim-xi-friendship.html'), 'utf8');
  const body = html.slice(html.indexOf('article__body'), html.indexOf('share-bar'));
  return [...body.matchAll(/<p>([^<]*)<\/p>/g)].map((match) => match[1]).join('\n\n');
}

describe('entity extraction: the seed story', () => {
  const text = seedStoryParagraphs();
  const entities = extractor.extract(text, 'eng');

  it('finds the people under their full names, without titles, counting short mentions', () => {
    expect(namesOf(entities, 'person').sort()).toEqual(['Kim Jong Un', 'Vladimir Putin', 'Xi Jinping']);
    const kim = find(entities, 'person', 'Kim Jong Un')!;
    expect(kim.count).toBe(4); // "Kim Jong Un" once, "Kim" three times
    expect(kim.aliases).toEqual(['Kim']);
    expect(text.slice(kim.firstOffset, kim.firstOffset + 11)).toBe('Kim Jong Un');
    expect(find(entities, 'person', 'Xi Jinping')!.count).toBe(3);
  });

  it('finds the organisations, with the acronym as an alias', () => {
    expect(find(entities, 'organization', 'Korean Central News Agency')).toMatchObject({ aliases: ['KCNA'], count: 2 });
    expect(find(entities, 'organization', 'Communist Party of China')).toBeDefined();
    expect(find(entities, 'organization', "Workers' Party of Korea")).toBeDefined();
  });

  it('finds countries with ISO codes, from names and from adjectives, and cities and landmarks', () => {
    expect(find(entities, 'place', 'North Korea')).toMatchObject({ countryCode: 'KP' });
    expect(find(entities, 'place', 'China')).toMatchObject({ countryCode: 'CN' });
    expect(find(entities, 'place', 'China')!.aliases).toContain('Chinese');
    expect(find(entities, 'place', 'Russia')).toMatchObject({ countryCode: 'RU', aliases: ['Russian'] });
    expect(find(entities, 'place', 'Beijing')).toMatchObject({ count: 2 });
    expect(find(entities, 'place', 'Beijing')!.countryCode).toBeUndefined();
    expect(find(entities, 'place', 'Tiananmen Square')).toBeDefined();
    expect(find(entities, 'place', 'Pyongyang')).toBeDefined();
  });
});

describe('entity extraction: the seed story as a corpus document', () => {
  const sharedDir = path.resolve(repoRoot, '..', 'shared');
  const text = readFileSync(path.join(sharedDir, 'examples/story-2025-09-05-sputnikglobe.txt'), 'utf8');
  const entities = extractor.extract(text, 'eng');

  it('reads the Title Case headline without inventing entities from it', () => {
    expect(namesOf(entities, 'person').sort()).toEqual(['Kim Jong Un', 'Vladimir Putin', 'Xi Jinping']);
    // The headline's "Kim" and "Xi" already count for the full names.
    expect(find(entities, 'person', 'Kim Jong Un')!.firstOffset).toBe(text.indexOf('Kim at Meeting'));
  });

  it('ties country abbreviations and official names to the country', () => {
    const northKorea = find(entities, 'place', 'North Korea')!;
    expect(northKorea.countryCode).toBe('KP');
    expect(northKorea.aliases).toEqual(expect.arrayContaining(['DPRK', "Democratic People's Republic of Korea", 'North Korean']));
    expect(find(entities, 'place', 'China')!.aliases).toEqual(expect.arrayContaining(['PRC', "People's Republic of China"]));
    expect(find(entities, 'organization', 'Korean Central News Agency')).toMatchObject({ aliases: ['KCNA'] });
    expect(find(entities, 'organization', 'Communist Party of China')).toBeDefined();
  });
});

describe('entity extraction: general mechanisms on invented sentences', () => {
  it('strips roles, resolves surnames and turns nationality adjectives into countries', () => {
    const text =
      'German Chancellor Olaf Brenner met French President Amelie Durand in Paris on Tuesday. ' +
      'Brenner later flew back to Berlin, while Durand stayed in Paris.';
    const entities = extractor.extract(text, 'eng');
    expect(find(entities, 'person', 'Olaf Brenner')).toMatchObject({ count: 2, firstOffset: text.indexOf('Olaf') });
    expect(find(entities, 'person', 'Amelie Durand')).toMatchObject({ count: 2 });
    expect(find(entities, 'place', 'Germany')).toMatchObject({ countryCode: 'DE', aliases: ['German'] });
    expect(find(entities, 'place', 'France')).toMatchObject({ countryCode: 'FR' });
    expect(find(entities, 'place', 'Paris')).toMatchObject({ count: 2 });
    expect(find(entities, 'place', 'Berlin')).toBeDefined();
    expect(entities.some((entity) => /Chancellor|President/.test(entity.name))).toBe(false);
  });

  it('does not link a sentence-initial common word that happens to be a first name', () => {
    const text = 'Will Brandt met the press in Oslo. Will the talks go on? Brandt said they will.';
    const entities = extractor.extract(text, 'eng');
    expect(find(entities, 'person', 'Will Brandt')).toMatchObject({ count: 2, aliases: ['Brandt'] });
  });

  it('links an acronym introduced in parentheses and initials of an organisation', () => {
    const text =
      'The Northern Fisheries Council (NFC) voted on Monday to cut quotas. ' +
      'Members of the National Harbour Authority objected, and the NFC said talks with the NHA would go on.';
    const entities = extractor.extract(text, 'eng');
    expect(find(entities, 'organization', 'Northern Fisheries Council')).toMatchObject({ count: 3, aliases: ['NFC'] });
    expect(find(entities, 'organization', 'National Harbour Authority')).toMatchObject({ count: 2, aliases: ['NHA'] });
  });

  it('finds countries in German text with the German model and gazetteer', () => {
    const text = 'Bundeskanzler Olaf Brenner reiste am Dienstag nach Nordkorea. In Pjöngjang traf er Vertreter der Regierung.';
    const entities = extractor.extract(text, 'deu');
    expect(find(entities, 'place', 'North Korea')).toMatchObject({ countryCode: 'KP', aliases: ['Nordkorea'] });
    expect(find(entities, 'person', 'Olaf Brenner')).toBeDefined();
  });

  it('turns inflected German and French country adjectives into countries', () => {
    const german = extractor.extract('Der chinesische Außenminister Li Wen traf am Montag seinen russischen Kollegen.', 'deu');
    expect(find(german, 'place', 'China')).toMatchObject({ countryCode: 'CN', aliases: ['chinesische'] });
    expect(find(german, 'place', 'Russia')).toMatchObject({ countryCode: 'RU', aliases: ['russischen'] });
    const french = extractor.extract('Le ministre chinois a rencontré des diplomates russes à Paris.', 'fra');
    expect(find(french, 'place', 'China')).toMatchObject({ countryCode: 'CN' });
    expect(find(french, 'place', 'Russia')).toMatchObject({ countryCode: 'RU', aliases: ['russes'] });
  });

  it('keeps German common nouns out and still links surnames', () => {
    const text = 'Die Sonne schien über Hamburg, als die Ministerin Angela Brenner dort ankam. Brenner sprach im Rathaus von Hamburg über den Hafen und die Zukunft.';
    const entities = extractor.extract(text, 'deu');
    expect(entities.map((entity) => `${entity.type}:${entity.name}:${entity.count}`).sort()).toEqual(['person:Angela Brenner:2', 'place:Hamburg:2']);
  });

  it('finds country names in scripts without letter case, under the code the detector emits', () => {
    const text = '中国和俄罗斯的领导人在北京会面。';
    const entities = extractor.extract(text, 'cmn');
    // The macrolanguage code a page may declare reaches the same model and gazetteer.
    expect(extractor.extract(text, 'zho')).toEqual(entities);
    expect(find(entities, 'place', 'China')).toMatchObject({ countryCode: 'CN', firstOffset: 0 });
    expect(find(entities, 'place', 'Russia')).toMatchObject({ countryCode: 'RU', firstOffset: 3 });
  });

  it('tags Chinese people, organisations and places with the character model', () => {
    const text = '国家主席习近平在北京会见了朝鲜劳动党委员长金正恩。双方表示，中国和朝鲜将继续加强合作。';
    const entities = extractor.extract(text, 'cmn');
    // Listed entities show the alias table's English name (identity.ts).
    expect(find(entities, 'person', 'Xi Jinping')).toMatchObject({ firstOffset: text.indexOf('习近平'), aliases: ['习近平'] });
    expect(find(entities, 'person', 'Kim Jong Un')).toBeDefined();
    expect(find(entities, 'organization', "Workers' Party of Korea")).toBeDefined();
    expect(find(entities, 'place', 'Beijing')).toBeDefined();
    expect(find(entities, 'place', 'China')).toMatchObject({ countryCode: 'CN', count: 1, aliases: ['中国'] });
    // 朝鲜 once on its own; the one inside 朝鲜劳动党 belongs to the party.
    expect(find(entities, 'place', 'North Korea')).toMatchObject({ countryCode: 'KP', count: 1 });
  });

  it('does not count a country inside a Chinese organisation name as a place', () => {
    const entities = extractor.extract('中国共产党第二十次全国代表大会在人民大会堂开幕。', 'cmn');
    // People's Daily annotates the congress as one organisation, the party inside it included
    // (shown under its Latin form, written as in the text among its aliases).
    expect(entities.some((entity) => entity.type === 'organization' && [entity.name, ...(entity.aliases ?? [])].some((name) => name.startsWith('中国共产党')))).toBe(true);
    expect(find(entities, 'place', 'China')).toBeUndefined();
  });

  it('does not read country names out of the middle of Chinese words', () => {
    // 发展中国家 "developing countries" holds 中国; 沿海地区 "coastal areas" holds 海地 (Haiti).
    const entities = extractor.extract('发展中国家加快沿海地区开发。', 'cmn');
    expect(entities.filter((entity) => entity.countryCode)).toEqual([]);
  });

  it('returns nothing for text without names', () => {
    expect(extractor.extract('the cat sat on the mat and nothing else happened.', 'eng')).toEqual([]);
    expect(extractor.extract('', 'eng')).toEqual([]);
  });
});

describe('entity extraction: one identity across languages', () => {
  it('finds inflected forms of listed people, cities and countries where the tagger is borrowed', () => {
    const ids = extractor.extract('Президент Владимир Путин встретился с Си Цзиньпином в Пекине. Путину показали Москву. В Японии и Китае об этом писали.', 'rus').map((entity) => entity.id);
    expect(ids).toEqual(expect.arrayContaining(['person:vladimir-putin', 'person:xi-jinping', 'place:beijing', 'place:moscow', 'place:country:JP', 'place:country:CN']));
  });

  it('finds listed names in uncased scripts as whole words only', () => {
    expect(extractor.extract('习近平在北京会见了普京。', 'cmn').map((entity) => entity.id)).toEqual(expect.arrayContaining(['person:xi-jinping', 'place:beijing']));
    const arabic = extractor.extract('التقى بوتين في القاهرة مع مسؤولين من الأمم المتحدة.', 'arb').map((entity) => entity.id);
    expect(arabic).toEqual(expect.arrayContaining(['person:vladimir-putin', 'place:cairo', 'org:united-nations']));
    // "مالي" (Mali) inside "المالية" (financial) is no mention of Mali.
    expect(extractor.extract('ناقش الوزراء السياسة المالية للحكومة.', 'arb').map((entity) => entity.id)).not.toContain('place:country:ML');
  });

  it('does not take month names or function words for names', () => {
    const ids = extractor.extract('Pada bulan Agustus, Anda dapat mengunjungi Jakarta. Anda juga bisa ke Bali.', 'ind').map((entity) => entity.name);
    expect(ids).not.toContain('Agustus');
    expect(ids).not.toContain('Anda');
  });
});
