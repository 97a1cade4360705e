/**
 * Reading the ner-dev JSONL files and conlleval-style entity scoring (exact span + type).
 * The data itself stays in ../shared; nothing here embeds it.
 */
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, hashString, labelIndex } from './features';
import { labelsToSpans } from './tagger';
import type { TrainingDocument } from './train';

interface JsonlSentence {
  id: string;
  tokens: string[];
  tags: string[];
  doc?: number;
}

/**
 * Which part of a file to read. Sources that come with one split only (WikiNEuRal's validation
 * split, ner-uk's train split, People's Daily) are cut in two by a hash of each document's
 * first sentence id: one document in HELD_OUT_ONE_IN is held out for evaluation and never
 * trained on; the rest trains. Deterministic, so every run cuts the same way.
 */
export type SplitPart = 'all' | 'train' | 'heldout';
export const HELD_OUT_ONE_IN = 10;

export function isHeldOut(documentId: string): boolean {
  return hashString(documentId) % HELD_OUT_ONE_IN === 0;
}

/**
 * Sentences grouped into documents: consecutive equal `doc`, or the sentences between two
 * `-DOCSTART-` lines (CoNLL-2003 German keeps those); a sentence alone otherwise.
 */
export function readNerJsonl(path: string, part: SplitPart = 'all'): TrainingDocument[] {
  const documents: Array<{ id: string; sentences: TrainingDocument }> = [];
  let lastDoc: number | undefined;
  let docstartOpen = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const sentence = JSON.parse(line) as JsonlSentence;
    if (sentence.tokens.length === 1 && sentence.tokens[0] === '-DOCSTART-') {
      documents.push({ id: sentence.id, sentences: [] });
      docstartOpen = true;
      continue;
    }
    const labels = Int32Array.from(sentence.tags, (tag) => {
      const index = labelIndex.get(tag);
      if (index === undefined) throw new Error(`${sentence.id}: unknown tag ${tag}`);
      return index;
    });
    const item = { tokens: sentence.tokens, labels };
    if (docstartOpen || (sentence.doc !== undefined && sentence.doc === lastDoc)) documents[documents.length - 1]!.sentences.push(item);
    else documents.push({ id: sentence.id, sentences: [item] });
    lastDoc = sentence.doc;
  }
  return documents
    .filter((document) => document.sentences.length > 0 && (part === 'all' || isHeldOut(document.id) === (part === 'heldout')))
    .map((document) => document.sentences);
}

export interface TypeCounts {
  correct: number;
  predicted: number;
  gold: number;
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function scoresOf(counts: TypeCounts): Scores {
  const precision = counts.predicted ? counts.correct / counts.predicted : 0;
  const recall = counts.gold ? counts.correct / counts.gold : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Accumulates per-type entity counts over sentences. */
export class EntityScorer {
  readonly counts = new Map<string, TypeCounts>(ENTITY_TYPES.map((type) => [type, { correct: 0, predicted: 0, gold: 0 }]));

  add(gold: ArrayLike<number>, predicted: ArrayLike<number>): void {
    const goldSpans = labelsToSpans(gold);
    const goldKeys = new Set(goldSpans.map((span) => `${span.type}:${span.start}:${span.end}`));
    for (const span of goldSpans) this.counts.get(ENTITY_TYPES[span.type]!)!.gold++;
    for (const span of labelsToSpans(predicted)) {
      const counts = this.counts.get(ENTITY_TYPES[span.type]!)!;
      counts.predicted++;
      if (goldKeys.has(`${span.type}:${span.start}:${span.end}`)) counts.correct++;
    }
  }

  /** Micro-average over the given types. */
  micro(types: readonly string[]): Scores & TypeCounts {
    const sum: TypeCounts = { correct: 0, predicted: 0, gold: 0 };
    for (const type of types) {
      const counts = this.counts.get(type);
      if (!counts) continue;
      sum.correct += counts.correct;
      sum.predicted += counts.predicted;
      sum.gold += counts.gold;
    }
    return { ...sum, ...scoresOf(sum) };
  }
}
