/**
 * Case endings → base forms, and the phonetic key that names are compared by.
 *
 * Two deliberately different tools:
 * - `baseForms` proposes nominative forms of an inflected name ("Путиным" → "Путин",
 *   "Europäischen Union" → "Europäische Union"). The rules are few and conservative, because
 *   a wrong base form becomes a wrong display name; the alias table is tried with each candidate
 *   before any of them is trusted.
 * - `phoneticKey` is what ids of names outside the alias table are made of. It drops what
 *   differs between romanisations and inflections of one name — vowels after the first letter
 *   (case endings of Slavic languages are mostly vowels: Путина, Путину, Putina), doubled
 *   letters, and spelling equivalences (dsch/dzh/zh/j, ks/x, kh/h, w/v, c/k, y/i) — and keeps
 *   the consonant skeleton, which transliterations agree on.
 */
import { isNonLatin } from './transliterate';

export type NameKind = 'person' | 'organization' | 'place';

/** Languages whose rules are below, by ISO 639-3 individual code. */
const CYRILLIC_CASES = new Set(['rus', 'ukr', 'bel', 'srp']);
const LATIN_SLAVIC_CASES = new Set(['pol', 'ces', 'slk', 'hrv', 'bos', 'srp', 'slv']);

/** Whether `language` has case-ending rules here (names there appear in forms no list spells out). */
export function inflectsNames(language: string): boolean {
  return CYRILLIC_CASES.has(language) || LATIN_SLAVIC_CASES.has(language) || ['deu', 'hun', 'ell', 'tur', 'aze'].includes(language);
}

interface Ending {
  /** Lower-case ending as written. */
  ending: string;
  replacement: string;
  /** Shortest stem left after removing the ending (guards short names: "Том", "Ом"). */
  minStem: number;
}

const ending = (text: string, replacement = '', minStem = 3): Ending => ({ ending: text, replacement, minStem });

/** Nouns (last word of a name): instrumental, dative, prepositional, genitive of masculine stems. */
const CYRILLIC_NOUN: Record<string, Ending[]> = {
  rus: [
    ending('ым', '', 2), ending('ом', '', 2), ending('ией', 'ия', 2), ending('ии', 'ия', 2), ending('ию', 'ия', 2), ending('аем', 'ай'), ending('ае', 'ай'), ending('ая', 'ай'), ending('аю', 'ай'),
    ending('ем', '', 4), ending('ой', 'а'), ending('ую', 'а'), ending('е'), ending('е', 'ь'), ending('е', 'а'), ending('у'), ending('ы', 'а'), ending('ы'), ending('а'), ending('я', 'й'), ending('я', 'ь'), ending('и', 'ь'), ending('и', 'я'), ending('ю', 'я'), ending('е', 'я'), ending('ей', 'я'),
  ],
  ukr: [
    ending('ом', '', 2), ending('ією', 'ія', 2), ending('ії', 'ія', 2), ending('ію', 'ія', 2), ending('аї', 'ай'), ending('аю', 'ай'), ending('ем', '', 4), ending('ою', 'а'), ending('ої', 'а'),
    ending('ій', 'а', 4), ending('і'), ending('і', 'а'), ending('у'), ending('и', 'а'), ending('и'), ending('а'), ending('я', 'ь'), ending('і', 'я'), ending('ю', 'я'), ending('ею', 'я'),
  ],
  bel: [ending('ам', '', 2), ending('ым', '', 2), ending('ой', 'а'), ending('е'), ending('у'), ending('а')],
  srp: [ending('ом', '', 2), ending('ем', '', 4), ending('ој', 'а'), ending('у'), ending('е', 'а'), ending('и', 'а'), ending('а')],
};

/** Adjectives opening an organisation or place name ("Европейского союза" → "Европейский союз"). */
const CYRILLIC_ADJECTIVE: Record<string, Ending[]> = {
  rus: [ending('ого', 'ый'), ending('его', 'ий'), ending('ому', 'ый'), ending('ему', 'ий'), ending('ым', 'ый'), ending('им', 'ий'), ending('ой', 'ая'), ending('ую', 'ая'), ending('ых', 'ые'), ending('их', 'ие'), ending('ом', 'ый')],
  ukr: [ending('ого', 'ий'), ending('ому', 'ий'), ending('им', 'ий'), ending('ої', 'а'), ending('ою', 'а'), ending('ій', 'а'), ending('у', 'а'), ending('их', 'і')],
  bel: [ending('ага', 'ы'), ending('аму', 'ы'), ending('ым', 'ы'), ending('ай', 'ая')],
  srp: [ending('ог', 'и'), ending('ом', 'и'), ending('их', 'е'), ending('ој', 'а'), ending('у', 'а')],
};

const LATIN_SLAVIC_NOUN: Record<string, Ending[]> = {
  pol: [ending('owi'), ending('em'), ending('ach', 'y'), ending('ech', 'y'), ending('a'), ending('y', 'a'), ending('y'), ending('u'), ending('iu'), ending('ce', 'ka'), ending('dze', 'ga'), ending('rze', 'ra'), ending('wie', 'wa'), ending('ie'), ending('ii', 'ia', 2), ending('ji', 'ja', 2), ending('i', 'ia'), ending('ą', 'a'), ending('ę', 'a'), ending('u')],
  ces: [ending('ovi'), ending('em'), ending('ou', 'a'), ending('ce', 'ka'), ending('ze', 'ha'), ending('ii', 'ie'), ending('sku', 'sko'), ending('cku', 'cko'), ending('ě', 'a'), ending('ě'), ending('y', 'a'), ending('u'), ending('a')],
  slk: [ending('ovi'), ending('om'), ending('ou', 'a'), ending('e'), ending('u')],
  hrv: [ending('om'), ending('em', '', 4), ending('ci', 'ka'), ending('u')],
  bos: [ending('om'), ending('em', '', 4), ending('ci', 'ka'), ending('u')],
  srp: [ending('om'), ending('em', '', 4), ending('ci', 'ka'), ending('oj', 'a'), ending('u'), ending('i', 'a'), ending('e', 'a'), ending('a')],
  slv: [ending('om'), ending('em', '', 4), ending('u')],
};

const LATIN_SLAVIC_ADJECTIVE: Record<string, Ending[]> = {
  pol: [ending('iej', 'a'), ending('ej', 'a'), ending('ego', 'y'), ending('emu', 'y'), ending('ym', 'y'), ending('im', 'i'), ending('ą', 'a'), ending('ych', 'e'), ending('ich', 'ie')],
  ces: [ending('ého', 'ý'), ending('ému', 'ý'), ending('ým', 'ý'), ending('é', 'á'), ending('ou', 'á'), ending('ých', 'é')],
  slk: [ending('ého', 'ý'), ending('ému', 'ý'), ending('om', 'ý'), ending('ej', 'á'), ending('ou', 'á')],
  hrv: [ending('og', 'i'), ending('oj', 'a'), ending('ih', 'e')],
  bos: [ending('og', 'i'), ending('oj', 'a'), ending('ih', 'e')],
  srp: [ending('og', 'i'), ending('oj', 'a'), ending('ih', 'e')],
  slv: [ending('ega', 'i'), ending('i', 'a')],
};

/** Hungarian case suffixes, longest first; only unambiguous ones ("Egyesült Államokban"). */
const HUNGARIAN_SUFFIXES = ['ban', 'ben', 'ból', 'ből', 'ról', 'ről', 'tól', 'től', 'nak', 'nek', 'hoz', 'hez', 'höz', 'nál', 'nél', 'ba', 'be', 'ra', 're'];

/** Every rewrite of `word` by the rules that match it, in rule order. */
function allEndings(word: string, rules: readonly Ending[] | undefined): string[] {
  if (!rules) return [];
  const lower = word.toLowerCase();
  const results: string[] = [];
  for (const rule of rules) {
    if (lower.endsWith(rule.ending) && lower.length - rule.ending.length >= rule.minStem) {
      const stem = word.slice(0, word.length - rule.ending.length);
      results.push(stem + (word === word.toUpperCase() ? rule.replacement.toUpperCase() : rule.replacement));
    }
  }
  return results;
}

function applyEnding(word: string, rules: readonly Ending[] | undefined): string | undefined {
  return allEndings(word, rules)[0];
}

const isCyrillic = (text: string): boolean => /\p{Script=Cyrillic}/u.test(text);
const isAcronym = (word: string): boolean => word.length <= 6 && word === word.toUpperCase() && word !== word.toLowerCase();

/**
 * Candidate base forms of `name`, most plausible first; the name as given is always among them.
 * Acronyms and names of one or two letters are left alone.
 */
export function baseForms(name: string, language: string, kind: NameKind): string[] {
  // Most languages have no rules here: answer before building anything.
  if (!inflectsNames(language)) return [name];
  const words = name.split(' ');
  const last = words.length - 1;
  const candidates = new Set<string>();
  const rewrite = (transform: (word: string, index: number) => string | undefined): void => {
    let changed = false;
    const result = words.map((word, index) => {
      if (isAcronym(word) || word.length < 3) return word;
      const next = transform(word, index);
      if (next === undefined || next === word) return word;
      changed = true;
      return next;
    });
    if (changed) candidates.add(result.join(' '));
  };
  const cyrillic = isCyrillic(name);
  if (CYRILLIC_CASES.has(language) && cyrillic) {
    rewrite((word, index) =>
      index < last && kind !== 'person' && /^\p{Lu}/u.test(word) ? applyEnding(word, CYRILLIC_ADJECTIVE[language]) : applyEnding(word, CYRILLIC_NOUN[language]),
    );
    // Genitive of a masculine full name ("Владимира Путина"): every word ends in -а after a consonant.
    if (kind === 'person' && words.length >= 2 && words.every((word) => /[бвгджзклмнпрстфхцчшщ][ая]$/iu.test(word))) {
      candidates.add(words.map((word) => (word.endsWith('я') ? `${word.slice(0, -1)}й` : word.slice(0, -1))).join(' '));
    }
    // Feminine surnames: -овой/-евой/-иной/-ской → -ова/-ева/-ина/-ская.
    if (kind === 'person') rewrite((word) => applyEnding(word, [ending('овой', 'ова'), ending('евой', 'ева'), ending('иной', 'ина'), ending('ской', 'ская'), ending('ову', 'ова'), ending('ину', 'ина')]));
  } else if (LATIN_SLAVIC_CASES.has(language) && !cyrillic) {
    rewrite((word, index) =>
      index < last && kind !== 'person' ? applyEnding(word, LATIN_SLAVIC_ADJECTIVE[language]) ?? applyEnding(word, LATIN_SLAVIC_NOUN[language]) : applyEnding(word, LATIN_SLAVIC_NOUN[language]),
    );
    if (kind !== 'person') rewrite((word) => applyEnding(word, LATIN_SLAVIC_ADJECTIVE[language]) ?? applyEnding(word, LATIN_SLAVIC_NOUN[language]));
  } else if (language === 'deu') {
    // "Europäischen Union" → "Europäische Union": an adjective opening a name, declined.
    if (kind !== 'person' && words.length >= 2) rewrite((word, index) => (index === 0 && word.length >= 6 ? applyEnding(word, [ending('en', 'e'), ending('em', 'e'), ending('er', 'e'), ending('es', 'e')]) : undefined));
    // Genitive -s of a name ("Merkels", "Chinas"); not after s/x/z or in -us/-is/-os (Markus, Paris).
    rewrite((word, index) => (index === last && word.length >= 5 && /[^sxzßuio]s$/iu.test(word) ? word.slice(0, -1) : undefined));
  } else if (language === 'hun') {
    rewrite((word, index) => {
      if (index !== last) return undefined;
      const lower = word.toLowerCase();
      const suffix = HUNGARIAN_SUFFIXES.find((s) => lower.endsWith(s) && lower.length - s.length >= 4);
      return suffix ? word.slice(0, word.length - suffix.length) : undefined;
    });
  } else if (language === 'ell') {
    // Genitive of masculine -ος/-ης names: "Παπαδόπουλου" → "Παπαδόπουλος".
    rewrite((word) => applyEnding(word, [ending('ου', 'ος', 4)]));
    // Feminine genitives ("Ρώμης" → "Ρώμη", "Αθήνας" → "Αθήνα"): for lookups only, since a
    // masculine nominative ends the same way (Μητσοτάκης) and must not be shown as "Μητσοτάκη".
    if (kind !== 'person') rewrite((word) => applyEnding(word, [ending('ης', 'η', 3), ending('ας', 'α', 3), ending('ου', 'ο', 3)]));
  }
  // A one-word name gets every rewrite its ending allows ("Израиле" → "Израил", "Израиль",
  // "Израила"): the alias table decides, and no wrong one is shown (see displayBaseForm).
  if (words.length === 1 && words[0]!.length >= 4) {
    const rules = CYRILLIC_CASES.has(language) && cyrillic ? CYRILLIC_NOUN[language] : LATIN_SLAVIC_CASES.has(language) && !cyrillic ? LATIN_SLAVIC_NOUN[language] : undefined;
    for (const form of allEndings(words[0]!, rules).slice(1)) candidates.add(form);
  }
  // Turkish (and Azerbaijani) write case suffixes of names after an apostrophe: "Türkiye'nin".
  if ((language === 'tur' || language === 'aze') && /['’]/u.test(name)) candidates.add(name.replace(/['’]\p{L}+/gu, ''));
  return [name, ...candidates];
}

/** Whether `to` differs from `from` only in a final vowel (lost, swapped, or vowel + й/ь). */
function vowelOnly(from: string, to: string): boolean {
  return (
    /[аеёиоуыэюяіїєaeiouyąęěé]$/iu.test(from) &&
    (to === from.slice(0, -1) || (to.length === from.length && to.slice(0, -1) === from.slice(0, -1)) || (to.length === from.length + 1 && to.slice(0, -2) === from.slice(0, -1)))
  );
}

/**
 * The most plausible nominative among `baseForms` for display when the alias table knows none:
 * the first rewrite, which the rule order makes the likeliest (instrumental and prepositional
 * endings before vowel endings that nominatives also have).
 */
export function displayBaseForm(name: string, language: string, kind: NameKind): string {
  // A word that only lost or changed its final vowel (Сара → Сар, Москве → Москва) is as likely
  // a nominative (Сара, Шойгу) as a case form; only rewrites of consonant endings (-ом, -ым,
  // -owi, -ischen) are trusted for display, word by word.
  const cyrillic = isCyrillic(name);
  const slavic = (CYRILLIC_CASES.has(language) && cyrillic) || (LATIN_SLAVIC_CASES.has(language) && !cyrillic);
  if (slavic) {
    const words = name.split(' ');
    const last = words.length - 1;
    return words
      .map((word, index) => {
        if (isAcronym(word) || word.length < 3) return word;
        const adjective = index < last && kind !== 'person' && /^\p{Lu}/u.test(word);
        const rules = cyrillic ? (adjective ? CYRILLIC_ADJECTIVE : CYRILLIC_NOUN)[language] : (adjective ? LATIN_SLAVIC_ADJECTIVE : LATIN_SLAVIC_NOUN)[language];
        return allEndings(word, rules).find((form) => !vowelOnly(word, form)) ?? word;
      })
      .join(' ');
  }
  if (language === 'ell') return name;
  const words = name.split(' ');
  for (const form of baseForms(name, language, kind).slice(1)) {
    const formWords = form.split(' ');
    if (formWords.length === words.length && formWords.every((word, index) => word === words[index] || !vowelOnly(words[index]!, word))) return form;
  }
  return name;
}

const NON_ASCII = /[^ -~]/;

/** Lower-case ASCII with diacritics folded; non-letters (apostrophes, soft-sign marks) dropped per word. */
export function asciiWords(latin: string): string[] {
  let text = latin.toLowerCase();
  if (NON_ASCII.test(text)) {
    text = text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .replace(/[ßøłđıæ]/g, asciiLetter);
  }
  return text.replace(/['’ʼʻ`´]/g, '').split(/[^a-z0-9]+/).filter(Boolean);
}

const ASCII_LETTER: Record<string, string> = { ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i', æ: 'ae' };
const asciiLetter = (char: string): string => ASCII_LETTER[char] ?? char;

/**
 * Spelling equivalences between romanisations, matched in one left-to-right pass (longer
 * spellings listed first, so "tsch" is one sound, not "t" + "sch").
 */
const FOLD: Record<string, string> = {
  dsch: 'j', dzh: 'j', dzs: 'j', tsz: 'j', dz: 'j', dj: 'j', zh: 'j', gy: 'j', // Dschinping, Dzhonson, Цз (tsz), Hungarian gy
  tsch: 'C', tch: 'C', tsh: 'C', cz: 'C', cs: 'C', ch: 'C', // ч / tsch / cz / cs: one sound
  sch: 'S', sh: 'S', sz: 'S',
  kh: 'h', gh: 'g', ph: 'f', th: 't', ck: 'k', q: 'k', c: 'k', x: 'ks', tz: 'z', ts: 'z', w: 'v', y: 'i',
};
// Replacers are module-level functions: a closure made per call costs more than the work here.
const foldMatch = (match: string): string => FOLD[match]!;
const FOLD_PATTERN = new RegExp(Object.keys(FOLD).sort((a, b) => b.length - a.length).join('|'), 'g');
const DROPPED = new Set(['a', 'e', 'i', 'o', 'u', 'h']);

/** One word's key: spellings folded, first letter kept, later vowels (and h) dropped, doubled letters collapsed. */
export function wordKey(word: string): string {
  const folded = word.replace(FOLD_PATTERN, foldMatch);
  if (folded.length === 0) return '';
  let key = folded[0]!.toLowerCase();
  let previous = key;
  for (let i = 1; i < folded.length; i++) {
    const char = folded[i]!.toLowerCase();
    if (DROPPED.has(char)) continue;
    if (char !== previous) key += char;
    previous = char;
  }
  return key;
}

const ACRONYM_TOKEN = /^[A-Z0-9&.]{2,6}$/;
const joinKey = (key: string, part: string): string => (!part ? key : key ? `${key}-${part}` : part);

/** Phonetic key of a Latin-script name: word keys joined by "-". */
export function phoneticKey(latin: string): string {
  // Acronyms are spelt, not pronounced: their letters are the key ("CEO" and "QC" must differ).
  let key = '';
  for (const token of latin.split(/[\s-]+/)) {
    if (ACRONYM_TOKEN.test(token)) key = joinKey(key, token.toLowerCase().replace(/[^a-z0-9]/g, ''));
    else for (const word of asciiWords(token)) key = joinKey(key, wordKey(word));
  }
  return key;
}

/** Exact lookup key: lower-case, accents folded, punctuation to single spaces, any script kept. */
export function exactKey(name: string): string {
  if (/^[A-Za-z0-9 ]*$/.test(name)) return name.toLowerCase().trim().replace(/ +/g, ' ');
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export { isNonLatin };
