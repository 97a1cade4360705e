/**
 * Names in any script → a Latin form, so that a name the alias table does not know still meets
 * its other spellings across scripts when the romanisations agree ("Сара Даниус" ↔ "Sara Danius").
 *
 * - Chinese characters: Hanyu Pinyin via `pinyin-pro` (MIT), loaded on the first Han name only
 *   (its dictionary costs ~50 ms to load, which an article without Chinese never pays).
 * - Russian renderings of Chinese person names (Palladius: "Си Цзиньпин") → Pinyin ("Xi Jinping"),
 *   because Russian copy never uses Pinyin and a letter-by-letter transliteration ("Si Tszin'pin")
 *   meets nothing.
 * - Everything else (Cyrillic, Greek, Arabic, Hebrew, Devanagari, Hangul, kana, …): `any-ascii` (ISC).
 */
import anyAscii from 'any-ascii';
import { createRequire } from 'node:module';

const HAN = /\p{Script=Han}/u;
const NON_LATIN_LETTER = /[^\p{Script=Latin}\P{L}]/u;

type PinyinFunction = (text: string, options: { toneType: 'none'; type: 'array'; surname?: 'head' | 'all' | 'off' }) => string[];
let pinyinFunction: PinyinFunction | undefined;

function pinyinOf(text: string, surname: boolean): string[] {
  pinyinFunction ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: PinyinFunction }).pinyin;
  return pinyinFunction(text, { toneType: 'none', type: 'array', ...(surname ? { surname: 'head' as const } : {}) });
}

/** True when the name has letters outside the Latin script. */
export function isNonLatin(name: string): boolean {
  return NON_LATIN_LETTER.test(name);
}

/**
 * Palladius (Russian) syllable → Pinyin, generated from initials × finals. Generating over-long
 * combinations is harmless: only whole words that parse into these syllables are converted.
 */
const PALLADIUS: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  const initials: Array<[string, string]> = [
    ['b', 'б'], ['p', 'п'], ['m', 'м'], ['f', 'ф'], ['d', 'д'], ['t', 'т'], ['n', 'н'], ['l', 'л'], ['g', 'г'], ['k', 'к'],
    ['h', 'х'], ['zh', 'чж'], ['ch', 'ч'], ['sh', 'ш'], ['r', 'ж'], ['z', 'цз'], ['c', 'ц'], ['s', 'с'],
  ];
  // Finals after a consonant (Pinyin spelling → Palladius).
  const finals: Array<[string, string]> = [
    ['a', 'а'], ['o', 'о'], ['e', 'э'], ['ai', 'ай'], ['ei', 'эй'], ['ao', 'ао'], ['ou', 'оу'], ['an', 'ань'], ['en', 'энь'],
    ['ang', 'ан'], ['eng', 'эн'], ['ong', 'ун'], ['u', 'у'], ['ua', 'уа'], ['uo', 'о'], ['uai', 'уай'], ['ui', 'уй'],
    ['uan', 'уань'], ['un', 'унь'], ['uang', 'уан'],
  ];
  const palatal: Array<[string, string]> = [
    ['i', 'и'], ['ia', 'я'], ['ie', 'е'], ['iao', 'яо'], ['iu', 'ю'], ['ian', 'янь'], ['in', 'инь'], ['iang', 'ян'], ['ing', 'ин'],
    ['iong', 'юн'],
  ];
  for (const [latin, cyrillic] of initials) {
    for (const [final, rendering] of finals) if (!map.has(cyrillic + rendering)) map.set(cyrillic + rendering, latin + final);
    // zh ch sh r z c s + i is the "buzzing" vowel: чжи, чи, ши, жи but цзы, цы, сы.
    if (['zh', 'ch', 'sh', 'r'].includes(latin)) map.set(`${cyrillic}и`, `${latin}i`);
    else if (['z', 'c', 's'].includes(latin)) map.set(`${cyrillic}ы`, `${latin}i`);
    else for (const [final, rendering] of palatal) map.set(cyrillic + rendering, latin + final);
  }
  // j q x: only before i and ü, which is what tells цзи (ji) from цзы (zi), си (xi) from сы (si).
  for (const [latin, cyrillic] of [['j', 'цз'], ['q', 'ц'], ['x', 'с']] as const) {
    for (const [final, rendering] of palatal) map.set(cyrillic + rendering, latin + final);
    for (const [final, rendering] of [['u', 'юй'], ['ue', 'юэ'], ['uan', 'юань'], ['un', 'юнь']] as const) map.set(cyrillic + rendering, latin + final);
  }
  for (const [latin, cyrillic] of [['l', 'л'], ['n', 'н']] as const) {
    map.set(`${cyrillic}юй`, `${latin}ü`);
    map.set(`${cyrillic}юэ`, `${latin}ue`);
  }
  const zeroInitial: Array<[string, string]> = [
    ['a', 'а'], ['ai', 'ай'], ['an', 'ань'], ['ang', 'ан'], ['ao', 'ао'], ['e', 'э'], ['ei', 'эй'], ['en', 'энь'], ['eng', 'эн'],
    ['er', 'эр'], ['o', 'о'], ['ou', 'оу'], ['yi', 'и'], ['ya', 'я'], ['ye', 'е'], ['yao', 'яо'], ['you', 'ю'], ['yan', 'янь'],
    ['yin', 'инь'], ['yang', 'ян'], ['ying', 'ин'], ['yong', 'юн'], ['wu', 'у'], ['wa', 'ва'], ['wo', 'во'], ['wai', 'вай'],
    ['wei', 'вэй'], ['wan', 'вань'], ['wen', 'вэнь'], ['wang', 'ван'], ['weng', 'вэн'], ['yu', 'юй'], ['yue', 'юэ'],
    ['yuan', 'юань'], ['yun', 'юнь'],
  ];
  for (const [latin, cyrillic] of zeroInitial) map.set(cyrillic, latin);
  return map;
})();
const LONGEST_PALLADIUS = Math.max(...[...PALLADIUS.keys()].map((key) => key.length));

/**
 * The most frequent Chinese surnames in Palladius. A Cyrillic name is read as Chinese only when
 * it starts with one of these and every word parses into Palladius syllables: "Путин" parses too
 * (пу-тин), and must stay "Putin".
 */
const CHINESE_SURNAMES = new Set(
  ('си ли ван чжан лю чэнь ян хуан чжао у чжоу сюй сунь ма ху го линь хэ гао лян чжэн ло сун се тан хань цао дэн фэн мао ' +
    'цзян вэнь бо цзэн пэн лу цай цзя дин вэй сюэ е янь юй пань ду дай ся чжун тянь жэнь цзинь фань фан ши яо тань ляо цзоу ' +
    'сюн цзинь лу хао кун бай цуй кан мо цю цинь цзян инь гу хоу шао мэн лун вань дуань чжан цянь тан инь ли').split(' '),
);

/** One Cyrillic word as Pinyin syllables (fewest syllables), or undefined when it does not parse. */
function palladiusWord(word: string): string | undefined {
  const n = word.length;
  const best: Array<{ count: number; text: string } | undefined> = new Array(n + 1);
  best[0] = { count: 0, text: '' };
  for (let i = 0; i < n; i++) {
    const from = best[i];
    if (!from) continue;
    for (let length = 1; length <= LONGEST_PALLADIUS && i + length <= n; length++) {
      const syllable = PALLADIUS.get(word.slice(i, i + length));
      if (!syllable) continue;
      const candidate = { count: from.count + 1, text: from.text + syllable };
      const existing = best[i + length];
      if (!existing || existing.count > candidate.count) best[i + length] = candidate;
    }
  }
  return best[n]?.text;
}

/** "Си Цзиньпин" → "Xi Jinping"; undefined when the name does not read as a Chinese name in Palladius. */
export function palladiusToPinyin(name: string): string | undefined {
  const words = name.toLowerCase().replace(/ё/g, 'е').split(/[\s-]+/u).filter(Boolean);
  if (words.length < 2 || words.length > 3 || !CHINESE_SURNAMES.has(words[0]!)) return undefined;
  const converted: string[] = [];
  for (const word of words) {
    const pinyin = palladiusWord(word);
    if (!pinyin) return undefined;
    converted.push(pinyin[0]!.toUpperCase() + pinyin.slice(1));
  }
  return converted.join(' ');
}

/** Han characters of a person name: surname, then the given name as one word ("习近平" → "Xi Jinping"). */
function hanToPinyin(name: string, isPerson: boolean): string {
  const capitalise = (word: string): string => (word ? word[0]!.toUpperCase() + word.slice(1) : word);
  const compact = name.replace(/[\s·・•]+/gu, '');
  if (isPerson && compact.length >= 2 && compact.length <= 4 && /^\p{Script=Han}+$/u.test(compact)) {
    const syllables = pinyinOf(compact, true);
    return `${capitalise(syllables[0] ?? '')} ${capitalise(syllables.slice(1).join(''))}`.trim();
  }
  // Anything else: one word per run of characters, syllables run together ("北京" → "Beijing").
  return name
    .split(/[\s·・•]+/u)
    .map((part) => (HAN.test(part) ? capitalise(pinyinOf(part, false).join('').replace(/[^a-zü]/gi, '')) : anyAscii(part)))
    .join(' ')
    .trim();
}

/**
 * A Latin rendering of a name. Latin-script names come back unchanged (diacritics kept: the
 * phonetic key folds them; the display name should not lose them).
 */
export function toLatin(name: string, options: { isPerson?: boolean } = {}): string {
  if (!isNonLatin(name)) return name;
  if (HAN.test(name) && !/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(name)) return hanToPinyin(name, options.isPerson ?? false);
  if (options.isPerson && /\p{Script=Cyrillic}/u.test(name)) {
    const pinyin = palladiusToPinyin(name);
    if (pinyin) return pinyin;
  }
  return anyAscii(name).replace(/\s+/g, ' ').trim();
}
