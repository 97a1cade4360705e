/**
 * Character features for Chinese (and other Han-script text without spaces between words): the
 * tagger labels every character, so a name is found without a word segmentation having to be
 * right first. The segmentation of ICU (Intl.Segmenter, dictionary-based in Node's full ICU)
 * still feeds in as features: where a character sits in its word, and which word that is.
 *
 * Same hashing (hashString, combine), trainer, decoder and model file as the word tagger; a
 * model trained on these features says so in its header (featureSet "han", version below).
 * Changing a template changes the model's meaning: bump HAN_FEATURE_SET_VERSION and retrain.
 */
import * as featureModule from './features';
import type { Gazetteer, PlaceEntry } from './gazetteer';
import type { FeatureSet } from './tagger';

// Module-level copies of imported bindings: loaders such as tsx compile imports to getter calls,
// which cost a call per use in the per-character loops below.
const { combine, hashString } = featureModule;

export const HAN_FEATURE_SET_VERSION = 1;
/** The `featureSet` value in the header of a model trained on these features. */
export const HAN_FEATURE_SET = 'han';

/**
 * Common Chinese surnames (single characters), written for this project from general knowledge
 * of the most frequent family names; a hint for where a person name starts, not a rule.
 */
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温习朴常康施牛洪欧乔文齐易';
/** Last characters of organisation names (ministry, bureau, committee, party, company …); project list. */
const ORGANISATION_SUFFIXES = '部局委会院党社团队厂司行校所处署办厅军组盟台报馆站庭科室';
/** Last characters of place names (province, city, county, district, river, mountain …); project list. */
const PLACE_SUFFIXES = '省市县区州国镇乡村岛山河江湖海洋路街洲峡湾岭港城峰原川';

const LEX_SURNAME = 1;
const LEX_ORGANISATION = 2;
const LEX_PLACE = 4;

const lexiconBits = new Map<number, number>();
for (const [list, bit] of [[SURNAMES, LEX_SURNAME], [ORGANISATION_SUFFIXES, LEX_ORGANISATION], [PLACE_SUFFIXES, LEX_PLACE]] as const) {
  for (const char of list) lexiconBits.set(char.charCodeAt(0), (lexiconBits.get(char.charCodeAt(0)) ?? 0) | bit);
}

/** Chinese numerals: "第三", "三十" look like Han text but are never names. */
const CHINESE_NUMERALS = new Set([...'〇零一二三四五六七八九十百千万亿两'].map((char) => char.charCodeAt(0)));

const enum CharClass { Han = 1, Numeral, Digit, Latin, Punctuation, Other }

/**
 * One character as the features see it: full-width ASCII (common in the People's Daily
 * training text, rare in today's copy) folded to ASCII, digits to "0" and Latin letters to lower
 * case, so "１９９８年" and "1998年" share their n-grams. Maps one UTF-16 unit to one, so
 * offsets into the normalised text are offsets into the original.
 */
function normalisedCode(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
  else if (code === 0x3000) return 0x20;
  if (code >= 0x30 && code <= 0x39) return 0x30;
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  return code;
}

function classOf(code: number): CharClass {
  if (CHINESE_NUMERALS.has(code)) return CharClass.Numeral;
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xd800 && code <= 0xdbff)) {
    return CharClass.Han; // (a high surrogate starts a character of the supplementary ideograph planes)
  }
  if (code === 0x30) return CharClass.Digit;
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) return CharClass.Latin;
  if (code < 0x80 || (code >= 0x2000 && code <= 0x206f) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xfe30 && code <= 0xfe4f) || code === 0xff5f) {
    return CharClass.Punctuation;
  }
  return CharClass.Other;
}

/** Position of a character in its ICU word. */
const enum WordPosition { Begin = 0, Middle, End, Single }

/** Countries by their Chinese names (spaces removed), for the gazetteer feature and for resolving spans. */
export interface HanCountryNames {
  names: ReadonlyMap<string, PlaceEntry>;
  /** Longest name by first UTF-16 unit: most characters start no name and cost one lookup. */
  longestByFirst: ReadonlyMap<number, number>;
}

const countryNamesCache = new WeakMap<Gazetteer, HanCountryNames>();

/** The Han-script country names of a gazetteer (loadGazetteer(['cmn']): i18n-iso-countries, world-countries). */
export function hanCountryNames(gazetteer: Gazetteer): HanCountryNames {
  let cached = countryNamesCache.get(gazetteer);
  if (cached) return cached;
  const names = new Map<string, PlaceEntry>();
  const longestByFirst = new Map<number, number>();
  for (const [phrase, place] of gazetteer.places.entries()) {
    if (place.kind === 'city' || !/\p{Script=Han}/u.test(phrase)) continue;
    // The matcher stores phrases as tokens joined by spaces; Chinese writes them without.
    const name = phrase.replaceAll(' ', '');
    if (name.length < 2 || names.has(name)) continue;
    names.set(name, place);
    const first = name.charCodeAt(0);
    longestByFirst.set(first, Math.max(longestByFirst.get(first) ?? 0, name.length));
  }
  cached = { names, longestByFirst };
  countryNamesCache.set(gazetteer, cached);
  return cached;
}

/** Longest country name starting at `at` in `text`, or undefined. */
export function countryAt(countries: HanCountryNames, text: string, at: number): { length: number; place: PlaceEntry } | undefined {
  const longest = countries.longestByFirst.get(text.charCodeAt(at));
  if (longest === undefined) return undefined;
  for (let length = Math.min(longest, text.length - at); length >= 2; length--) {
    const place = countries.names.get(text.slice(at, at + length));
    if (place) return { length, place };
  }
  return undefined;
}

export interface HanSentenceInfo {
  length: number;
  /** Hashes of the normalised characters, with two boundary slots on each side (index i + 2). */
  chars: Uint32Array;
  /** Character classes, likewise padded. */
  classes: Uint8Array;
  /** Surname / organisation-suffix / place-suffix bits, likewise padded. */
  lexicon: Uint8Array;
  /** WordPosition of each character in its ICU word. */
  position: Uint8Array;
  /** Hash of the ICU word the character is in, of the word before it and of the word after it. */
  word: Uint32Array;
  previousWord: Uint32Array;
  nextWord: Uint32Array;
  /** Characters in the word (capped at 7) and lexicon bits of the word's last character. */
  wordLength: Uint8Array;
  wordEndLexicon: Uint8Array;
  /** 1 = first character of a country name, 2 = inside one, 0 = neither. */
  country: Uint8Array;
}

const PAD = 2;
const START = hashString('<s>');
const END = hashString('</s>');
const NO_WORD = hashString('<no word>');
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** `tokens`: one character each (a supplementary-plane character is one token of two units). */
export function describeHanSentence(tokens: readonly string[], gazetteer: Gazetteer): HanSentenceInfo {
  const length = tokens.length;
  const padded = length + 2 * PAD;
  const info: HanSentenceInfo = {
    length,
    chars: new Uint32Array(padded),
    classes: new Uint8Array(padded),
    lexicon: new Uint8Array(padded),
    position: new Uint8Array(length),
    word: new Uint32Array(length),
    previousWord: new Uint32Array(length),
    nextWord: new Uint32Array(length),
    wordLength: new Uint8Array(length),
    wordEndLexicon: new Uint8Array(length),
    country: new Uint8Array(length),
  };
  info.chars.fill(START, 0, PAD);
  info.chars.fill(END, PAD + length);
  // Normalised text and, when some token is two units, the token each unit belongs to (to map
  // ICU's word offsets back); the usual case of one unit per token needs no map.
  const codes: number[] = [];
  let tokenOfUnit: Int32Array | undefined;
  for (let i = 0; i < length; i++) {
    const token = tokens[i]!;
    let hash = FNV_OFFSET;
    for (let unit = 0; unit < token.length; unit++) {
      const code = normalisedCode(token.charCodeAt(unit));
      hash = Math.imul(hash ^ code, FNV_PRIME);
      codes.push(code);
    }
    if (token.length !== 1 && !tokenOfUnit) tokenOfUnit = new Int32Array(0);
    const first = token.charCodeAt(0);
    info.chars[i + PAD] = hash >>> 0;
    info.classes[i + PAD] = classOf(normalisedCode(first));
    info.lexicon[i + PAD] = lexiconBits.get(first) ?? 0;
  }
  if (tokenOfUnit) {
    tokenOfUnit = new Int32Array(codes.length);
    let unit = 0;
    for (let i = 0; i < length; i++) for (let k = 0; k < tokens[i]!.length; k++) tokenOfUnit[unit++] = i;
  }
  let normalised = '';
  for (let from = 0; from < codes.length; from += 4096) normalised += String.fromCharCode(...codes.slice(from, from + 4096));

  // ICU words: each character's position in its word, the word's hash and its neighbours'.
  const wordStart: number[] = [];
  const wordHash: number[] = [];
  for (const { segment, index } of segmenter.segment(normalised)) {
    wordStart.push(tokenOfUnit ? tokenOfUnit[index]! : index);
    wordHash.push(hashString(segment));
  }
  wordStart.push(length);
  for (let w = 0; w + 1 < wordStart.length; w++) {
    const start = wordStart[w]!;
    const end = wordStart[w + 1]!;
    const hash = wordHash[w]!;
    const before = w > 0 ? wordHash[w - 1]! : NO_WORD;
    const after = w + 2 < wordStart.length ? wordHash[w + 1]! : NO_WORD;
    const endLexicon = info.lexicon[end - 1 + PAD]!;
    const wordLength = Math.min(end - start, 7);
    for (let i = start; i < end; i++) {
      info.position[i] = end - start === 1 ? WordPosition.Single : i === start ? WordPosition.Begin : i === end - 1 ? WordPosition.End : WordPosition.Middle;
      info.word[i] = hash;
      info.previousWord[i] = before;
      info.nextWord[i] = after;
      info.wordLength[i] = wordLength;
      info.wordEndLexicon[i] = endLexicon;
    }
  }

  // Country names, longest first, left to right (only when every token is one unit, the usual case).
  if (!tokenOfUnit) {
    const countries = hanCountryNames(gazetteer);
    const text = tokens.join('');
    for (let i = 0; i < length; i++) {
      const match = countryAt(countries, text, i);
      if (!match) continue;
      info.country[i] = 1;
      info.country.fill(2, i + 1, i + match.length);
      i += match.length - 1;
    }
  }
  return info;
}

// Template ids: constants so the hashed keys stay stable between training and tagging.
const enum H {
  Bias = 101, Char, Previous, Previous2, Next, Next2, BigramPrevious2, BigramPrevious, BigramNext, BigramNext2,
  SkipBigram, TrigramLeft, TrigramMiddle, TrigramRight, Classes, PositionLength, PositionChar, Word, WordPosition,
  PreviousWord, NextWord, Lexicon, PreviousLexicon, NextLexicon, WordEndLexicon, Country, PreviousCountry, NextCountry,
  CountryChar, PositionPattern, Previous2Lexicon, Next2Lexicon, PreviousWordWord, WordNextWord,
}

const key = (template: H, value: number): number => combine(template, value);

/**
 * Roles a character plays for the token being tagged: itself, the one before, two before, the
 * one after, two after (the order of the templates Char … Next2). A feature that depends on
 * one character only has one key per role, so a tagger can cache its weights per character
 * (news text repeats characters a lot) instead of looking them up per token.
 */
export const CHAR_ROLES = 5;
/** Offset of each role's character from the token tagged, in role order. */
export const CHAR_ROLE_OFFSETS = [0, -1, -2, 1, 2] as const;
/** Boundary slots around the characters in HanSentenceInfo.chars. */
export const HAN_PAD = PAD;

/** The key of the one-character feature of `charHash` in `role`. */
export function charRoleKey(role: number, charHash: number): number {
  return key(H.Char + role, charHash);
}

/** Feature keys of character `i` (at most 40): the one-character ones, hanContextFeatures, hanWordFeatures. */
export function hanTokenFeatures(info: HanSentenceInfo, i: number, out: Uint32Array): number {
  const at = i + PAD;
  for (let role = 0; role < CHAR_ROLES; role++) out[role] = charRoleKey(role, info.chars[at + CHAR_ROLE_OFFSETS[role]!]!);
  return hanWordFeatures(info, i, out, hanContextFeatures(info, i, out, CHAR_ROLES));
}

/**
 * The features of character `i` that depend only on its ICU word and that word's neighbours,
 * so are the same for every character of the word: a tagger can score them once per word.
 */
export function hanWordFeatures(info: HanSentenceInfo, i: number, out: Uint32Array, start = 0): number {
  let n = start;
  const word = info.word[i]!;
  out[n++] = key(H.Word, word);
  out[n++] = key(H.PreviousWord, info.previousWord[i]!);
  out[n++] = key(H.NextWord, info.nextWord[i]!);
  out[n++] = combine(key(H.PreviousWordWord, info.previousWord[i]!), word);
  out[n++] = combine(key(H.WordNextWord, word), info.nextWord[i]!);
  return n;
}

/** True when character `i` starts an ICU word (so hanWordFeatures change here). */
export function startsHanWord(info: HanSentenceInfo, i: number): boolean {
  const position = info.position[i]!;
  return position === WordPosition.Begin || position === WordPosition.Single;
}

/** The features of character `i` that are neither one-character nor word features, written from `start`. */
export function hanContextFeatures(info: HanSentenceInfo, i: number, out: Uint32Array, start = 0): number {
  let n = start;
  const c = info.chars;
  const at = i + PAD;
  const p2 = c[at - 2]!;
  const p1 = c[at - 1]!;
  const c0 = c[at]!;
  const n1 = c[at + 1]!;
  const n2 = c[at + 2]!;
  const position = info.position[i]!;

  out[n++] = key(H.Bias, 0);
  out[n++] = combine(key(H.BigramPrevious2, p2), p1);
  out[n++] = combine(key(H.BigramPrevious, p1), c0);
  out[n++] = combine(key(H.BigramNext, c0), n1);
  out[n++] = combine(key(H.BigramNext2, n1), n2);
  out[n++] = combine(key(H.SkipBigram, p1), n1);
  out[n++] = combine(combine(key(H.TrigramLeft, p2), p1), c0);
  out[n++] = combine(combine(key(H.TrigramMiddle, p1), c0), n1);
  out[n++] = combine(combine(key(H.TrigramRight, c0), n1), n2);
  const classes = info.classes;
  out[n++] = key(H.Classes, (classes[at - 1]! << 6) | (classes[at]! << 3) | classes[at + 1]!);

  out[n++] = key(H.PositionLength, (position << 3) | info.wordLength[i]!);
  out[n++] = combine(key(H.PositionChar, position), c0);
  out[n++] = combine(key(H.WordPosition, info.word[i]!), position);
  const before = i > 0 ? info.position[i - 1]! : 4;
  const after = i + 1 < info.length ? info.position[i + 1]! : 4;
  out[n++] = key(H.PositionPattern, (before << 6) | (position << 3) | after);

  const lexicon = info.lexicon;
  if (lexicon[at]) out[n++] = key(H.Lexicon, (lexicon[at]! << 2) | position);
  if (lexicon[at - 1]) out[n++] = key(H.PreviousLexicon, lexicon[at - 1]!);
  if (lexicon[at + 1]) out[n++] = key(H.NextLexicon, lexicon[at + 1]!);
  if (lexicon[at - 2]) out[n++] = key(H.Previous2Lexicon, lexicon[at - 2]!);
  if (lexicon[at + 2]) out[n++] = key(H.Next2Lexicon, lexicon[at + 2]!);
  if (info.wordEndLexicon[i]) out[n++] = key(H.WordEndLexicon, (info.wordEndLexicon[i]! << 2) | position);

  const country = info.country[i]!;
  if (country) {
    out[n++] = key(H.Country, country);
    out[n++] = combine(key(H.CountryChar, country), c0);
  }
  if (i > 0 && info.country[i - 1]) out[n++] = key(H.PreviousCountry, info.country[i - 1]!);
  if (i + 1 < info.length && info.country[i + 1]) out[n++] = key(H.NextCountry, info.country[i + 1]!);
  return n;
}

/**
 * The character features as a FeatureSet. No document-level memory: the People's Daily
 * training sentences come without article boundaries, so history features would never fire
 * in training and could not be learned.
 */
export const HAN_FEATURES: FeatureSet<HanSentenceInfo, undefined> = {
  describe: (tokens, gazetteer) => describeHanSentence(tokens, gazetteer),
  context: () => undefined,
  features: (info, i, _context, out) => hanTokenFeatures(info, i, out),
  remember: () => {},
};
