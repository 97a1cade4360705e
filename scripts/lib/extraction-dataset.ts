/**
 * The extraction development set (../shared/datasets/extraction-dev) and its scoring, as its
 * README describes: snippet scoring for the main text, plus the suggested metadata scoring.
 * Pages are read from the shared folder at run time and never copied into the repository.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedDir(env: NodeJS.ProcessEnv): string {
  return env.NEWSFLOW_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
}

export interface ExtractionCase {
  id: string;
  file: string;
  url: string | null;
  with: string[];
  without: string[];
}

export interface GoldMetadata {
  id: string;
  title: string | null;
  author: string | null;
  date: string | null;
}

export interface DatasetPage {
  case: ExtractionCase;
  gold: GoldMetadata | undefined;
  bytes: Buffer;
}

export function loadDataset(env: NodeJS.ProcessEnv, limit = Infinity): DatasetPage[] {
  const dir = path.join(sharedDir(env), 'datasets', 'extraction-dev');
  const cases = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as ExtractionCase[];
  const metadata = JSON.parse(readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as GoldMetadata[];
  const goldById = new Map(metadata.map((m) => [m.id, m]));
  return cases.slice(0, limit).map((c) => ({ case: c, gold: goldById.get(c.id), bytes: gunzipSync(readFileSync(path.join(dir, c.file))) }));
}

/** Whitespace (including U+00A0 and other Unicode spaces) collapsed to one space, trimmed. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

export interface SnippetCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export function emptyCounts(): SnippetCounts {
  return { tp: 0, fp: 0, fn: 0, tn: 0 };
}

/** Scores one page; `output` null means the extractor failed (every `with` is a miss, no `without` hit). */
export function scoreSnippets(testCase: ExtractionCase, output: string | null, into: SnippetCounts): SnippetCounts {
  const text = output ? normalizeWhitespace(output) : '';
  const page = emptyCounts();
  for (const snippet of testCase.with) {
    if (text && text.includes(normalizeWhitespace(snippet))) page.tp++;
    else page.fn++;
  }
  for (const snippet of testCase.without) {
    if (text && text.includes(normalizeWhitespace(snippet))) page.fp++;
    else page.tn++;
  }
  into.tp += page.tp;
  into.fp += page.fp;
  into.fn += page.fn;
  into.tn += page.tn;
  return page;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

export function snippetMetrics(c: SnippetCounts): { precision: number; recall: number; f1: number; accuracy: number } {
  return {
    precision: ratio(c.tp, c.tp + c.fp),
    recall: ratio(c.tp, c.tp + c.fn),
    f1: ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn),
    accuracy: ratio(c.tp + c.tn, c.tp + c.fp + c.fn + c.tn),
  };
}

// ---- metadata scoring (README "Suggested scoring") ----

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function normalizeTitle(title: string): string {
  return normalizeWhitespace(decodeEntities(title.normalize('NFKC'))).toLowerCase();
}

function tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Per-page token F1 (bag of tokens). */
export function tokenF1(predicted: string, gold: string): number {
  const p = tokens(predicted);
  const g = tokens(gold);
  if (!p.length || !g.length) return 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of p) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      overlap++;
      counts.set(t, n - 1);
    }
  }
  return ratio(2 * overlap, p.length + g.length);
}

/** YYYY-MM-DD that names a real day. */
export function isCalendarDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/** Splits author strings into a normalised name set, as the README suggests. */
export function authorSet(values: string[]): Set<string> {
  const names = new Set<string>();
  for (const value of values) {
    for (const part of value.normalize('NFKC').split(/;|,|&|\/|\bund\b|\band\b/iu)) {
      const name = normalizeWhitespace(part)
        .replace(/^(?:von|by)\s+/iu, '')
        .replace(/,?\s*(?:PhD|Ph\.D\.|Dr\.)$/iu, '')
        .toLowerCase()
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
        .trim();
      if (name) names.add(name);
    }
  }
  return names;
}

export function setF1(predicted: Set<string>, gold: Set<string>): number {
  if (!predicted.size || !gold.size) return 0;
  let overlap = 0;
  for (const name of predicted) if (gold.has(name)) overlap++;
  return ratio(2 * overlap, predicted.size + gold.size);
}

export interface MetadataPrediction {
  title: string;
  authors: string[];
  publishedAt?: string | undefined;
}

export class MetadataScore {
  titlePages = 0;
  titleExact = 0;
  titleTokenF1 = 0;
  datePages = 0;
  dateCorrect = 0;
  datePredicted = 0;
  datePredictedOnGold = 0;
  authorPages = 0;
  authorExact = 0;
  authorF1 = 0;
  /** Per-page misses, for debugging (id, field, predicted, gold). */
  readonly misses: { id: string; field: 'title' | 'date' | 'author'; predicted: string; gold: string }[] = [];

  add(gold: GoldMetadata | undefined, predicted: MetadataPrediction | null): void {
    if (!gold) return;
    if (gold.title !== null) {
      this.titlePages++;
      const p = predicted ? normalizeTitle(predicted.title) : '';
      const g = normalizeTitle(gold.title);
      if (p && p === g) this.titleExact++;
      else this.misses.push({ id: gold.id, field: 'title', predicted: predicted?.title ?? '', gold: gold.title });
      this.titleTokenF1 += predicted ? tokenF1(predicted.title, gold.title) : 0;
    }
    // Malformed gold dates are skipped rather than scored by hand: the two the README names
    // ("2022-11-1", "2022-01.26") and two with day and month swapped ("2022-29-11", "2022-25-10").
    if (gold.date !== null && isCalendarDay(gold.date)) {
      this.datePages++;
      const day = predicted?.publishedAt?.slice(0, 10);
      if (day) this.datePredictedOnGold++;
      if (day === gold.date) this.dateCorrect++;
      else this.misses.push({ id: gold.id, field: 'date', predicted: predicted?.publishedAt ?? '', gold: gold.date });
    }
    if (gold.author !== null) {
      this.authorPages++;
      const p = authorSet(predicted?.authors ?? []);
      const g = authorSet([gold.author]);
      const f1 = setF1(p, g);
      this.authorF1 += f1;
      if (p.size === g.size && f1 === 1) this.authorExact++;
      else this.misses.push({ id: gold.id, field: 'author', predicted: (predicted?.authors ?? []).join('; '), gold: gold.author });
    }
  }

  figures() {
    return {
      titleExact: ratio(this.titleExact, this.titlePages),
      titleTokenF1: ratio(this.titleTokenF1, this.titlePages),
      titlePages: this.titlePages,
      dateExactDay: ratio(this.dateCorrect, this.datePages),
      dateCoverage: ratio(this.datePredictedOnGold, this.datePages),
      datePrecision: ratio(this.dateCorrect, this.datePredictedOnGold),
      datePages: this.datePages,
      authorExact: ratio(this.authorExact, this.authorPages),
      authorF1: ratio(this.authorF1, this.authorPages),
      authorPages: this.authorPages,
    };
  }
}

/** A plain-text table: first row is the header. */
export function formatTable(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? (Number.isInteger(c) ? String(c) : c.toFixed(3)) : c)));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
