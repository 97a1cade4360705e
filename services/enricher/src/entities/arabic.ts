/**
 * Arabic (arb) entity mentions by rules and lists: there is no Arabic NER training data on this
 * machine, and Arabic script has no letter case, so the cased-script tagger cannot be used.
 *
 * What it finds:
 * - countries (gazetteer: `i18n-iso-countries` and `world-countries` Arabic names) and their
 *   nisba adjectives built from those names (الصين → الصيني / الصينية / صينيون …) as places,
 * - cities: Arab cities from `@faker-js/faker`'s `ar` locale (MIT) minus the ones that are also
 *   common words, plus a short list of world capitals and cities written for this project,
 * - people: the name after a title (الرئيس الصيني شي جين بينغ), first names from faker's `ar`
 *   locale followed by another name word, a short list of foreign leaders as Arabic news writes
 *   them, and later short mentions of a full name found in the same article (بوتين),
 * - organisations: a head word and its genitive chain (وزارة الخارجية الروسية, حزب العمال),
 *   and a short list of well-known names (الأمم المتحدة, أوبك).
 *
 * Matching ignores tashkeel and tatweel and folds alef, ta marbuta and alef maqsura variants.
 * Attached و ف ب ك ل are stripped when what remains is known (وبكين → بكين), and the mention
 * span starts after them; the article ال stays inside the span (بالصين → الصين).
 */
import { createRequire } from 'node:module';
// The Arabic locale alone (its definitions, not a generator): the package index would load all
// 70 locales, a quarter of a second and ~20 MB in every process that imports the extractor.
import { faker as arabicFaker } from '@faker-js/faker/locale/ar';
import type { Gazetteer, PlaceEntry } from './gazetteer';

export type ArabicMentionType = 'PER' | 'ORG' | 'LOC';

export interface ArabicMention {
  type: ArabicMentionType;
  /** UTF-16 offsets into the text; end exclusive; attached conjunctions/prepositions excluded. */
  start: number;
  end: number;
  /** Mention text without tashkeel and tatweel (display form). */
  name: string;
  /** Countries (and curated cities) resolved through the gazetteer. */
  place?: PlaceEntry;
  /** For a short person mention: the full name it was linked to in this article. */
  canonical?: string;
}

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Tashkeel (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel. */
function isIgnored(code: number): boolean {
  return (code >= 0x064b && code <= 0x065f) || code === 0x0670 || code === 0x0640 || (code >= 0x06d6 && code <= 0x06ed);
}

/** One character for matching: alef variants → ا, ة → ه, ى → ي, Persian yeh/kaf → Arabic. */
function foldCode(code: number): number {
  switch (code) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627;
    case 0x0629: return 0x0647;
    case 0x0649: case 0x06cc: return 0x064a;
    case 0x06a9: return 0x0643;
    default: return code >= 65 && code <= 90 ? code + 32 : code;
  }
}

/** The matching form of a word (see foldCode; tashkeel and tatweel dropped). */
export function normaliseArabic(word: string): string {
  // Most words have nothing to change and are returned as they are.
  let unchanged = true;
  for (let i = 0; i < word.length && unchanged; i++) {
    const code = word.charCodeAt(i);
    unchanged = !isIgnored(code) && foldCode(code) === code;
  }
  if (unchanged) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (!isIgnored(code)) out += String.fromCharCode(foldCode(code));
  }
  return out;
}

/** Text as written minus tashkeel and tatweel: the name shown for a mention. */
function displayForm(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) if (!isIgnored(text.charCodeAt(i))) out += text[i];
  return out.replace(/\s+/g, ' ');
}

/** Offset in the original word of the `k`-th kept (normalised) character. */
function originalOffset(word: string, k: number): number {
  let kept = 0;
  for (let i = 0; i < word.length; i++) {
    if (isIgnored(word.charCodeAt(i))) continue;
    if (kept === k) return i;
    kept++;
  }
  return word.length;
}

const norm = (phrase: string): string => phrase.trim().split(/\s+/u).map(normaliseArabic).join(' ');

// ---------------------------------------------------------------------------------------------
// Curated lists, written for this project (modest on purpose; the packages supply the bulk).

/** Words that introduce a person's name. */
const TITLES = [
  'الرئيس', 'رئيس', 'الرئيسة', 'رئيسة', 'رئيس الوزراء', 'رئيسة الوزراء', 'رئيس وزراء', 'رئيس الحكومة', 'رئيس حكومة',
  'رئيس الجمهورية', 'نائب الرئيس', 'نائب رئيس', 'نائبة الرئيس', 'الوزير', 'الوزيرة', 'وزير', 'وزيرة', 'وزير الخارجية',
  'وزيرة الخارجية', 'وزير الدفاع', 'وزيرة الدفاع', 'وزير الداخلية', 'وزير المالية', 'وزير الاقتصاد',
  'وزير الطاقة', 'وزير النفط', 'وزير التجارة', 'وزير الخزانة', 'وزير العدل', 'وزير الصحة', 'الملك', 'الملكة', 'الأمير',
  'الأميرة', 'ولي العهد', 'الشيخ', 'الشيخة', 'السلطان', 'الزعيم', 'زعيم', 'المستشار', 'المستشارة',
  'السفير', 'السفيرة', 'سفير', 'شيخ', 'المتحدث باسم', 'المتحدثة باسم', 'المتحدث الرسمي باسم', 'متحدث باسم', 'الأمين العام',
  'الأمينة العامة', 'أمين عام', 'المدير العام', 'مدير عام', 'المدير التنفيذي', 'الرئيس التنفيذي', 'الرئيسة التنفيذية',
  'مدير', 'مديرة', 'المدير', 'المديرة', 'رئيس مجلس إدارة', 'المبعوث', 'المبعوثة', 'المبعوث الخاص', 'المندوب',
  'المندوبة', 'مندوب', 'القائد', 'قائد', 'الجنرال', 'اللواء', 'العقيد', 'المشير', 'البابا', 'الإمام', 'آية الله',
  'المرشد الأعلى', 'المرشد', 'النائب', 'السيناتور', 'الحاكم', 'حاكم', 'محافظ', 'المحافظ', 'عمدة', 'رئيس بلدية',
  'المدرب', 'مدرب', 'النجم', 'النجمة', 'المهاجم', 'المدافع', 'الحارس', 'الملاكم', 'الملاكمة',
  'البطل', 'البطلة', 'العداء', 'العداءة', 'الكاتب', 'الكاتبة', 'الصحفي', 'الصحفية', 'الدكتور', 'الدكتورة', 'السيد',
  'السيدة', 'المرشح', 'المرشحة', 'نظيره', 'نظيرته', 'نظيرها', 'الفنان', 'الفنانة', 'المغني', 'المغنية', 'الممثل',
  'الممثلة', 'المخرج', 'رئيسه', 'رئيسها', 'الروائي', 'الشاعر', 'المحامي', 'الناشط', 'الباحث', 'الأستاذ',
  'المعارض', 'القاضي', 'المحلل',
];

/** The word for minister, which takes its portfolio as a genitive (وزير الإسكان). */
const MINISTER = new Set(['وزير', 'وزيره', 'الوزير', 'الوزيره']);

/** Words between a title and the name that describe the office ("الرئيس الأمريكي السابق …"). */
const TITLE_DESCRIPTORS = [
  'السابق', 'السابقة', 'الأسبق', 'الأسبقة', 'الجديد', 'الجديدة', 'المنتخب', 'المنتخبة', 'الحالي', 'الحالية', 'المؤقت',
  'المؤقتة', 'الراحل', 'الراحلة', 'التنفيذي', 'التنفيذية', 'العام', 'العامة', 'الأول', 'الأولى', 'الأعلى', 'الخاص',
  'الخاصة', 'الأممي', 'الأممية', 'المكلف', 'المكلفة', 'المستقيل', 'المستقيلة', 'المخضرم', 'الشاب', 'الدولي', 'الدولية',
  'المعتزل', 'الأسطوري', 'المختص', 'المعني', 'المسؤول', 'الرسمي', 'الرسمية', 'المعارض', 'المعارضة',
];

/** Last words of names of organisations; with a genitive after them they name one. */
const ORGANISATION_HEADS = [
  'وزارة', 'الوزارة', 'منظمة', 'المنظمة', 'حزب', 'الحزب', 'جامعة', 'الجامعة', 'شركة', 'الشركة', 'وكالة', 'الوكالة', 'مجلس',
  'المجلس', 'البنك', 'بنك', 'مصرف', 'المصرف', 'هيئة', 'الهيئة', 'حركة', 'جبهة', 'صندوق', 'اتحاد', 'الاتحاد', 'نادي',
  'مؤسسة', 'المؤسسة', 'اللجنة', 'محكمة', 'المحكمة', 'مجموعة', 'صحيفة', 'قناة', 'منتدى', 'رابطة', 'جمعية',
  'البرلمان', 'مركز', 'معهد', 'تحالف', 'التحالف', 'ائتلاف', 'الحرس', 'برنامج', 'مفوضية', 'الخطوط الجوية',
];

/** Heads that take a proper name directly, not only a definite genitive (شركة أرامكو, نادي الهلال). */
const NAME_TAKING_HEADS = ['شركة', 'وكالة', 'نادي', 'جامعة', 'مجموعة', 'صحيفة', 'قناة', 'حركة', 'بنك', 'مصرف', 'منظمة', 'جبهة', 'حزب', 'تحالف'];

/** Heads naming one portfolio, so a single genitive; more words must be adjectives. */
const SINGLE_GENITIVE_HEADS = new Set(['وزاره', 'الوزاره']);
/** Adjectives after a ministry's portfolio (وزارة التعليم العالي, وزارة الشؤون الخارجية). */
const PORTFOLIO_ADJECTIVES = new Set(['العالي', 'الخارجيه', 'الداخليه', 'الاجتماعيه', 'الاسلاميه', 'الدينيه', 'العامه', 'المدني']);

/** Adjectives that usually end an organisation's name; "لـ" after them continues it (الاتحاد الدولي لكرة القدم). */
const CLOSING_ADJECTIVES = [
  'الدولي', 'الدولية', 'العالمي', 'العالمية', 'المتحدة', 'الأوروبي', 'الأوروبية', 'العربي', 'العربية', 'الأفريقي',
  'الأفريقية', 'الإفريقي', 'الإفريقية', 'الإسلامي', 'الإسلامية', 'الخليجي', 'الوطني', 'الوطنية', 'العام', 'العامة',
  'الأعلى', 'العليا', 'الآسيوي', 'الآسيوية',
];

/** Well-known organisations without a head word, as Arabic news writes them. */
const ORGANISATIONS = [
  'الأمم المتحدة', 'الاتحاد الأوروبي', 'حلف الناتو', 'الناتو', 'حلف شمال الأطلسي', 'أوبك', 'أوبك+', 'أوبك بلس',
  'حماس', 'حزب الله', 'طالبان', 'الحوثيون', 'رويترز', 'فرانس برس', 'أسوشيتد برس', 'بلومبرغ', 'الفيفا', 'فيفا',
  'اليويفا', 'أرامكو', 'غوغل', 'جوجل', 'أبل', 'مايكروسوفت', 'أمازون', 'ميتا', 'إنفيديا', 'سامسونغ', 'تويوتا',
  'بوينغ', 'إيرباص', 'الكونغرس', 'الكنيست', 'البنتاغون', 'ريال مدريد', 'اليونسكو', 'اليونيسف', 'الإنتربول',
  'آسيان', 'بريكس', 'مجلس الأمن', 'الأونروا', 'مانشستر سيتي', 'مانشستر يونايتد', 'يوفنتوس', 'تشيلسي',
  'أرسنال', 'بايرن ميونخ', 'أتلتيكو مدريد', 'قوات الدعم السريع', 'تنظيم القاعدة', 'تنظيم الدولة', 'داعش', 'الأزهر', 'هيونداي', 'هواوي', 'كيا', 'نيسان', 'شل', 'أدنوك',
];

/** Foreign and Arab leaders as Arabic news writes them, with a short form used alone. */
const PEOPLE = [
  'شي جين بينغ', 'شي جينبينغ', 'كيم جونغ أون', 'فلاديمير بوتين', 'دونالد ترامب', 'دونالد ترمب', 'جو بايدن',
  'إيمانويل ماكرون', 'أولاف شولتس', 'فريدريش ميرتس', 'كير ستارمر', 'ريشي سوناك', 'ناريندرا مودي', 'رجب طيب أردوغان',
  'بنيامين نتنياهو', 'أنطونيو غوتيريش', 'سيرغي لافروف', 'أنتوني بلينكن', 'ماركو روبيو',
  'عبد الفتاح السيسي', 'تميم بن حمد', 'محمد بن زايد', 'بشار الأسد', 'أحمد الشرع', 'محمود عباس',
  'لولا دا سيلفا', 'جورجيا ميلوني', 'أورسولا فون دير لاين', 'كمالا هاريس',
  'عبد المجيد تبون', 'جاستن ترودو',
];

/** Short forms of the names above that stand alone in news copy. */
const SURNAMES_ALONE = [
  'ترامب', 'ترمب', 'بوتين', 'بايدن', 'ماكرون', 'شولتس', 'ميرتس', 'ستارمر', 'سوناك', 'مودي', 'أردوغان', 'نتنياهو',
  'غوتيريش', 'لافروف', 'بلينكن', 'روبيو', 'السيسي', 'ميلوني', 'تبون', 'ترودو',
];

/** Regions and cities outside the Arab world (faker's list covers Arab cities), for this project. */
const CITIES: Array<[string, string, string]> = [
  ['بكين', 'Beijing', 'CN'], ['شنغهاي', 'Shanghai', 'CN'], ['موسكو', 'Moscow', 'RU'], ['واشنطن', 'Washington', 'US'],
  ['نيويورك', 'New York', 'US'], ['لندن', 'London', 'GB'], ['باريس', 'Paris', 'FR'], ['برلين', 'Berlin', 'DE'],
  ['فرانكفورت', 'Frankfurt', 'DE'], ['روما', 'Rome', 'IT'], ['مدريد', 'Madrid', 'ES'],
  ['برشلونة', 'Barcelona', 'ES'], ['بروكسل', 'Brussels', 'BE'], ['جنيف', 'Geneva', 'CH'], ['فيينا', 'Vienna', 'AT'],
  ['طوكيو', 'Tokyo', 'JP'], ['سيول', 'Seoul', 'KR'], ['بيونغ يانغ', 'Pyongyang', 'KP'], ['نيودلهي', 'New Delhi', 'IN'],
  ['أنقرة', 'Ankara', 'TR'], ['إسطنبول', 'Istanbul', 'TR'], ['اسطنبول', 'Istanbul', 'TR'], ['طهران', 'Tehran', 'IR'],
  ['كييف', 'Kyiv', 'UA'], ['كابول', 'Kabul', 'AF'], ['إسلام آباد', 'Islamabad', 'PK'], ['أوتاوا', 'Ottawa', 'CA'],
  ['تل أبيب', 'Tel Aviv', 'IL'], ['طرابلس', 'Tripoli', 'LY'], ['الخرطوم', 'Khartoum', 'SD'], ['نواكشوط', 'Nouakchott', 'MR'],
  ['الرباط', 'Rabat', 'MA'], ['أبوظبي', 'Abu Dhabi', 'AE'], ['مسقط', 'Muscat', 'OM'], ['أديس أبابا', 'Addis Ababa', 'ET'],
  ['لاغوس', 'Lagos', 'NG'], ['جوهانسبرغ', 'Johannesburg', 'ZA'], ['بريتوريا', 'Pretoria', 'ZA'],
  ['برازيليا', 'Brasília', 'BR'], ['ريو دي جانيرو', 'Rio de Janeiro', 'BR'], ['بوينس آيرس', 'Buenos Aires', 'AR'],
  ['مكسيكو سيتي', 'Mexico City', 'MX'], ['هافانا', 'Havana', 'CU'], ['كاراكاس', 'Caracas', 'VE'], ['سيدني', 'Sydney', 'AU'],
  ['دافوس', 'Davos', 'CH'], ['ستوكهولم', 'Stockholm', 'SE'], ['أثينا', 'Athens', 'GR'], ['وارسو', 'Warsaw', 'PL'],
  ['لشبونة', 'Lisbon', 'PT'], ['أمستردام', 'Amsterdam', 'NL'], ['لاهاي', 'The Hague', 'NL'], ['هونغ كونغ', 'Hong Kong', 'HK'],
  ['جاكرتا', 'Jakarta', 'ID'], ['مانيلا', 'Manila', 'PH'], ['بانكوك', 'Bangkok', 'TH'], ['هانوي', 'Hanoi', 'VN'],
  ['أوديسا', 'Odesa', 'UA'], ['أبو ظبي', 'Abu Dhabi', 'AE'],
  ['باكو', 'Baku', 'AZ'], ['تبليسي', 'Tbilisi', 'GE'], ['يريفان', 'Yerevan', 'AM'], ['طشقند', 'Tashkent', 'UZ'],
  ['أستانا', 'Astana', 'KZ'], ['مينسك', 'Minsk', 'BY'], ['بوخارست', 'Bucharest', 'RO'], ['صوفيا', 'Sofia', 'BG'],
  ['بلغراد', 'Belgrade', 'RS'], ['زغرب', 'Zagreb', 'HR'], ['براغ', 'Prague', 'CZ'], ['بودابست', 'Budapest', 'HU'],
  ['هلسنكي', 'Helsinki', 'FI'], ['أوسلو', 'Oslo', 'NO'], ['كوبنهاغن', 'Copenhagen', 'DK'], ['دبلن', 'Dublin', 'IE'],
  ['كانبيرا', 'Canberra', 'AU'], ['ولينغتون', 'Wellington', 'NZ'], ['سانتياغو', 'Santiago', 'CL'], ['ليما', 'Lima', 'PE'],
  ['بوغوتا', 'Bogotá', 'CO'], ['داكار', 'Dakar', 'SN'], ['أبوجا', 'Abuja', 'NG'], ['أكرا', 'Accra', 'GH'],
  ['كينشاسا', 'Kinshasa', 'CD'], ['لواندا', 'Luanda', 'AO'], ['هراري', 'Harare', 'ZW'], ['كمبالا', 'Kampala', 'UG'],
  ['كيغالي', 'Kigali', 'RW'], ['أسمرة', 'Asmara', 'ER'], ['جوبا', 'Juba', 'SS'], ['نجامينا', "N'Djamena", 'TD'],
  ['باماكو', 'Bamako', 'ML'], ['نيامي', 'Niamey', 'NE'], ['كوالالمبور', 'Kuala Lumpur', 'MY'], ['كاتماندو', 'Kathmandu', 'NP'],
  ['دكا', 'Dhaka', 'BD'], ['كولومبو', 'Colombo', 'LK'], ['تايبيه', 'Taipei', 'TW'], ['ستراسبورغ', 'Strasbourg', 'FR'],
  ['ميلانو', 'Milan', 'IT'], ['مرسيليا', 'Marseille', 'FR'], ['هامبورغ', 'Hamburg', 'DE'], ['لوس أنجلوس', 'Los Angeles', 'US'],
  ['شيكاغو', 'Chicago', 'US'], ['سان فرانسيسكو', 'San Francisco', 'US'], ['تورونتو', 'Toronto', 'CA'],
  ['سان بطرسبرغ', 'Saint Petersburg', 'RU'], ['مومباي', 'Mumbai', 'IN'], ['كراتشي', 'Karachi', 'PK'], ['لاهور', 'Lahore', 'PK'],
  ['أوساكا', 'Osaka', 'JP'], ['شنتشن', 'Shenzhen', 'CN'],
];

/** Regions, continents and disputed territories. */
const REGIONS = [
  'أوروبا', 'آسيا', 'أفريقيا', 'إفريقيا', 'أمريكا اللاتينية', 'أمريكا الجنوبية', 'أمريكا الشمالية', 'الشرق الأوسط',
  'الضفة الغربية', 'قطاع غزة', 'سيناء', 'كشمير', 'القرم', 'دونباس', 'كردستان', 'إقليم كردستان', 'دارفور', 'الخليج العربي',
  'البحر الأحمر', 'البحر الأسود', 'البحر الكاريبي', 'بحر العرب', 'كاليفورنيا', 'تكساس', 'فلوريدا', 'ألاسكا', 'هاواي', 'كيبيك', 'إسكتلندا', 'اسكتلندا', 'ويلز', 'بافاريا', 'كتالونيا', 'سيبيريا', 'البحر المتوسط', 'بحر الصين الجنوبي', 'مضيق هرمز', 'قناة السويس',
];

/** Country names the packages lack in the form news uses. */
const COUNTRY_ALIASES: Record<string, string> = {
  'أمريكا': 'US', 'أميركا': 'US', 'الولايات المتحدة الأمريكية': 'US', 'الولايات المتحدة الأميركية': 'US', 'بريطانيا': 'GB',
  'سوريا': 'SY', 'سورية': 'SY', 'موريتانيا': 'MR', 'تايلاند': 'TH', 'روسيا الاتحادية': 'RU', 'الإمارات': 'AE',
};

/** Nisba adjectives the generic rule does not produce. */
const NISBA_EXCEPTIONS: Record<string, string> = {
  'نمساوي': 'AT', 'نمساوية': 'AT', 'النمساوي': 'AT', 'النمساوية': 'AT', 'أفغاني': 'AF', 'أفغانية': 'AF', 'الأفغاني': 'AF',
  'الأفغانية': 'AF', 'الجنوب أفريقي': 'ZA', 'الجنوب أفريقية': 'ZA', 'جنوب أفريقي': 'ZA', 'الجنوب إفريقي': 'ZA',
  'الجنوب إفريقية': 'ZA', 'بريطاني': 'GB', 'البريطاني': 'GB', 'البريطانية': 'GB', 'البريطانيون': 'GB',
};

/** Names of events and competitions that contain a place but are not one (دوري أبطال أوروبا). */
const NOT_PLACES = ['دوري أبطال أوروبا', 'كأس العالم', 'كأس أمم أفريقيا', 'كأس آسيا', 'كأس أمم أوروبا', 'بطولة أوروبا', 'الحرب العالمية', 'دوري أبطال أفريقيا', 'دوري أبطال آسيا', 'كأس أفريقيا'];

/** Country names, nisbas and faker cities that are also ordinary words (مالي "financial", صور "pictures"). */
const AMBIGUOUS_PLACES = [
  'مالي', 'مالية', 'الماليه', 'المالي', 'ماليون', 'ماليين', 'بنين', 'المدينة', 'الشرقية', 'التل', 'البيضاء', 'العين', 'صور',
  'معبر', 'السلع', 'دخان', 'الخور', 'مصفح', 'الرحبة', 'دورا', 'عمران', 'العقبة', 'صلاح الدين', 'نجد', 'الغنيم', 'الغرية',
  'القادسية', 'الريان', 'الحلة', 'جورجي', 'جورجية', 'الجورجي', 'رومانية', 'روماني', 'الروماني', 'الرومانية',
];

/** Frequent news verbs and nouns that end a name (stopwords-iso covers the function words). */
const NAME_BREAKERS = [
  'قال', 'قالت', 'أعلن', 'أعلنت', 'أكد', 'أكدت', 'أضاف', 'أضافت', 'أشار', 'أشارت', 'أوضح', 'أوضحت', 'دعا', 'دعت', 'زار',
  'زارت', 'يزور', 'تزور', 'التقى', 'التقت', 'يلتقي', 'تلتقي', 'استقبل', 'استقبلت', 'وصل', 'وصلت', 'غادر', 'غادرت', 'بحث',
  'بحثت', 'ناقش', 'وقع', 'وقعت', 'شدد', 'شددت', 'اعتبر', 'رأى', 'أعرب', 'أعربت', 'هنأ', 'أجرى', 'أجرت', 'أبلغ', 'طالب',
  'طالبت', 'حذر', 'حذرت', 'نفى', 'نفت', 'رفض', 'رفضت', 'وافق', 'قرر', 'قررت', 'عين', 'أقال', 'فاز', 'فازت', 'خسر', 'سجل',
  'سجلت', 'يسعى', 'تسعى', 'سيزور', 'ستزور', 'يعتزم', 'تعتزم', 'اتهم', 'اتهمت', 'أدان', 'أدانت', 'تعهد', 'هاتف', 'اتصالا',
  'اتصال', 'بيان', 'بيانا', 'كلمة', 'خطاب', 'مؤتمر', 'لقاء', 'اجتماع', 'نظيره', 'نظيرته', 'أمس', 'الأحد', 'الاثنين',
  'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'يوم', 'الأسبوع', 'الشهر', 'العام', 'الماضي', 'المقبل', 'الحالي',
  'عقب', 'إثر', 'أثناء', 'بحضور', 'رئاسة', 'حكومة', 'الحكومة', 'البطلة', 'البطل', 'الذي', 'التي',
  'أن', 'إن', 'كان', 'كانت', 'الرئيس', 'واحد', 'اثنين', 'ثلاثة', 'أربعة', 'خمسة', 'ستة', 'سبعة', 'ثمانية', 'تسعة', 'عشرة',
  'مئة', 'مائة', 'ألف', 'آلاف',
];

/** First names that are also frequent words: they continue a name but do not start one on their own. */
const AMBIGUOUS_FIRST_NAMES = [
  'جمال', 'سعيد', 'أمين', 'نصر', 'فضل', 'رضا', 'سلامة', 'حسن', 'عادل', 'كريم', 'أمان', 'إسلام', 'عطا', 'مجد', 'فرج',
  'رجب', 'رمضان', 'شعبان', 'جمعة', 'بدر', 'صقر', 'سيف', 'ربيع', 'وسام', 'مبارك', 'منصور', 'ناصر', 'فارس', 'كامل',
  'معين', 'مفتاح', 'نبيل', 'نعيم', 'على', 'أمير', 'سماح', 'رزق', 'مختار', 'حافظ', 'رائد', 'ثابت', 'صابر', 'صادق',
  'عزيز', 'غازي', 'جهاد', 'حكيم', 'رشيد', 'شريف', 'طيب', 'عارف', 'باسم', 'رياض', 'رفيق', 'سالم', 'سليم', 'نادر',
  'ناجح', 'ناجي', 'مجاهد', 'مؤمن', 'فريد', 'عامر', 'أشرف', 'أكرم', 'أسعد', 'منتصر', 'نسيم', 'نزيه', 'مرشد', 'جميل',
  'حميد', 'خليل', 'راشد', 'سامي', 'طاهر', 'فاضل', 'محفوظ', 'مخلص', 'مصلح', 'منير', 'نافع', 'وديع', 'إيمان', 'أمل',
];

/** Name words linking two parts of one name (محمد بن سلمان, عبد الله, أبو الغيط). */
const CONNECTORS = ['بن', 'ابن', 'بنت', 'عبد', 'العبد', 'أبو', 'أبي', 'آل', 'ولد', 'دا', 'دي', 'فون', 'دير', 'فان'];

/** Frequent first names (faker has only ten female ones) and surnames that faker's lists lack (for this project). */
const EXTRA_FIRST_NAMES = ['حسين', 'عمر', 'فاطمة', 'مريم', 'عائشة', 'زينب', 'سارة', 'ليلى', 'هدى', 'نادية', 'رانيا', 'سلمى', 'إبراهيم', 'عبد الله', 'عبد العزيز', 'عبد الرحمن'];
const EXTRA_LAST_NAMES = ['السيسي', 'الأسد', 'الحريري', 'الصدر', 'الكاظمي', 'الصفدي', 'عباس', 'زايد', 'حمد'];

// ---------------------------------------------------------------------------------------------
// The lexicon

type Entry =
  | { kind: 'LOC'; place?: PlaceEntry }
  | { kind: 'NISBA'; place: PlaceEntry }
  | { kind: 'ORG' }
  | { kind: 'PER' }
  | { kind: 'TITLE' }
  | { kind: 'HEAD' }
  /** Covers the words (an event name) and yields no mention. */
  | { kind: 'OTHER' };

interface Lexicon {
  phrases: Map<string, Entry>;
  longestByFirst: Map<string, number>;
  firstNames: Set<string>;
  /** Words that can be any part of a name (surnames, later parts of compound first names, leaders' names). */
  nameWords: Set<string>;
  ambiguousFirst: Set<string>;
  breakers: Set<string>;
  connectors: Set<string>;
  descriptors: Set<string>;
  nameTakingHeads: Set<string>;
  closing: Set<string>;
}

const stopwordLists = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

/**
 * Stem of a (normalised) country name for its nisba adjective: الصين → صين, روسيا → روس,
 * السعودية → سعود. Whether the name has the article is read from the written form, because
 * ألمانيا normalises to المانيا and must keep its first two letters.
 */
function nisbaStem(name: string, hasArticle: boolean): string | undefined {
  let stem = hasArticle ? name.slice(2) : name;
  if (stem.endsWith('ي')) return undefined; // تشيلي, مالي: the adjective is the name itself
  if (stem.endsWith('يا') || stem.endsWith('يه')) stem = stem.slice(0, -2);
  else if (stem.endsWith('ا') || stem.endsWith('ه')) stem = stem.slice(0, -1);
  return stem.length >= 3 ? stem : undefined;
}

/** Masculine and feminine, singular, dual and plural nisba forms, bare and with the article. */
function nisbaForms(stem: string): string[] {
  const forms = ['ي', 'يه', 'يون', 'يين', 'يان', 'يتين'].map((ending) => stem + ending);
  return [...forms, ...forms.map((form) => `ال${form}`)];
}

const lexicons = new WeakMap<Gazetteer, Lexicon>();
const fakerArabic = arabicFaker.rawDefinitions;

function lexiconFor(gazetteer: Gazetteer): Lexicon {
  const cached = lexicons.get(gazetteer);
  if (cached) return cached;
  const phrases = new Map<string, Entry>();
  const longestByFirst = new Map<string, number>();
  const ambiguousPlaces = new Set(AMBIGUOUS_PLACES.map(norm));
  const add = (phrase: string, entry: Entry, overwrite = false): void => {
    const key = norm(phrase);
    if (!key || (!overwrite && phrases.has(key)) || ambiguousPlaces.has(key)) return;
    phrases.set(key, entry);
    const words = key.split(' ');
    longestByFirst.set(words[0]!, Math.max(longestByFirst.get(words[0]!) ?? 0, words.length));
  };
  // Curated organisations, people and titles first: they win over a place of the same spelling.
  for (const title of TITLES) {
    add(title, { kind: 'TITLE' });
    // The feminine of the first word (النائب → النائبة, وزير الخارجية → وزيرة الخارجية).
    const [first, ...rest] = title.split(' ');
    if (!/[اةه]$/u.test(first!)) add([`${first!}ة`, ...rest].join(' '), { kind: 'TITLE' });
  }
  for (const name of ORGANISATIONS) add(name, { kind: 'ORG' });
  for (const name of PEOPLE) add(name, { kind: 'PER' });
  for (const name of SURNAMES_ALONE) add(name, { kind: 'PER' });
  for (const head of ORGANISATION_HEADS) {
    add(head, { kind: 'HEAD' });
    if (!head.startsWith('ال')) add(`ال${head}`, { kind: 'HEAD' });
  }
  /** [normalised name, has the article ال (plain alef) as written, place]. */
  const countries: Array<[string, boolean, PlaceEntry]> = [];
  for (const [phrase, place] of gazetteer.places.entries()) {
    if (place.kind === 'city' || !/[\u0600-\u06ff]/u.test(phrase)) continue;
    countries.push([norm(phrase), phrase.startsWith('ال'), place]);
  }
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) {
    const place = gazetteer.countryByCode.get(code);
    if (place) countries.push([norm(alias), alias.startsWith('ال'), place]);
  }
  for (const [phrase, , place] of countries) add(phrase, { kind: 'LOC', place });
  for (const [city, name, code] of CITIES) add(city, { kind: 'LOC', place: { kind: 'city', name, countryCode: code } });
  for (const region of REGIONS) add(region, { kind: 'LOC' });
  for (const city of fakerArabic.location?.city_name ?? []) add(city, { kind: 'LOC' });
  // Nisba adjectives from every country name; two-word names ending in a direction adjective
  // (كوريا الشمالية) give two-word adjectives (الكوري الشمالي, الكورية الشمالية).
  for (const [phrase, hasArticle, place] of countries) {
    const words = phrase.split(' ');
    const demonym: PlaceEntry = { ...place, kind: 'demonym' };
    if (words.length === 1) {
      const stem = nisbaStem(words[0]!, hasArticle);
      if (stem) for (const form of nisbaForms(stem)) add(form, { kind: 'NISBA', place: demonym });
    } else if (words.length === 2 && words[1]!.startsWith('ال') && words[1]!.endsWith('يه')) {
      const stem = nisbaStem(words[0]!, hasArticle);
      const adjective = words[1]!.slice(0, -1); // الشماليه → الشمالي
      if (stem) {
        add(`ال${stem}ي ${adjective}`, { kind: 'NISBA', place: demonym });
        add(`ال${stem}يه ${words[1]!}`, { kind: 'NISBA', place: demonym });
        add(`${stem}ي ${adjective.slice(2)}`, { kind: 'NISBA', place: demonym });
        add(`${stem}يه ${words[1]!.slice(2)}`, { kind: 'NISBA', place: demonym });
      }
    }
  }
  for (const [adjective, code] of Object.entries(NISBA_EXCEPTIONS)) {
    const place = gazetteer.countryByCode.get(code);
    if (place) add(adjective, { kind: 'NISBA', place: { ...place, kind: 'demonym' } });
  }
  for (const phrase of NOT_PLACES) add(phrase, { kind: 'OTHER' }, true);

  const person = fakerArabic.person;
  const firstNames = new Set<string>();
  const nameWords = new Set<string>();
  const addName = (name: string, isFirst: boolean): void => {
    const words = norm(name).split(' ');
    if (words.some((word) => word.length < 2)) return; // "الع لويني": a broken entry
    words.forEach((word, index) => (index === 0 && isFirst ? firstNames : nameWords).add(word));
  };
  for (const name of [...(person?.first_name?.male ?? []), ...(person?.first_name?.female ?? []), ...EXTRA_FIRST_NAMES]) addName(name, true);
  for (const name of [...(person?.last_name?.generic ?? []), ...EXTRA_LAST_NAMES]) addName(name, false);
  for (const name of [...PEOPLE, ...SURNAMES_ALONE]) for (const word of norm(name).split(' ')) nameWords.add(word);
  // Surnames in faker's list that are plain adjectives ("الصغير" the small, "الغربي" western).
  for (const word of ['الصغير', 'الطويل', 'الغربي', 'الشريف', 'الكافي', 'سعيد', 'جراد', 'الحجيج', 'السقا'].map(norm)) nameWords.delete(word);

  const stopwords = (stopwordLists.ar ?? []).map(normaliseArabic).filter((word) => word !== 'بن');
  const breakers = new Set([...stopwords, ...NAME_BREAKERS.map(norm)]);
  const lexicon: Lexicon = {
    phrases,
    longestByFirst,
    firstNames,
    nameWords,
    ambiguousFirst: new Set(AMBIGUOUS_FIRST_NAMES.map(norm)),
    breakers,
    connectors: new Set(CONNECTORS.map(norm)),
    descriptors: new Set(TITLE_DESCRIPTORS.map(norm)),
    nameTakingHeads: new Set(NAME_TAKING_HEADS.map(norm)),
    closing: new Set(CLOSING_ADJECTIVES.map(norm)),
  };
  lexicons.set(gazetteer, lexicon);
  return lexicon;
}

// ---------------------------------------------------------------------------------------------
// Words and clitics

interface Word {
  text: string;
  start: number;
  end: number;
  norm: string;
  isWord: boolean;
  /** Clitic readings (see analyses), computed on first use. */
  readings?: Analysis[];
}

function readingsOf(word: Word): Analysis[] {
  return (word.readings ??= analyses(word.norm));
}

// Letters with their tashkeel and tatweel (and a trailing + for أوبك+), or one other symbol.
const WORD = /[\p{L}\p{M}\p{N}\u0640]+(?:\+)?|[^\s]/gu;

function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(text); match; match = WORD.exec(text)) {
    const raw = match[0];
    const isWord = /[\p{L}\p{N}]/u.test(raw);
    words.push({ text: raw, start: match.index, end: match.index + raw.length, norm: isWord ? normaliseArabic(raw) : raw, isWord });
  }
  return words;
}

/**
 * A past-tense verb of three root letters (رفع, بحث, وقع) has no long vowel; transliterated
 * names of three letters almost always have one (بري, كيا, بيل).
 */
function looksLikeVerb(word: string): boolean {
  return word.length === 3 && !/[اوي]/u.test(word);
}

interface Analysis {
  /** The word without attached conjunction/preposition, in matching form. */
  base: string;
  /** How many normalised characters were cut from the front. */
  cut: number;
}

/**
 * Readings of a word: as written, without و/ف, without ب/ك/ل (after و/ف too). "لل" is the
 * preposition ل before the article whose alef is dropped in writing: للأمم → الأمم.
 */
function analyses(word: string): Analysis[] {
  const out: Analysis[] = [{ base: word, cut: 0 }];
  if ((word[0] === 'و' || word[0] === 'ف') && word.length > 2) {
    out.push({ base: word.slice(1), cut: 1 });
    addPrepositionReading(out, word.slice(1), 1);
  }
  addPrepositionReading(out, word, 0);
  return out;
}

// (A top-level function, not a closure: analyses runs for every word.)
function addPrepositionReading(out: Analysis[], rest: string, cut: number): void {
  if (rest.length < 3) return;
  if (rest.startsWith('لل') && rest.length > 3) out.push({ base: `ا${rest.slice(1)}`, cut: cut + 1 });
  else if (rest[0] === 'ب' || rest[0] === 'ك' || rest[0] === 'ل') out.push({ base: rest.slice(1), cut: cut + 1 });
}

// ---------------------------------------------------------------------------------------------
// The extractor

interface Match {
  entry: Entry;
  length: number;
  cut: number;
}

class Scanner {
  readonly mentions: ArabicMention[] = [];
  readonly covered: Uint8Array;
  private readonly organisationShortForms = new Map<string, string>();
  /** matchAt results by word index (null: no match), with and without clitic readings. */
  private readonly matches: Array<Match | null | undefined> = [];
  private readonly plainMatches: Array<Match | null | undefined> = [];

  constructor(
    private readonly text: string,
    private readonly words: Word[],
    private readonly lexicon: Lexicon,
  ) {
    this.covered = new Uint8Array(words.length);
  }

  /** Longest lexicon phrase at word `i`; clitics only on its first word, and only with `clitics`. */
  matchAt(i: number, clitics = true): Match | undefined {
    const cache = clitics ? this.matches : this.plainMatches;
    const cached = cache[i];
    if (cached !== undefined) return cached ?? undefined;
    const found = this.findMatch(i, clitics);
    cache[i] = found ?? null;
    return found;
  }

  private findMatch(i: number, clitics: boolean): Match | undefined {
    const first = this.words[i];
    if (!first?.isWord) return undefined;
    let best: Match | undefined;
    for (const { base, cut } of clitics ? readingsOf(first) : readingsOf(first).slice(0, 1)) {
      const longest = this.lexicon.longestByFirst.get(base);
      if (longest === undefined) continue;
      let phrase = base;
      for (let length = 1; length <= longest && i + length <= this.words.length; length++) {
        if (length > 1) {
          const next = this.words[i + length - 1]!;
          if (!next.isWord) break;
          phrase += ` ${next.norm}`;
        }
        const entry = this.lexicon.phrases.get(phrase);
        if (entry && (!best || length > best.length)) best = { entry, length, cut };
      }
    }
    return best;
  }

  emit(type: ArabicMentionType, from: number, cut: number, to: number, extra: { place?: PlaceEntry; canonical?: string } = {}): ArabicMention {
    const first = this.words[from]!;
    const start = first.start + originalOffset(first.text, cut);
    const end = this.words[to - 1]!.end;
    const name = displayForm(this.text.slice(start, end));
    const mention: ArabicMention = { type, start, end, name, ...extra };
    // "للأمم المتحدة" starts after the preposition, at the article's ل whose alef is not written:
    // the entity is "الأمم المتحدة", under which the same name elsewhere in the article counts.
    if (cut > 0 && first.norm[cut - 1] === 'ل' && first.norm[cut] === 'ل' && !mention.canonical && !mention.place) mention.canonical = `ا${name}`;
    this.mentions.push(mention);
    this.covered.fill(1, from, to);
    return mention;
  }

  /** A place or nisba at `i` → LOC mention; returns the index after it, or i when there is none. */
  private place(i: number, match: Match | undefined): number {
    if (!match || (match.entry.kind !== 'LOC' && match.entry.kind !== 'NISBA')) return i;
    this.emit('LOC', i, match.cut, i + match.length, match.entry.place ? { place: match.entry.place } : {});
    return i + match.length;
  }

  run(): void {
    let i = 0;
    while (i < this.words.length) {
      const word = this.words[i]!;
      if (!word.isWord) {
        i++;
        continue;
      }
      const match = this.matchAt(i);
      if (match) {
        const { kind } = match.entry;
        if (kind === 'TITLE') {
          i = this.title(i, match);
          continue;
        }
        if (kind === 'HEAD') {
          const end = this.organisation(i, match);
          if (end > i) {
            i = end;
            continue;
          }
        } else if (kind === 'ORG' || kind === 'PER') {
          const end = kind === 'PER' ? this.name(i, match.cut, false, match.length) : this.closingAdjectives(i + match.length);
          this.emit(kind, i, match.cut, end);
          i = end;
          continue;
        } else if (kind === 'OTHER') {
          this.covered.fill(1, i, i + match.length);
          i += match.length;
          continue;
        } else {
          i = this.place(i, match);
          continue;
        }
      }
      const end = this.bareName(i);
      i = end > i ? end : i + 1;
    }
    this.linkShortForms();
  }

  /** "مجلس الأمن" + "الدولي": closing adjectives after a listed organisation belong to it. */
  private closingAdjectives(k: number): number {
    while (k < this.words.length && this.words[k]!.isWord && this.lexicon.closing.has(this.words[k]!.norm)) k++;
    return k;
  }

  /** Title, then what describes the office (nisba, country, organisation, descriptor), then a name. */
  private title(i: number, match: Match): number {
    let k = i + match.length;
    let skippedComplement = false;
    for (let steps = 0; steps < 6 && k < this.words.length; steps++) {
      const word = this.words[k]!;
      if (!word.isWord) break;
      if (this.lexicon.descriptors.has(word.norm)) {
        k++;
        continue;
      }
      const next = this.matchAt(k);
      if (next?.entry.kind === 'TITLE') {
        // "ولي العهد السعودي الأمير محمد بن سلمان": a second title; "رئيس" + "الوزراء" was one already.
        k += next.length;
        continue;
      }
      if (next?.entry.kind === 'NISBA' || next?.entry.kind === 'LOC') {
        k = this.place(k, next);
        continue;
      }
      if (next?.entry.kind === 'ORG') {
        this.emit('ORG', k, next.cut, k + next.length);
        k += next.length;
        continue;
      }
      if (next?.entry.kind === 'HEAD') {
        const end = this.organisation(k, next);
        if (end > k) {
          k = end;
          continue;
        }
        k += next.length; // "رئيسة البنك": a head without a name is part of the office
        continue;
      }
      if (!next && k === i + match.length && MINISTER.has(this.words[k - 1]!.norm) && word.norm.startsWith('ال') && !this.lexicon.breakers.has(word.norm)) {
        // "وزير الإسكان شريف الشربيني": the portfolio right after the word for minister.
        k++;
        continue;
      }
      if (!next && word.norm.startsWith('ال') && !this.lexicon.breakers.has(word.norm)) {
        // "وزيرة الانتقال الطاقي المغربية ليلى بنعلي": the portfolio, up to the nisba.
        let nisba = k + 1;
        while (nisba < k + 3 && this.words[nisba]?.isWord && this.words[nisba]!.norm.startsWith('ال') && this.matchAt(nisba)?.entry.kind !== 'NISBA') nisba++;
        if (this.matchAt(nisba)?.entry.kind === 'NISBA') {
          k = nisba;
          continue;
        }
      }
      if (!skippedComplement && word.norm.startsWith('لل') && word.norm.length >= 5 && !next) {
        // "المبعوث الأمريكي للمناخ جون كيري": what the office is for.
        skippedComplement = true;
        k++;
        continue;
      }
      if (word.norm === 'لدي' || word.norm === 'في') {
        // "السفير الروسي لدى الأمم المتحدة …"
        const after = this.matchAt(k + 1);
        if (after && after.entry.kind !== 'TITLE' && after.entry.kind !== 'PER' && after.entry.kind !== 'HEAD') {
          k++;
          continue;
        }
      }
      break;
    }
    let end = this.name(k, 0, true, 0);
    // One unlisted word in the shape of a present or future verb is the predicate, not a name
    // ("الوزير المختص سيقدم …"); names of that shape come with a second word (سيريل رامافوزا).
    const only = this.words[k];
    if (end === k + 1 && only && !this.isKnownName(only.norm) && /^(?:س?[يتن])/u.test(only.norm) && only.norm.length >= 5) end = k;
    if (end > k) this.emit('PER', k, 0, end);
    return end > k ? end : k;
  }

  /** Whether a word may be part of a name at all. */
  private blocked(index: number): boolean {
    const word = this.words[index]!;
    const n = word.norm;
    if (!word.isWord || /\p{N}/u.test(n) || this.lexicon.breakers.has(n) || this.lexicon.descriptors.has(n)) return true;
    // A breaker behind و ف ب ك ل (بثلاثة, وقال) is no name either.
    if (!this.isKnownName(n)) for (const reading of readingsOf(word)) if (reading.cut > 0 && this.lexicon.breakers.has(reading.base)) return true;
    const match = this.matchAt(index, false);
    return Boolean(match && match.entry.kind !== 'PER');
  }

  private isKnownName(n: string): boolean {
    return this.lexicon.firstNames.has(n) || this.lexicon.nameWords.has(n);
  }

  /**
   * Name words from `k` (the first `known` of them already matched as a listed name). After a
   * title an unlisted word may open the name and up to three may follow; elsewhere only an
   * ال-surname or a word after a connector may be unlisted (أحمد أبو الغيط). Names stop at what
   * cannot be a name: a breaker, a place, a word with an attached preposition and article
   * (للصحفيين), a و-word (the next clause), a present-tense verb shape (يزور). Returns the
   * index after the name.
   */
  private name(k: number, cut: number, afterTitle: boolean, known: number): number {
    let end = k + known;
    let unknown = 0;
    let afterConnector = false;
    let lastListed = known > 0;
    let anyListed = lastListed;
    // An ال-surname ends an Arab name unless a connector follows (عبد العزيز بن سلمان).
    let afterSurname = false;
    let surnameAfterConnector = false;
    for (let t = end; t < this.words.length && t - k < 6; t++) {
      const word = this.words[t]!;
      if (!word.isWord) break;
      const n = t === k ? word.norm.slice(cut) : word.norm;
      const listed = this.isKnownName(n);
      // (Further ال-words may follow: مشعل الأحمد الجابر الصباح.)
      if (afterSurname && !this.lexicon.connectors.has(n) && (!n.startsWith('ال') || surnameAfterConnector)) break;
      if (this.lexicon.connectors.has(n)) {
        const next = this.words[t + 1];
        if (!next?.isWord || this.blocked(t + 1)) break;
        afterConnector = true;
        afterSurname = false;
        continue; // kept only when a name word follows
      }
      if (!listed) {
        if (t === k && !afterTitle) break;
        if (this.blocked(t) || this.covered[t]) break;
        if (/^(?:[وف]?[بكل]ال|[وف]?لل)/u.test(n)) break;
        if (t > k && n[0] === 'و' && n.length > 3) break;
        // A third word with ب ل ك in front is a prepositional phrase (… لعمامرة بفتح).
        if (t - k >= 2 && (n[0] === 'ب' || n[0] === 'ل' || n[0] === 'ك')) break;
        if (n[0] === 'ي' && n.length >= 4 && !'اوي'.includes(n[1]!)) break;
        // An unlisted ال-word continues a name only after a listed name word or a connector
        // (بشار الأسد, عبد العاطي, خلدون خليفة المبارك): foreign names carry no article, and
        // after a title it describes.
        // After a title's unlisted first name word, a chain of ال-names is one (الشيخ مشعل الأحمد الجابر).
        const chainFollows = Boolean(this.words[t + 1]?.norm.startsWith('ال'));
        if (n.startsWith('ال') && !afterConnector && !anyListed && !afterSurname && !(afterTitle && t - k === 1 && chainFollows)) break;
        if (!afterTitle && !afterConnector && !n.startsWith('ال')) break;
        // Ta marbuta or a pronoun suffix after two name words: a noun (… روتو ضرورة, حلفاءه);
        // one word earlier it is as often a surname (رمطان لعمامرة).
        if (t - k >= 2 && n.endsWith('ه')) break;
        // Verbal nouns and plurals: استعداد, مشاورات, ملفات.
        if ((t > k && n.startsWith('است') && n.length >= 6) || (n.endsWith('ات') && n.length >= 5)) break;
        // After a listed name word, an unlisted one is the next phrase ("… غوتيريش ضرورة"),
        // unless it is an ال-surname (بدر محمد المير).
        if (lastListed && t - k >= 2 && !afterConnector && !n.startsWith('ال')) break;
        if (looksLikeVerb(n) && t > k) break;
        // Two unlisted words make most foreign names; a third is more often the next phrase.
        // (ال-surnames do not count: مشعل الأحمد الجابر الصباح.)
        if (!n.startsWith('ال') && ++unknown > (afterTitle ? 2 : 1)) break;
      } else if (t > k && this.blocked(t)) break;
      lastListed = listed;
      anyListed ||= listed;
      // (After عبد the ال-word is the second half of a first name: عبد المجيد تبون.)
      afterSurname = n.startsWith('ال') && this.words[t - 1]?.norm !== 'عبد';
      // After أبو/بن + ال-word the name is complete (أحمد أبو الغيط); a chain of ال-names
      // straight after a first name (مشعل الأحمد الجابر) may go on.
      surnameAfterConnector = afterSurname && afterConnector;
      afterConnector = false;
      end = t + 1;
    }
    return end;
  }

  /** A listed first name (not also a common word) and at least one more name word. */
  private bareName(i: number): number {
    const word = this.words[i]!;
    for (const { base, cut } of readingsOf(word)) {
      if (!this.lexicon.firstNames.has(base) || this.lexicon.ambiguousFirst.has(base)) continue;
      if (cut > 0 && this.lexicon.firstNames.has(word.norm)) continue;
      const end = this.name(i, cut, false, 1);
      if (end - i < 2) continue;
      // The second word must be listed or a connector chain; an unlisted word alone is too weak,
      // unless it is an ال-surname (بشار الأسد) that is no common word.
      const second = this.words[i + 1]!.norm;
      const strong = this.isKnownName(second) || this.lexicon.connectors.has(second) || (second.startsWith('ال') && second.length >= 5);
      if (!strong) continue;
      this.emit('PER', i, cut, end);
      return end;
    }
    return i;
  }

  /**
   * Head word + genitive chain: definite words, places, listed organisations; a name-taking head
   * may take unlisted words first (شركة أرامكو). Ends after a nisba or a closing adjective unless
   * "لـ" continues it. Returns the index after the organisation, or i when the head stands alone.
   */
  private organisation(i: number, match: Match): number {
    let k = i + match.length;
    let parts = 0;
    let closed = false;
    const head = this.words[i + match.length - 1]!.norm.slice(match.length === 1 ? match.cut : 0);
    if (this.lexicon.nameTakingHeads.has(head)) {
      while (k < this.words.length && parts < 3) {
        const word = this.words[k]!;
        const listed = this.matchAt(k, false);
        if (parts > 0 && looksLikeVerb(word.norm)) break; // "بنك إنجلترا رفع …"
        if (listed?.entry.kind === 'ORG') {
          k += listed.length;
          parts++;
          closed = true;
          break;
        }
        if (!word.isWord || word.norm.startsWith('ال') || this.blocked(k) || /^[وفبكل]/u.test(word.norm)) break;
        if (word.norm[0] === 'ي' && word.norm.length >= 4) break;
        k++;
        parts++;
      }
      // A nisba after a proper name describes the organisation (جامعة أكسفورد البريطانية).
      if (parts > 0 && this.matchAt(k, false)?.entry.kind === 'NISBA') closed = true;
    }
    while (!closed && k < this.words.length && parts < 5) {
      const word = this.words[k]!;
      if (!word.isWord) break;
      const n = word.norm;
      const listed = this.matchAt(k, false);
      // "وتنافس الشركة غوغل": a definite head before a listed name is another phrase.
      if (parts === 0 && head.startsWith('ال') && listed?.entry.kind === 'ORG') return i;
      // A ministry takes one genitive (وزارة التعليم), then only adjectives: not "… الدراسة".
      if (parts === 1 && SINGLE_GENITIVE_HEADS.has(head) && !(listed && listed.entry.kind !== 'TITLE') && !this.lexicon.closing.has(n) && !PORTFOLIO_ADJECTIVES.has(n) && !n.startsWith('وال')) break;
      if (listed && (listed.entry.kind === 'NISBA' || listed.entry.kind === 'LOC' || listed.entry.kind === 'ORG')) {
        k += listed.length;
        parts++;
        if (listed.entry.kind === 'ORG') continue;
        // "الاتحاد المصري لكرة القدم", "الاتحاد الملكي المغربي لألعاب القوى": after a nisba, ل + an
        // indefinite noun + a definite genitive continues the name (not "للصحفيين", not "لمصر").
        const next = this.words[k];
        const after = this.words[k + 1];
        if (listed.entry.kind === 'NISBA' && next?.isWord && after?.isWord && next.norm[0] === 'ل' && !next.norm.startsWith('لل') && after.norm.startsWith('ال') && !this.lexicon.phrases.has(next.norm.slice(1)) && !this.lexicon.breakers.has(after.norm)) {
          k += 2;
          parts += 2;
          continue;
        }
        break;
      }
      if (parts === 1 && n.startsWith('وال') && n.length >= 6 && !this.lexicon.breakers.has(n.slice(1))) {
        // "منظمة الأغذية والزراعة", "وزارة التجارة والصناعة": a second genitive joined by و.
        k++;
        parts++;
        continue;
      }
      const closing = this.lexicon.closing.has(n);
      // (الدولي describes a player after a title but closes "صندوق النقد الدولي".)
      if (n.startsWith('ال') && n.length >= 4 && !this.lexicon.breakers.has(n) && (closing || !this.lexicon.descriptors.has(n)) && listed?.entry.kind !== 'TITLE') {
        k++;
        parts++;
        if (closing) {
          // "الاتحاد الدولي لكرة القدم", "الوكالة الدولية للطاقة الذرية"; not "البنك الدولي لمصر".
          const next = this.words[k];
          const rest = next?.isWord && next.norm[0] === 'ل' ? analyses(next.norm).find((a) => a.cut === 1) : undefined;
          const restMatch = rest ? this.lexicon.phrases.get(rest.base) : undefined;
          if (next && rest && rest.base.length >= 3 && !restMatch) {
            k++;
            continue;
          }
          break;
        }
        continue;
      }
      break;
    }
    if (parts === 0) return i;
    const mention = this.emit('ORG', i, match.cut, k);
    // "نادي الهلال" … later "الهلال": the name word alone means the same organisation.
    if (this.lexicon.nameTakingHeads.has(head) && k === i + match.length + 1) this.organisationShortForms.set(this.words[k - 1]!.norm, mention.name);
    return k;
  }

  /** Later "بوتين", "لماكرون": the last word of a full name found in this article. */
  private linkShortForms(): void {
    const byLastWord = new Map<string, string>();
    for (const mention of this.mentions) {
      if (mention.type !== 'PER') continue;
      const words = norm(mention.name).split(' ');
      if (words.length < 2) continue;
      const last = words[words.length - 1]!;
      if (last.length >= 3 && !this.lexicon.connectors.has(last) && !this.lexicon.firstNames.has(last)) byLastWord.set(last, mention.name);
    }
    if (byLastWord.size === 0 && this.organisationShortForms.size === 0) return;
    for (let i = 0; i < this.words.length; i++) {
      const word = this.words[i]!;
      if (!word.isWord || this.covered[i]) continue;
      for (const { base, cut } of readingsOf(word)) {
        const person = byLastWord.get(base);
        const organisation = person ? undefined : this.organisationShortForms.get(base);
        if (!person && !organisation) continue;
        this.emit(person ? 'PER' : 'ORG', i, cut, i + 1, { canonical: (person ?? organisation)! });
        break;
      }
    }
    // Listed short forms (بوتين) found before the full name link to it too.
    for (const mention of this.mentions) {
      if (mention.type !== 'PER' || mention.canonical || mention.name.includes(' ')) continue;
      const full = byLastWord.get(normaliseArabic(mention.name));
      if (full) mention.canonical = full;
    }
  }
}

/** Person, organisation and place mentions in Arabic text, in text order. */
export function arabicMentions(text: string, gazetteer: Gazetteer): ArabicMention[] {
  const scanner = new Scanner(text, wordsOf(text), lexiconFor(gazetteer));
  scanner.run();
  return scanner.mentions.sort((a, b) => a.start - b.start);
}
