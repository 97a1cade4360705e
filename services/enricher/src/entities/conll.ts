/**
 * Reading the ner-dev JSONL files and conlleval-style entity scoring (exact span + type).
 * The data itself stays in ../shared; nothing here embeds it.
 */
import { readFileSync } from 'node:fs';
import { ENTITY_TYPES, hashString, labelIndex } from './features';
import { labelsToSpans } from './tagger';
import { endsSentence } from './tokenize';
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

/**
 * Files without document boundaries (CoNLL-2002, WikiANN, WikiNEuRal, ner-uk, People's Daily)
 * are read as documents of this many consecutive sentences. The tagger's article features
 * (what a word was tagged earlier, whether it occurs in lower case) then see at training time
 * what they see in the pipeline, which tags whole articles; and held-out documents are runs of
 * consecutive text, as articles are.
 */
export const SENTENCES_PER_DOCUMENT = 10;

export function isHeldOut(documentId: string): boolean {
  return hashString(documentId) % HELD_OUT_ONE_IN === 0;
}

/**
 * Sentences grouped into documents: consecutive equal `doc`, or the sentences between two
 * `-DOCSTART-` lines (CoNLL-2003 German keeps those), or SENTENCES_PER_DOCUMENT consecutive
 * sentences in files that mark no documents.
 */
export function readNerJsonl(path: string, part: SplitPart = 'all'): TrainingDocument[] {
  const documents: Array<{ id: string; sentences: TrainingDocument }> = [];
  let lastDoc: number | undefined;
  let marked = false;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const sentence = JSON.parse(line) as JsonlSentence;
    if (sentence.tokens.length === 1 && sentence.tokens[0] === '-DOCSTART-') {
      documents.push({ id: sentence.id, sentences: [] });
      marked = true;
      continue;
    }
    const labels = Int32Array.from(sentence.tags, (tag) => {
      const index = labelIndex.get(tag);
      if (index === undefined) throw new Error(`${sentence.id}: unknown tag ${tag}`);
      return index;
    });
    if (sentence.doc !== undefined) marked = true;
    const pieces = pipelineSentences(sentence.tokens, labels);
    const current = documents[documents.length - 1];
    const continues =
      current !== undefined &&
      (sentence.doc !== undefined ? sentence.doc === lastDoc : marked || current.sentences.length < SENTENCES_PER_DOCUMENT);
    if (continues) current.sentences.push(...pieces);
    else documents.push({ id: sentence.id, sentences: pieces });
    lastDoc = sentence.doc;
  }
  return documents
    .filter((document) => document.sentences.length > 0 && (part === 'all' || isHeldOut(document.id) === (part === 'heldout')))
    .map((document) => document.sentences);
}

/**
 * A line of the data set as the pipeline's sentence splitter (tokenize.ts endsSentence) would
 * cut it: several data sets (ner-uk, WikiNEuRal) keep a few sentences on one line, and a tagger
 * trained on those lines never sees the sentence-start features where the pipeline fires them.
 * No cut inside an entity.
 */
function pipelineSentences(tokens: string[], labels: Int32Array): Array<{ tokens: string[]; labels: Int32Array }> {
  const pieces: Array<{ tokens: string[]; labels: Int32Array }> = [];
  let start = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const next = labels[i + 1]!;
    const insideEntity = next > 0 && (next - 1) % 2 === 1;
    if (!insideEntity && endsSentence(tokens[i - 1], tokens[i]!, tokens[i + 1]!)) {
      pieces.push({ tokens: tokens.slice(start, i + 1), labels: labels.slice(start, i + 1) });
      start = i + 1;
    }
  }
  pieces.push({ tokens: tokens.slice(start), labels: labels.slice(start) });
  return pieces;
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
