/**
 * MinHash signatures over word shingles, and their LSH bands.
 *
 * Two articles' signatures agree in a share of positions that estimates the Jaccard similarity
 * of their shingle sets. Cutting the signature into bands of a few rows and bucketing on each
 * band finds the likely-similar pairs without comparing every pair: two articles share a band
 * with probability 1 - (1 - J^rows)^bands. No maintained JavaScript MinHash package exists, and
 * the buckets live in Redis (see corpus-store.ts), so the few lines of hashing are here.
 */

export interface MinHashParameters {
  /** Words per shingle. */
  shingleSize: number;
  bands: number;
  rows: number;
}

/**
 * 3-word shingles survive light edits (a changed word breaks only the three shingles around it)
 * yet are specific enough that unrelated stories share few: on the benchmark corpus of Reuters
 * articles the most similar unrelated pair has J = 0.16, copies with 30 % of their sentences
 * rewritten J ≈ 0.45–0.55. 40 bands × 3 rows make two articles candidates with a chance of
 * 1 - (1 - J³)⁴⁰: J = 0.4 → 94 %, J = 0.5 → 99.6 %, while unrelated pairs (J ≈ 0.01) collide
 * with a chance of 1 in 25,000.
 */
export const DEFAULT_MINHASH: MinHashParameters = Object.freeze({ shingleSize: 3, bands: 40, rows: 3 });

/**
 * Estimated Jaccard similarity at or above which two articles are copies of one story: midway
 * between the most similar unrelated articles (≈ 0.16) and copies with 30 % edits (≥ 0.4); the
 * estimate from 120 positions has a standard error of about 0.04 there.
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.3;

/** Texts with fewer shingles than this are too short to tell a copy from a coincidence. */
export const MIN_SHINGLES = 8;

/** FNV-1a over UTF-16 code units: fast, and good enough before the avalanche of mix32. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: every input bit flips about half of the output bits. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed per-position seeds: signatures must stay comparable across processes and releases. */
function seedsFor(count: number): Uint32Array {
  const seeds = new Uint32Array(count);
  let state = 0x9e3779b9;
  for (let i = 0; i < count; i++) {
    state = mix32(state + 0x6d2b79f5);
    seeds[i] = state;
  }
  return seeds;
}

const seedCache = new Map<number, Uint32Array>();

/** Distinct hashes of the word shingles of a term sequence. */
export function shingleHashes(terms: readonly string[], shingleSize: number): Uint32Array {
  if (terms.length < shingleSize) return new Uint32Array(0);
  const termHashes = new Uint32Array(terms.length);
  for (let i = 0; i < terms.length; i++) termHashes[i] = hashString(terms[i]!);
  const distinct = new Set<number>();
  for (let i = 0; i + shingleSize <= terms.length; i++) {
    let hash = 0;
    for (let j = 0; j < shingleSize; j++) hash = mix32((hash ^ termHashes[i + j]!) + j);
    distinct.add(hash);
  }
  return Uint32Array.from(distinct);
}

/** The MinHash signature (bands × rows values) of a set of shingle hashes. */
export function minHashSignature(shingles: Uint32Array, parameters: MinHashParameters = DEFAULT_MINHASH): Uint32Array {
  const size = parameters.bands * parameters.rows;
  let seeds = seedCache.get(size);
  if (!seeds) {
    seeds = seedsFor(size);
    seedCache.set(size, seeds);
  }
  const signature = new Uint32Array(size).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const shingle = shingles[s]!;
    for (let i = 0; i < size; i++) {
      const value = mix32(shingle ^ seeds[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  return signature;
}

/** Share of positions where two signatures agree: the estimate of the Jaccard similarity. */
export function estimateSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * One bucket key per band: the band number and its rows in hex. The rows themselves rather than
 * a hash of them, so that two different bands never collide.
 */
export function bandKeys(signature: Uint32Array, parameters: MinHashParameters = DEFAULT_MINHASH): string[] {
  const keys: string[] = [];
  for (let band = 0; band < parameters.bands; band++) {
    let key = `${band.toString(36)}:`;
    for (let row = 0; row < parameters.rows; row++) key += signature[band * parameters.rows + row]!.toString(16).padStart(8, '0');
    keys.push(key);
  }
  return keys;
}
