/**
 * Feature extraction for the sequence tagger. Features are 32-bit hashes built from per-word
 * string hashes that are computed once per word form (and cached, with the model's summed
 * weights for the one-word features), so tagging builds no strings per feature and most weight
 * lookups happen once per word form rather than once per token: that is where the speed comes from.
 *
 * The same code runs at training and at tagging time; changing a template changes the model's
 * meaning, so bump FEATURE_SET_VERSION and retrain.
 */
import type { Gazetteer, PlaceKind } from './gazetteer';
import { personNameBits } from './person-names';

export const FEATURE_SET_VERSION = 5;

/** Entity types the tagger knows; MISC is learned so it does not pollute the other three. */
export const ENTITY_TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export type TaggerType = (typeof ENTITY_TYPES)[number];
/** IOB2 labels: 0 = O, then B-/I- per type. */
export const LABELS = ['O', ...ENTITY_TYPES.flatMap((type) => [`B-${type}`, `I-${type}`])];
export const LABEL_COUNT = LABELS.length;
export const labelIndex = new Map(LABELS.map((label, index) => [label, index]));
export const typeOfLabel = (label: number): number => (label === 0 ? -1 : (label - 1) >> 1);
export const isInside = (label: number): boolean => label > 0 && (label - 1) % 2 === 1;

export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Order-dependent mix of two 32-bit values (murmur3 finaliser). */
export function combine(a: number, b: number): number {
  let hash = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** "McDonald's" → "XxXx'x", "1996-08-30" → "d-d-d": runs of one character class collapse. */
export function wordShape(word: string): string {
  let shape = '';
  let last = '';
  for (const char of word) {
    let cls: string;
    if (char >= '0' && char <= '9') cls = 'd';
    else if (char.toLowerCase() !== char) cls = 'X';
    else if (char.toUpperCase() !== char) cls = 'x';
    else if (/\p{L}/u.test(char)) cls = 'L'; // uncased scripts
    else cls = char;
    if (cls !== last) shape += cls;
    last = cls;
  }
  return shape;
}

const GAZ_KINDS: PlaceKind[] = ['country', 'demonym', 'city'];
const NO_HASH = 0x12345678;

/** Per-token values that several templates reuse. */
export interface SentenceInfo {
  length: number;
  tokens: readonly string[];
  words: WordInfo[];
  lower: string[];
  lowerHash: Uint32Array;
  exactHash: Uint32Array;
  shapeHash: Uint32Array;
  /** Gazetteer membership: bit (kind*2 + (inside ? 1 : 0)). */
  gazetteerBits: Uint8Array;
  /** Known first / last name bits (person-names.ts) of each token. */
  nameBits: Uint8Array;
  capitalised: Uint8Array;
  headline: boolean;
}

/** What a word contributes regardless of context; memoised per word form (news text repeats words a lot). */
export interface WordInfo {
  lower: string;
  lowerHash: number;
  exactHash: number;
  shapeHash: number;
  capitalised: boolean;
  /** All lower case, starting with a letter that has case. */
  startsLower: boolean;
  /** 1 = has case and is all capitals, 0 = has case otherwise, -1 = too short or caseless. */
  upper: number;
  /** FIRST_NAME | LAST_NAME (person-names.ts). */
  nameBits: number;
  /** Keys of the features this word triggers in each WordRole (see tokenFeatures). */
  roleKeys: Uint32Array[];
  /**
   * One-slot caches for whoever consumes this word most (the tagger's model, the feature
   * gazetteer): a field read instead of another string-keyed map lookup per token.
   */
  scoreOwner: object | undefined;
  scores: Float64Array | undefined;
  gazetteerOwner: object | undefined;
  gazetteerLongest: number;
}

/** About 1 KB per word form (keys and cached scores): the cap bounds memory to some 30 MB. */
const WORD_CACHE_LIMIT = 30_000;
const wordCache = new Map<string, WordInfo>();

export function describeWord(token: string): WordInfo {
  const cached = wordCache.get(token);
  if (cached) return cached;
  const lower = token.toLowerCase();
  const upperForm = token.toUpperCase();
  const affixes = new Uint32Array(8);
  // Affix hashes grow one character at a time instead of hashing sliced strings.
  let prefix = 0x811c9dc5;
  let suffix = 0x01000193;
  for (let n = 1; n <= 4; n++) {
    if (n <= lower.length) {
      prefix = Math.imul(prefix ^ lower.charCodeAt(n - 1), 0x01000193) >>> 0;
      suffix = Math.imul(suffix ^ lower.charCodeAt(lower.length - n), 0x01000193) >>> 0;
      affixes[n - 1] = combine(prefix, n);
      affixes[n + 3] = combine(suffix, n + 8);
    } else {
      affixes[n - 1] = NO_HASH;
      affixes[n + 3] = NO_HASH;
    }
  }
  const first = token[0] ?? '';
  const lowerHash = hashString(lower);
  const exactHash = hashString(token);
  const shapeHash = hashString(wordShape(token));
  const roleKeys = roleKeysOf(lowerHash, shapeHash);
  roleKeys[WordRole.Self] = Uint32Array.from([
    ...roleKeys[WordRole.Self]!,
    key(T.Exact, exactHash),
    key(T.Length, Math.min(lower.length, 12)),
    ...[...affixes.subarray(0, 4)].filter((hash) => hash !== NO_HASH).map((hash) => key(T.Prefix, hash)),
    ...[...affixes.subarray(4, 8)].filter((hash) => hash !== NO_HASH).map((hash) => key(T.Suffix, hash)),
  ]);
  const info: WordInfo = {
    lower,
    lowerHash,
    exactHash,
    shapeHash,
    capitalised: first.toLowerCase() !== first,
    startsLower: first.toUpperCase() !== first && lower === token,
    upper: token.length >= 2 && lower !== upperForm ? (upperForm === token ? 1 : 0) : -1,
    nameBits: personNameBits(lower),
    roleKeys,
    // Present from the start so every WordInfo has one hidden class (fast property access).
    scoreOwner: undefined,
    scores: undefined,
    gazetteerOwner: undefined,
    gazetteerLongest: 0,
  };
  if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
  wordCache.set(token, info);
  return info;
}

/**
 * Features that depend on one word only, by the position that word has relative to the token
 * being tagged: the token itself, or its neighbour one or two to the left or right. A tagger can
 * cache their summed weights per word form and role, which saves most of the lookups.
 */
export const enum WordRole {
  Self = 0,
  Previous,
  Next,
  Previous2,
  Next2,
}
export const WORD_ROLES = 5;

function roleKeysOf(lowerHash: number, shapeHash: number): Uint32Array[] {
  return [
    Uint32Array.from([key(T.Bias, 0), key(T.Lower, lowerHash), key(T.Shape, shapeHash)]),
    Uint32Array.from([key(T.PrevLower, lowerHash), key(T.PrevShape, shapeHash)]),
    Uint32Array.from([key(T.NextLower, lowerHash), key(T.NextShape, shapeHash)]),
    Uint32Array.from([key(T.Prev2Lower, lowerHash)]),
    Uint32Array.from([key(T.Next2Lower, lowerHash)]),
  ];
}

let boundaryRoleKeys: Uint32Array[] | undefined;

/** Role feature keys of `token`, or of the sentence boundary when `token` is undefined. */
export function wordRoleKeys(token: string | undefined): Uint32Array[] {
  if (token === undefined) return (boundaryRoleKeys ??= roleKeysOf(BOUNDARY, BOUNDARY));
  return describeWord(token).roleKeys;
}

export function describeSentence(tokens: readonly string[], gazetteer: Gazetteer): SentenceInfo {
  const length = tokens.length;
  const info: SentenceInfo = {
    length,
    tokens,
    words: new Array<WordInfo>(length),
    lower: new Array<string>(length),
    lowerHash: new Uint32Array(length),
    exactHash: new Uint32Array(length),
    shapeHash: new Uint32Array(length),
    gazetteerBits: new Uint8Array(length),
    nameBits: new Uint8Array(length),
    capitalised: new Uint8Array(length),
    headline: false,
  };
  let letterTokens = 0;
  let upperTokens = 0;
  for (let i = 0; i < length; i++) {
    const word = describeWord(tokens[i]!);
    info.words[i] = word;
    info.lower[i] = word.lower;
    info.lowerHash[i] = word.lowerHash;
    info.exactHash[i] = word.exactHash;
    info.shapeHash[i] = word.shapeHash;
    info.capitalised[i] = word.capitalised ? 1 : 0;
    info.nameBits[i] = word.nameBits;
    if (word.upper >= 0) {
      letterTokens++;
      upperTokens += word.upper;
    }
  }
  // Reuters-style all-capital headlines: capitalisation says nothing there.
  info.headline = letterTokens >= 2 && upperTokens / letterTokens > 0.6;
  for (let i = 0; i < length; i++) {
    const word = info.words[i]!;
    if (word.gazetteerOwner !== gazetteer.places) {
      word.gazetteerOwner = gazetteer.places;
      word.gazetteerLongest = gazetteer.places.longestStartingWith(word.lower);
    }
    if (word.gazetteerLongest === 0) continue;
    const match = gazetteer.places.matchAt(info.lower, i);
    if (!match) continue;
    const kind = GAZ_KINDS.indexOf(match.value.kind);
    for (let j = 0; j < match.length; j++) info.gazetteerBits[i + j]! |= 1 << (kind * 2 + (j > 0 ? 1 : 0));
  }
  return info;
}

/**
 * Article-level memory: which words occur in lower case (so are probably common words), which
 * occur capitalised mid-sentence, and which entity types the tagger already gave each word in
 * earlier sentences (so a headline or a bare "Kim" agrees with the body).
 */
export class DocumentContext {
  readonly lowercaseWords = new Set<string>();
  readonly midSentenceCapitalised = new Set<string>();
  private readonly history = new Map<string, Uint16Array>();

  constructor(sentences: readonly SentenceInfo[]) {
    for (const { words } of sentences) {
      if (words.filter((word) => word.upper === 1).length > words.length / 2) continue; // headline
      for (let i = 0; i < words.length; i++) {
        const word = words[i]!;
        if (word.startsLower) this.lowercaseWords.add(word.lower);
        else if (i > 0 && word.capitalised) this.midSentenceCapitalised.add(word.lower);
      }
    }
  }

  /** Most frequent earlier entity type of this word, or -1. */
  historyType(lower: string): number {
    const counts = this.history.get(lower);
    if (!counts) return -1;
    let best = -1;
    let bestCount = 0;
    for (let type = 0; type < counts.length; type++) {
      if (counts[type]! > bestCount) {
        best = type;
        bestCount = counts[type]!;
      }
    }
    return best;
  }

  remember(info: SentenceInfo, labels: ArrayLike<number>): void {
    for (let i = 0; i < info.length; i++) {
      const type = typeOfLabel(labels[i]!);
      if (type < 0) continue;
      const lower = info.lower[i]!;
      let counts = this.history.get(lower);
      if (!counts) this.history.set(lower, (counts = new Uint16Array(ENTITY_TYPES.length)));
      counts[type]!++;
    }
  }
}

// Template ids: constants so the hashed keys stay stable between training and tagging.
const enum T {
  Bias = 1, Lower, Exact, PrevLower, NextLower, Prev2Lower, Next2Lower, Shape, PrevShape, NextShape,
  PrevShapeShape, ShapeNextShape, Prefix, Suffix, PrevLowerLower, LowerNextLower, FirstShape, HeadlineShape,
  HeadlineLower, Gazetteer, PrevGazetteer, NextGazetteer, LowerSeen, MidCapSeen, History, HistoryShape,
  GazetteerShape, Length, BosLower, PrevExactShape, Name, PrevName, NextName, NameShape, NamePair,
}

const BOUNDARY = hashString('<boundary>');
const key = (template: T, value: number): number => combine(template, value);

/**
 * Writes the keys of the features of token `i` that depend on more than one word (word pairs,
 * sentence, document) into `out` from index `start`; returns the new count. The one-word ones
 * are in wordRoleKeys.
 */
export function contextFeatures(info: SentenceInfo, i: number, doc: DocumentContext, out: Uint32Array, start = 0): number {
  let n = start;
  const lower = info.lowerHash;
  const shape = info.shapeHash;
  const prevLower = i > 0 ? lower[i - 1]! : BOUNDARY;
  const nextLower = i + 1 < info.length ? lower[i + 1]! : BOUNDARY;
  const prevShape = i > 0 ? shape[i - 1]! : BOUNDARY;
  const nextShape = i + 1 < info.length ? shape[i + 1]! : BOUNDARY;
  const w = lower[i]!;
  const s = shape[i]!;

  out[n++] = combine(key(T.PrevShapeShape, prevShape), s);
  out[n++] = combine(key(T.ShapeNextShape, s), nextShape);
  out[n++] = combine(key(T.PrevLowerLower, prevLower), w);
  out[n++] = combine(key(T.LowerNextLower, w), nextLower);
  out[n++] = combine(key(T.PrevExactShape, i > 0 ? info.exactHash[i - 1]! : BOUNDARY), s);
  if (i === 0) {
    out[n++] = key(T.FirstShape, s);
    out[n++] = key(T.BosLower, w);
  }
  if (info.headline) {
    out[n++] = key(T.HeadlineShape, s);
    out[n++] = key(T.HeadlineLower, w);
  }
  const bits = info.gazetteerBits[i]!;
  if (bits) {
    out[n++] = key(T.Gazetteer, bits);
    out[n++] = combine(key(T.GazetteerShape, bits), s);
  }
  if (i > 0 && info.gazetteerBits[i - 1]) out[n++] = key(T.PrevGazetteer, info.gazetteerBits[i - 1]!);
  if (i + 1 < info.length && info.gazetteerBits[i + 1]) out[n++] = key(T.NextGazetteer, info.gazetteerBits[i + 1]!);
  // Known names count only on capitalised words: lower-case "will", "may", "rose" are words.
  const name = info.capitalised[i] ? info.nameBits[i]! : 0;
  const prevName = i > 0 && info.capitalised[i - 1] ? info.nameBits[i - 1]! : 0;
  const nextName = i + 1 < info.length && info.capitalised[i + 1] ? info.nameBits[i + 1]! : 0;
  if (name) {
    out[n++] = key(T.Name, name);
    out[n++] = combine(key(T.NameShape, name), s);
  }
  if (prevName) out[n++] = combine(key(T.PrevName, prevName), info.capitalised[i]!);
  if (nextName) out[n++] = combine(key(T.NextName, nextName), info.capitalised[i]!);
  if (name || prevName || nextName) out[n++] = combine(key(T.NamePair, prevName * 4 + name), nextName);

  const word = info.lower[i]!;
  if (info.capitalised[i]) {
    if (doc.lowercaseWords.has(word)) out[n++] = combine(key(T.LowerSeen, 1), i === 0 || info.headline ? 1 : 0);
    if (doc.midSentenceCapitalised.has(word)) out[n++] = combine(key(T.MidCapSeen, 1), i === 0 || info.headline ? 1 : 0);
  }
  const history = doc.historyType(word);
  if (history >= 0) {
    out[n++] = key(T.History, history);
    out[n++] = combine(key(T.HistoryShape, history), s);
  }
  return n;
}

/** All feature keys of token `i` (one-word and contextual); `out` needs ≥ 64 slots. */
export function tokenFeatures(info: SentenceInfo, i: number, doc: DocumentContext, out: Uint32Array): number {
  let n = 0;
  const add = (keys: Uint32Array): void => {
    out.set(keys, n);
    n += keys.length;
  };
  const tokens = info.tokens;
  add(wordRoleKeys(tokens[i])[WordRole.Self]!);
  add(wordRoleKeys(tokens[i - 1])[WordRole.Previous]!);
  add(wordRoleKeys(tokens[i + 1])[WordRole.Next]!);
  add(wordRoleKeys(tokens[i - 2])[WordRole.Previous2]!);
  add(wordRoleKeys(tokens[i + 2])[WordRole.Next2]!);
  return contextFeatures(info, i, doc, out, n);
}
