/**
 * Name skeletons: what is left of a foreign name after another language has transliterated and
 * inflected it. "Dylan", "Дилан", "Диланом", "Ντιλαν", "Dylanem" and "ディラン" all come out as
 * "drn": the name written in Latin letters, its consonants folded into classes that
 * transliteration confuses (b/p, d/t, g/k/c/q, f/v/w, s/z/x/š/ž, l/r), vowels and h dropped,
 * repeats collapsed, then only the first three classes, because case endings and suffixes come
 * at the end ("Диланом" → d r n m). A skeleton is weak evidence alone — many names share one —
 * and is weighted as such; it carries the names the entity extractor cannot yet resolve to
 * one id across scripts.
 */

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'e', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'i', й: 'j',
  к: 'k', л: 'l', љ: 'l', м: 'm', н: 'n', њ: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ch', ђ: 'd', у: 'u', ф: 'f',
  х: 'h', ц: 'ts', ч: 'ch', џ: 'd', ш: 'sh', щ: 'sh', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja', ј: 'j',
};

/** Greek, with the digraphs that write b, d and g in foreign names (Μπομπ, Ντιλαν, Γκρεγκ). */
const GREEK_DIGRAPHS: Array<[RegExp, string]> = [
  [/μπ/g, 'b'],
  [/ντ/g, 'd'],
  [/γκ/g, 'g'],
  [/γγ/g, 'ng'],
  [/τσ/g, 'ts'],
  [/τζ/g, 'dz'],
];
const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 't', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x', ο: 'o',
  π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'i', φ: 'f', χ: 'h', ψ: 'ps', ω: 'o',
};

/**
 * Katakana, the script Japanese writes foreign names in, by syllable. Only consonants matter
 * for the skeleton, so each kana gives its consonant (ア row: none); ン is n, ッ and ー nothing.
 */
const KANA_ROWS: Array<[string, string]> = [
  ['アイウエオァィゥェォヴ', ''],
  ['カキクケコ', 'k'], ['ガギグゲゴ', 'g'], ['サシスセソ', 's'], ['ザジズゼゾ', 'z'], ['タテト', 't'], ['チツ', 'c'],
  ['ダヂヅデド', 'd'], ['ナニヌネノ', 'n'], ['ハヒヘホ', 'h'], ['フ', 'f'], ['バビブベボ', 'b'], ['パピプペポ', 'p'],
  ['マミムメモ', 'm'], ['ヤユヨャュョ', ''], ['ラリルレロ', 'r'], ['ワヲ', 'w'], ['ン', 'n'],
];
const KATAKANA = new Map<string, string>();
for (const [kana, consonant] of KANA_ROWS) for (const k of kana) KATAKANA.set(k, consonant);

/** Latin letters for a word in Latin, Cyrillic, Greek or Katakana; other scripts give ''. */
export function romanize(word: string): string {
  let text = word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
  if (/\p{Script=Greek}/u.test(text)) {
    for (const [pattern, latin] of GREEK_DIGRAPHS) text = text.replace(pattern, latin);
  }
  let out = '';
  // NFKD split ヴ/ガ into base + dakuten mark, which the \p{M} strip removed; Katakana is
  // therefore read from the NFC form below.
  const nfc = word.normalize('NFC');
  if (/\p{Script=Katakana}/u.test(nfc)) {
    for (const ch of nfc) out += KATAKANA.get(ch) ?? (/[a-z]/i.test(ch) ? ch.toLowerCase() : '');
    return out;
  }
  for (const ch of text) {
    if (ch >= 'a' && ch <= 'z') out += ch;
    else if (ch in CYRILLIC) out += CYRILLIC[ch];
    else if (ch in GREEK) out += GREEK[ch];
    else if (ch === 'ß') out += 'ss';
    else if (ch === 'ł') out += 'l';
    else if (ch === 'ø') out += 'o';
    else if (ch === 'đ') out += 'd';
    else if (ch === 'ı') out += 'i';
  }
  return out;
}

/** Consonant classes; letters not listed (vowels, h, y, j) leave nothing. */
const CLASS: Record<string, string> = {
  b: 'b', p: 'b', d: 'd', t: 'd', g: 'k', k: 'k', c: 'k', q: 'k', f: 'f', v: 'f', w: 'f', s: 's', z: 's', x: 's',
  l: 'r', r: 'r', m: 'm', n: 'n',
};

/** Skeleton length: enough to tell most names apart, short enough to end before a case ending. */
export const SKELETON_LENGTH = 3;

/** The skeleton of one word, or undefined when it has fewer than SKELETON_LENGTH classes. */
export function nameSkeleton(word: string): string | undefined {
  const latin = romanize(word)
    // Digraphs that are one sound: "sh"/"ch"/"zh" (ш, ч, ж), "ts"/"tz" (ц, German z), "ph", "th", "ck".
    .replace(/[scz]h/g, 's')
    .replace(/t[sz]/g, 's')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/ck/g, 'k');
  let skeleton = '';
  for (const ch of latin) {
    const cls = CLASS[ch];
    if (!cls || skeleton.endsWith(cls)) continue;
    skeleton += cls;
    if (skeleton.length === SKELETON_LENGTH) return skeleton;
  }
  return undefined;
}
