import { describe, expect, it } from 'vitest';
import { type ArabicMention, arabicMentions, normaliseArabic } from './arabic';
import { loadGazetteer } from './gazetteer';
import { loadEntityExtractor } from './index';

// Sentences written for these tests.
const gazetteer = loadGazetteer(['arb']);

/** [type, text slice at the mention's offsets] for every mention. */
function spans(text: string): Array<[string, string]> {
  return arabicMentions(text, gazetteer).map((mention) => [mention.type, text.slice(mention.start, mention.end)]);
}

function mention(text: string, type: ArabicMention['type'], slice: string): ArabicMention | undefined {
  return arabicMentions(text, gazetteer).find((m) => m.type === type && text.slice(m.start, m.end) === slice);
}

describe('Arabic normalisation', () => {
  it('drops tashkeel and tatweel and folds alef, ta marbuta and alef maqsura', () => {
    expect(normaliseArabic('الرَّئِيسُ')).toBe('الرئيس');
    expect(normaliseArabic('بـــكين')).toBe('بكين');
    expect(normaliseArabic('أإآا')).toBe('اااا');
    expect(normaliseArabic('منظمة')).toBe('منظمه');
    expect(normaliseArabic('مصطفى')).toBe('مصطفي');
  });
});

describe('Arabic mentions: clitics', () => {
  it('leaves attached و ب ل out of the span and keeps the article in', () => {
    const text = 'زار الوزير موسكو وبكين، وأشاد بالصين وقال إن للأمم المتحدة دورا كبيرا.';
    expect(spans(text)).toEqual([
      ['LOC', 'موسكو'],
      ['LOC', 'بكين'],
      ['LOC', 'الصين'],
      ['ORG', 'لأمم المتحدة'],
    ]);
    expect(mention(text, 'LOC', 'بكين')!.place).toMatchObject({ countryCode: 'CN' });
    expect(mention(text, 'LOC', 'الصين')!.place).toMatchObject({ kind: 'country', countryCode: 'CN', name: 'China' });
  });

  it('does not cut a letter that belongs to the name (بكين, لبنان, فرنسا)', () => {
    expect(spans('سافر الوفد من لبنان إلى فرنسا عبر بكين.')).toEqual([
      ['LOC', 'لبنان'],
      ['LOC', 'فرنسا'],
      ['LOC', 'بكين'],
    ]);
  });

  it('strips و before a title and before a short name', () => {
    const text = 'التقى المستشار الألماني أولاف شولتس بالرئيس الفرنسي إيمانويل ماكرون، وقال لماكرون إن الشراكة قوية.';
    expect(spans(text)).toEqual([
      ['LOC', 'الألماني'],
      ['PER', 'أولاف شولتس'],
      ['LOC', 'الفرنسي'],
      ['PER', 'إيمانويل ماكرون'],
      ['PER', 'ماكرون'],
    ]);
    expect(mention(text, 'PER', 'ماكرون')!.canonical).toBe('إيمانويل ماكرون');
  });
});

describe('Arabic mentions: titles and names', () => {
  it('takes the name after a title and the country from its nisba adjective', () => {
    const text = 'قال الرئيس الصيني شي جين بينغ إن بلاده مستعدة للحوار.';
    expect(spans(text)).toEqual([
      ['LOC', 'الصيني'],
      ['PER', 'شي جين بينغ'],
    ]);
    expect(mention(text, 'LOC', 'الصيني')!.place).toMatchObject({ kind: 'demonym', countryCode: 'CN' });
  });

  it('reads names it has never seen after a title, up to the next clause', () => {
    expect(spans('وصل رئيس الوزراء الكندي مارك كارني إلى لندن يوم الأحد.')).toEqual([
      ['LOC', 'الكندي'],
      ['PER', 'مارك كارني'],
      ['LOC', 'لندن'],
    ]);
  });

  it('finds Arab names from the first-name list without a title', () => {
    expect(spans('وقع أحمد أبو الغيط الاتفاق أمس.')).toEqual([['PER', 'أحمد أبو الغيط']]);
  });

  it('finds no person where a title stands alone or a first name is a common word', () => {
    expect(spans('قال الرئيس إن الحكومة ستقدم دعما ماليا كبيرا.')).toEqual([]);
    expect(spans('أعلن المدير العام أن جمال المدينة يجذب السياح.')).toEqual([]);
  });
});

describe('Arabic mentions: nisba adjectives', () => {
  it('builds masculine, feminine and plural forms from every country name', () => {
    const text = 'قالت الشركات الأمريكية والفرنسية إن المستثمرين السعوديين والأتراك والكورية الشمالية.';
    const found = arabicMentions(text, gazetteer).map((m) => [text.slice(m.start, m.end), m.place?.countryCode]);
    expect(found).toEqual([
      ['الأمريكية', 'US'],
      ['الفرنسية', 'FR'],
      ['السعوديين', 'SA'],
      ['الكورية الشمالية', 'KP'],
    ]);
  });

  it('does not read مالي "financial" as Mali', () => {
    expect(spans('حصلت الشركة على دعم مالي من المصرف.')).toEqual([]);
  });
});

describe('Arabic mentions: organisations', () => {
  it('takes a head word with its genitive chain', () => {
    const text = 'أعلنت وزارة الخارجية الروسية أن وفدا من حزب العمال الكوري زار الاتحاد الدولي لكرة القدم اليوم.';
    expect(spans(text)).toEqual([
      ['ORG', 'وزارة الخارجية الروسية'],
      ['ORG', 'حزب العمال الكوري'],
      ['ORG', 'الاتحاد الدولي لكرة القدم'],
    ]);
  });

  it('ends at a place after "لـ" and keeps a head alone out', () => {
    expect(spans('قدم البنك الدولي لمصر قرضا جديدا، وقالت الوزارة إنها ترحب.')).toEqual([
      ['ORG', 'البنك الدولي'],
      ['LOC', 'مصر'],
    ]);
  });

  it('links a club name used alone to its full name', () => {
    const text = 'فاز نادي الزمالك على منافسه. وقال مدرب الزمالك إن الفريق استحق الفوز.';
    expect(spans(text)).toEqual([
      ['ORG', 'نادي الزمالك'],
      ['ORG', 'الزمالك'],
    ]);
  });
});

describe('Arabic mentions: diacritics and spelling variants', () => {
  it('matches voweled and elongated text and keeps offsets on the original', () => {
    const text = 'قَالَ الرَّئِيسُ الفَرَنْسِيُّ إِيمَانُويل مَاكْرُون إن بـــكين شريك.';
    const found = arabicMentions(text, gazetteer);
    expect(found.map((m) => [m.type, m.name])).toEqual([
      ['LOC', 'الفرنسي'],
      ['PER', 'إيمانويل ماكرون'],
      ['LOC', 'بكين'],
    ]);
    expect(text.slice(found[1]!.start, found[1]!.end)).toBe('إِيمَانُويل مَاكْرُون');
    expect(text.slice(found[2]!.start, found[2]!.end)).toBe('بـــكين');
  });

  it('matches names written without hamza', () => {
    expect(spans('انتقدت الامم المتحدة اسرائيل.')).toEqual([
      ['ORG', 'الامم المتحدة'],
      ['LOC', 'اسرائيل'],
    ]);
  });
});

describe('Arabic through the article extractor', () => {
  it('resolves countries to ISO codes and counts short person mentions', () => {
    const text = 'التقى الرئيس الصيني شي جين بينغ نظيره الروسي فلاديمير بوتين في بكين.\nوقال بوتين إن العلاقات مع الصين ممتازة.';
    const entities = loadEntityExtractor().extract(text, 'arb');
    expect(loadEntityExtractor().extract(text, 'ara')).toEqual(entities);
    expect(entities.find((e) => e.type === 'place' && e.countryCode === 'CN')).toMatchObject({ name: 'China', count: 2 });
    // Display names are the alias table's, the same in every language (identity.ts).
    expect(entities.find((e) => e.type === 'person' && e.name === 'Vladimir Putin')).toMatchObject({ count: 2, aliases: expect.arrayContaining(['فلاديمير بوتين', 'بوتين']) });
    expect(entities.find((e) => e.type === 'person' && e.id === 'person:xi-jinping')).toMatchObject({ aliases: ['شي جين بينغ'] });
  });

  it('counts "للأمم المتحدة" (preposition + article without its alef) under "الأمم المتحدة"', () => {
    const text = 'قدمت الصين دعما للأمم المتحدة.\nوقالت الأمم المتحدة إنها ترحب بالدعم.';
    const organisations = loadEntityExtractor().extract(text, 'arb').filter((e) => e.type === 'organization');
    expect(organisations).toEqual([expect.objectContaining({ id: 'org:united-nations', name: 'United Nations', count: 2, aliases: expect.arrayContaining(['لأمم المتحدة', 'الأمم المتحدة']) })]);
  });
});
