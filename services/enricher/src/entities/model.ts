/**
 * Linear-chain tagger: per-token label scores from hashed features plus a label-transition
 * matrix, decoded with Viterbi under IOB2 constraints (no I-X after O or after another type).
 * Weights come from an averaged structured perceptron (see train.ts).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import * as featureModule from './features';
import type { WordInfo } from './features';
import { HAN_FEATURE_SET, HAN_FEATURE_SET_VERSION } from './han-features';

// Module-level copies of imported bindings: loaders such as tsx compile imports to getter calls,
// which cost a call per use in hot loops.
const { FEATURE_SET_VERSION, LABEL_COUNT, LABELS, WORD_ROLES, isInside, typeOfLabel, wordRoleKeys } = featureModule;

const MAGIC = 'NFNER1';

/** Scores for the features of one token, written into `scores` (LABEL_COUNT slots). */
export interface EmissionScorer {
  score(features: Uint32Array, count: number, scores: Float64Array, offset: number): void;
  /**
   * Summed weights of the one-word features of `word` (undefined: the sentence boundary) in
   * each WordRole, WORD_ROLES × LABEL_COUNT values, when the scorer caches them.
   */
  roleScores?(word: WordInfo | undefined): Float64Array;
}


/** allowed[prev * L + next]; prev = LABEL_COUNT is the sentence start. */
export const allowedTransition: Uint8Array = (() => {
  const allowed = new Uint8Array((LABEL_COUNT + 1) * LABEL_COUNT);
  for (let prev = 0; prev <= LABEL_COUNT; prev++) {
    for (let next = 0; next < LABEL_COUNT; next++) {
      const ok = !isInside(next) || (prev < LABEL_COUNT && prev !== 0 && typeOfLabel(prev) === typeOfLabel(next));
      allowed[prev * LABEL_COUNT + next] = ok ? 1 : 0;
    }
  }
  return allowed;
})();

/** Reused between calls (decoding is synchronous), so tagging allocates nothing per sentence here. */
const scratch = { best: new Float64Array(1024), back: new Int32Array(1024) };

/**
 * Best label sequence given emission scores (length × L) and transitions ((L+1) × L).
 * Writes into `labels`. Work buffers are passed in so tagging allocates little.
 */
/** For each label, the labels allowed before it (I-X only after B-X or I-X). */
const allowedPrevious: Int32Array[] = Array.from({ length: LABEL_COUNT }, (_, label) =>
  Int32Array.from({ length: LABEL_COUNT }, (_, prev) => prev).filter((prev) => allowedTransition[prev * LABEL_COUNT + label] === 1),
);

export function viterbi(emissions: Float64Array, length: number, transitions: ArrayLike<number>, labels: Int32Array): void {
  const L = LABEL_COUNT;
  if (scratch.best.length < length * L) {
    scratch.best = new Float64Array(length * L * 2);
    scratch.back = new Int32Array(length * L * 2);
  }
  const { best, back } = scratch;
  for (let label = 0; label < L; label++) {
    best[label] = allowedTransition[L * L + label] ? emissions[label]! + transitions[L * L + label]! : -Infinity;
  }
  for (let i = 1; i < length; i++) {
    const previousRow = (i - 1) * L;
    for (let label = 0; label < L; label++) {
      const previous = allowedPrevious[label]!;
      let bestScore = -Infinity;
      let bestPrev = 0;
      for (let k = 0; k < previous.length; k++) {
        const prev = previous[k]!;
        const score = best[previousRow + prev]! + transitions[prev * L + label]!;
        if (score > bestScore) {
          bestScore = score;
          bestPrev = prev;
        }
      }
      best[i * L + label] = bestScore + emissions[i * L + label]!;
      back[i * L + label] = bestPrev;
    }
  }
  let last = 0;
  for (let label = 1; label < L; label++) if (best[(length - 1) * L + label]! > best[(length - 1) * L + last]!) last = label;
  for (let i = length - 1; i >= 0; i--) {
    labels[i] = last;
    last = back[i * L + last]!;
  }
}

/**
 * Frozen weights in an open-addressing hash table keyed by feature hash: a typed-array probe is
 * several times faster than a Map lookup, and lookups are the whole cost of tagging.
 */
export class FrozenModel implements EmissionScorer {
  private readonly mask: number;
  private readonly slots: Uint32Array; // feature key per slot (0 = empty)
  /**
   * Weights stored by slot (capacity × LABEL_COUNT), quantised to int16 with one scale: a hit
   * then touches one small row, and the table is half the size, which matters more than
   * anything else for speed because the lookups are random memory reads.
   */
  private readonly slotWeights: Int16Array;
  private readonly scale: number;
  private boundaryScores: Float64Array | undefined;
  /** Features kept in the model. */
  readonly size: number;
  /**
   * The keys and float weights are not kept once the table is built (with every language's model
   * loaded they were a quarter of the enricher's memory); at most 70 % of the slots are used,
   * which keeps probing short at about half the memory of a half-empty table.
   */
  constructor(
    keys: Uint32Array,
    weights: Float32Array, // keys.length × LABEL_COUNT
    readonly transitions: Float32Array,
    readonly meta: ModelMeta,
  ) {
    this.size = keys.length;
    let capacity = 1;
    while (capacity * 0.7 < keys.length + 1) capacity <<= 1;
    this.mask = capacity - 1;
    this.slots = new Uint32Array(capacity);
    this.slotWeights = new Int16Array(capacity * LABEL_COUNT);
    let maxAbs = 0;
    for (const weight of weights) maxAbs = Math.max(maxAbs, Math.abs(weight));
    this.scale = maxAbs > 0 ? maxAbs / 32767 : 1;
    for (let row = 0; row < keys.length; row++) {
      // Key 0 marks an empty slot; a real feature hashing to 0 is remapped the same way at lookup.
      const featureKey = keys[row]! || 1;
      let slot = featureKey & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = featureKey;
      for (let label = 0; label < LABEL_COUNT; label++) {
        this.slotWeights[slot * LABEL_COUNT + label] = Math.round(weights[row * LABEL_COUNT + label]! / this.scale);
      }
    }
  }

  score(features: Uint32Array, count: number, scores: Float64Array, offset: number): void {
    const L = LABEL_COUNT;
    const slots = this.slots;
    const weights = this.slotWeights;
    const mask = this.mask;
    for (let label = 0; label < L; label++) scores[offset + label] = 0;
    for (let f = 0; f < count; f++) {
      const featureKey = features[f]! || 1;
      let slot = featureKey & mask;
      let stored = slots[slot]!;
      while (stored !== 0 && stored !== featureKey) {
        slot = (slot + 1) & mask;
        stored = slots[slot]!;
      }
      if (stored === 0) continue;
      const base = slot * L;
      for (let label = 0; label < L; label++) scores[offset + label]! += weights[base + label]!;
    }
    const scale = this.scale;
    for (let label = 0; label < L; label++) scores[offset + label]! *= scale;
  }

  /**
   * Per word form, the summed weights of its one-word features by role, kept on the word's
   * shared description: most of the lookups of a token are done once per word form.
   */
  roleScores(word: WordInfo | undefined): Float64Array {
    if (word?.scoreOwner === this) return word.scores!;
    if (!word && this.boundaryScores) return this.boundaryScores;
    const scores = new Float64Array(WORD_ROLES * LABEL_COUNT);
    const roleKeys = word ? word.roleKeys : wordRoleKeys(undefined);
    for (let role = 0; role < WORD_ROLES; role++) this.score(roleKeys[role]!, roleKeys[role]!.length, scores, role * LABEL_COUNT);
    if (word) {
      word.scoreOwner = this;
      word.scores = scores;
    } else {
      this.boundaryScores = scores;
    }
    return scores;
  }
}

export interface ModelMeta {
  /** Absent: the word features of features.ts. "han": the character features of han-features.ts. */
  featureSet?: typeof HAN_FEATURE_SET;
  /** Version of the feature set named above (FEATURE_SET_VERSION or HAN_FEATURE_SET_VERSION). */
  featureSetVersion: number;
  labels: string[];
  language: string;
  /** Where the weights come from; written into the file so the provenance travels with it. */
  provenance: string;
  trainedOn: string;
  epochs: number;
  features: number;
}

/**
 * File layout (gzip): "NFNER1", uint32 JSON length, JSON meta, then uint32 keys[n],
 * int16 quantised weights[n × L], float32 scale, float32 transitions[(L+1) × L].
 * Int16 with one scale loses nothing measurable and halves the size.
 */
export function serializeModel(keys: Uint32Array, weights: Float32Array, transitions: Float32Array, meta: ModelMeta): Buffer {
  let maxAbs = 0;
  for (const weight of weights) maxAbs = Math.max(maxAbs, Math.abs(weight));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const quantised = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) quantised[i] = Math.round(weights[i]! / scale);
  const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
  const header = Buffer.alloc(MAGIC.length + 4);
  header.write(MAGIC, 0, 'ascii');
  header.writeUInt32LE(metaBytes.length, MAGIC.length);
  const scaleBytes = Buffer.from(new Float32Array([scale]).buffer);
  // Transposed layout (all keys, then all weights) compresses better than interleaved rows.
  const raw = Buffer.concat([
    header,
    metaBytes,
    Buffer.from(keys.buffer, keys.byteOffset, keys.byteLength),
    Buffer.from(quantised.buffer),
    scaleBytes,
    Buffer.from(transitions.buffer, transitions.byteOffset, transitions.byteLength),
  ]);
  return gzipSync(raw, { level: 9 });
}

export function deserializeModel(file: Buffer): FrozenModel {
  const raw = gunzipSync(file);
  if (raw.toString('ascii', 0, MAGIC.length) !== MAGIC) throw new Error('not a Newsflow NER model file');
  const metaLength = raw.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const meta = JSON.parse(raw.toString('utf8', offset, offset + metaLength)) as ModelMeta;
  offset += metaLength;
  const expectedVersion = meta.featureSet === HAN_FEATURE_SET ? HAN_FEATURE_SET_VERSION : FEATURE_SET_VERSION;
  if (meta.featureSetVersion !== expectedVersion || meta.labels.join() !== LABELS.join()) {
    throw new Error(`NER model was trained for feature set ${meta.featureSet ?? 'word'} ${meta.featureSetVersion}, code expects ${expectedVersion}: retrain it`);
  }
  // Copy into aligned typed arrays (the decompressed buffer's offsets are not 4-aligned).
  const count = meta.features;
  const keys = new Uint32Array(count);
  Buffer.from(keys.buffer).set(raw.subarray(offset, offset + count * 4));
  offset += count * 4;
  const quantised = new Int16Array(count * LABEL_COUNT);
  Buffer.from(quantised.buffer).set(raw.subarray(offset, offset + quantised.byteLength));
  offset += quantised.byteLength;
  const scale = raw.readFloatLE(offset);
  offset += 4;
  const transitions = new Float32Array((LABEL_COUNT + 1) * LABEL_COUNT);
  Buffer.from(transitions.buffer).set(raw.subarray(offset, offset + transitions.byteLength));
  const weights = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = quantised[i]! * scale;
  return new FrozenModel(keys, weights, transitions, meta);
}

export function loadModelFile(path: string): FrozenModel {
  return deserializeModel(readFileSync(path));
}
