/**
 * Reading the ner-dev JSONL files and conlleval-style entity scoring (exact span + type).
 * The data itself stays in ../shared; nothing here embeds it.
 */
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, labelIndex } from './features';
import { labelsToSpans } from './tagger';
import type { TrainingDocument } from './train';

interface JsonlSentence {
  id: string;
  tokens: string[];
  tags: string[];
  doc?: number;
}

/** Sentences grouped into documents (consecutive equal `doc`; a sentence alone when absent). */
export function readNerJsonl(path: string): TrainingDocument[] {
  const documents: TrainingDocument[] = [];
  let lastDoc: number | undefined;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const sentence = JSON.parse(line) as JsonlSentence;
    const labels = Int32Array.from(sentence.tags, (tag) => {
      const index = labelIndex.get(tag);
      if (index === undefined) throw new Error(`${sentence.id}: unknown tag ${tag}`);
      return index;
    });
    const item = { tokens: sentence.tokens, labels };
    if (sentence.doc !== undefined && sentence.doc === lastDoc) documents[documents.length - 1]!.push(item);
    else documents.push([item]);
    lastDoc = sentence.doc;
  }
  return documents;
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
