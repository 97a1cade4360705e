/**
 * Every language the detector can emit reaches the entity extractor's model, gazetteer and stop
 * words: one sentence per supported language ("China and Russia signed an agreement in Moscow",
 * written for this test), and China must come out as a country with its ISO code.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LANGUAGES, macrolanguageOf } from '@newsflow/contracts';
import { LANGUAGES_WITHOUT_LOCALISED_PLACES, loadEntityExtractor } from './extractor';

const CHINA_AND_RUSSIA: Readonly<Record<string, string>> = {
  eng: 'China and Russia signed an agreement in Moscow.',
  deu: 'China und Russland unterzeichneten in Moskau ein Abkommen.',
  fra: 'La Chine et la Russie ont signé un accord à Moscou.',
  spa: 'China y Rusia firmaron un acuerdo en Moscú.',
  por: 'A China e a Rússia assinaram um acordo em Moscou.',
  ita: 'La Cina e la Russia hanno firmato un accordo a Mosca.',
  nld: 'China en Rusland ondertekenden een akkoord in Moskou.',
  pol: 'Chiny i Rosja podpisały porozumienie w Moskwie.',
  ces: 'Čína a Rusko podepsaly v Moskvě dohodu.',
  slk: 'Čína a Rusko podpísali v Moskve dohodu.',
  slv: 'Kitajska in Rusija sta v Moskvi podpisali sporazum.',
  hrv: 'Kina i Rusija potpisale su sporazum u Moskvi.',
  bos: 'Kina i Rusija potpisale su sporazum u Moskvi.',
  ron: 'China și Rusia au semnat un acord la Moscova.',
  hun: 'Kína és Oroszország megállapodást írt alá Moszkvában.',
  fin: 'Kiina ja Venäjä allekirjoittivat sopimuksen Moskovassa.',
  swe: 'Kina och Ryssland undertecknade ett avtal i Moskva.',
  dan: 'Kina og Rusland underskrev en aftale i Moskva.',
  nob: 'Kina og Russland signerte en avtale i Moskva.',
  ekk: 'Hiina ja Venemaa allkirjastasid Moskvas lepingu.',
  lvs: 'Ķīna un Krievija Maskavā parakstīja līgumu.',
  lit: 'Kinija ir Rusija Maskvoje pasirašė susitarimą.',
  tur: "Çin ve Rusya Moskova'da bir anlaşma imzaladı.",
  vie: 'Trung Quốc và Nga đã ký một thỏa thuận tại Moskva.',
  ind: 'Tiongkok dan Rusia menandatangani perjanjian di Moskow.',
  zsm: 'China dan Rusia menandatangani perjanjian di Moscow.',
  tgl: 'Lumagda ang Tsina at Rusya ng kasunduan sa Moscow.',
  swh: 'China na Urusi zilitia saini makubaliano mjini Moscow.',
  cat: 'La Xina i Rússia van signar un acord a Moscou.',
  glg: 'China e Rusia asinaron un acordo en Moscova.',
  eus: 'Txinak eta Errusiak akordio bat sinatu zuten Moskun.',
  isl: 'Kína og Rússland undirrituðu samning í Moskvu.',
  azj: 'Çin və Rusiya Moskvada saziş imzalayıb.',
  uzn: 'Xitoy va Rossiya Moskvada kelishuv imzoladi.',
  hau: 'Sin da Rasha sun rattaba hannu kan yarjejeniya a Moscow.',
  als: 'Kina dhe Rusia nënshkruan një marrëveshje në Moskë.',
  rus: 'Китай и Россия подписали соглашение в Москве.',
  ukr: 'Китай і Росія підписали угоду в Москві.',
  bul: 'Китай и Русия подписаха споразумение в Москва.',
  mkd: 'Кина и Русија потпишаа договор во Москва.',
  srp: 'Кина и Русија потписале су споразум у Москви.',
  bel: 'Кітай і Расія падпісалі пагадненне ў Маскве.',
  kaz: 'Қытай мен Ресей Мәскеуде келісімге қол қойды.',
  ell: 'Η Κίνα και η Ρωσία υπέγραψαν συμφωνία στη Μόσχα.',
  heb: 'סין ורוסיה חתמו על הסכם במוסקבה.',
  arb: 'وقعت الصين وروسيا اتفاقية في موسكو.',
  pes: 'چین و روسیه در مسکو توافقنامه‌ای امضا کردند.',
  urd: 'چین اور روس نے ماسکو میں ایک معاہدے پر دستخط کیے۔',
  hin: 'चीन और रूस ने मॉस्को में एक समझौते पर हस्ताक्षर किए।',
  ben: 'চীন ও রাশিয়া মস্কোতে একটি চুক্তি স্বাক্ষর করেছে।',
  mar: 'चीन आणि रशिया यांनी मॉस्को येथे करारावर स्वाक्षरी केली.',
  tam: 'சீனாவும் ரஷ்யாவும் மாஸ்கோவில் ஒப்பந்தத்தில் கையெழுத்திட்டன.',
  tel: 'చైనా మరియు రష్యా మాస్కోలో ఒప్పందంపై సంతకం చేశాయి.',
  guj: 'ચીન અને રશિયાએ મોસ્કોમાં કરાર પર હસ્તાક્ષર કર્યા.',
  kan: 'ಚೀನಾ ಮತ್ತು ರಷ್ಯಾ ಮಾಸ್ಕೋದಲ್ಲಿ ಒಪ್ಪಂದಕ್ಕೆ ಸಹಿ ಹಾಕಿದವು.',
  mal: 'ചൈനയും റഷ്യയും മോസ്കോയിൽ കരാറിൽ ഒപ്പുവച്ചു.',
  pan: "ਚੀਨ ਅਤੇ ਰੂਸ ਨੇ ਮਾਸਕੋ ਵਿੱਚ ਇੱਕ ਸਮਝੌਤੇ 'ਤੇ ਦਸਤਖਤ ਕੀਤੇ।",
  cmn: '中国和俄罗斯在莫斯科签署了一项协议。',
  jpn: '中国とロシアはモスクワで協定に署名した。',
  kor: '중국과 러시아는 모스크바에서 협정에 서명했다.',
  tha: 'จีนและรัสเซียลงนามในข้อตกลงที่กรุงมอสโก',
  kat: 'ჩინეთმა და რუსეთმა მოსკოვში შეთანხმებას მოაწერეს ხელი.',
  hye: 'Չինաստանը և Ռուսաստանը Մոսկվայում համաձայնագիր են ստորագրել։',
  amh: 'ቻይና እና ሩሲያ በሞስኮ ስምምነት ተፈራረሙ።',
};

describe('entities in every language the detector emits', () => {
  const extractor = loadEntityExtractor();

  it('has a sentence for every supported language', () => {
    expect(Object.keys(CHINA_AND_RUSSIA).sort()).toEqual([...DEFAULT_LANGUAGES].sort());
  });

  for (const language of DEFAULT_LANGUAGES) {
    const documented = LANGUAGES_WITHOUT_LOCALISED_PLACES.has(language);
    it(`${language} (${macrolanguageOf(language)}): ${documented ? 'documented as without localised country names' : 'China comes out as CN'}`, () => {
      const entities = extractor.extract(CHINA_AND_RUSSIA[language]!, language);
      const china = entities.find((entity) => entity.id === 'place:country:CN');
      if (documented) expect(china).toBeUndefined();
      else expect(china, JSON.stringify(entities)).toMatchObject({ name: 'China', type: 'place', countryCode: 'CN' });
    });
  }
});
