import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One labelled text of ../shared/datasets/langid-dev (see its README for every field). */
export interface LangidCase {
  id: string;
  lang: string;
  text: string;
  script: string;
  length: '<60' | '60-199' | '200-500' | '501-999' | '1000-1999' | '2000+';
  unit: string;
}

export type Bucket = 'short' | 'medium' | 'long';
export const BUCKETS: readonly Bucket[] = ['short', 'medium', 'long'];
export const BUCKET_LABELS: Readonly<Record<Bucket, string>> = { short: '<60', medium: '60-500', long: '>500' };

export function bucketOf(band: LangidCase['length']): Bucket {
  if (band === '<60') return 'short';
  if (band === '60-199' || band === '200-500') return 'medium';
  return 'long';
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function sharedDir(env: Record<string, string | undefined>): string {
  return env.NEWSFLOW_SHARED_DIR || path.resolve(repoRoot, '..', 'shared');
}

export function loadLangidCases(env: Record<string, string | undefined>): LangidCase[] {
  const file = path.join(sharedDir(env), 'datasets', 'langid-dev', 'cases.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LangidCase);
}

/** Accuracy counters per language and length bucket. */
export class AccuracyTable {
  private readonly counts = new Map<string, Record<Bucket, { right: number; total: number; und: number }>>();

  add(lang: string, bucket: Bucket, predicted: string): void {
    let entry = this.counts.get(lang);
    if (!entry) {
      entry = { short: { right: 0, total: 0, und: 0 }, medium: { right: 0, total: 0, und: 0 }, long: { right: 0, total: 0, und: 0 } };
      this.counts.set(lang, entry);
    }
    const cell = entry[bucket];
    cell.total++;
    if (predicted === lang) cell.right++;
    if (predicted === 'und') cell.und++;
  }

  languages(): string[] {
    return [...this.counts.keys()].sort();
  }

  accuracy(lang: string, bucket: Bucket): number {
    const cell = this.counts.get(lang)?.[bucket];
    return cell && cell.total ? cell.right / cell.total : Number.NaN;
  }

  undRate(lang: string): number {
    const entry = this.counts.get(lang);
    if (!entry) return Number.NaN;
    const cells = BUCKETS.map((bucket) => entry[bucket]);
    return cells.reduce((sum, cell) => sum + cell.und, 0) / cells.reduce((sum, cell) => sum + cell.total, 0);
  }

  /** Mean over languages of each language's accuracy in the bucket (every language weighs the same). */
  macro(bucket: Bucket, languages: readonly string[] = this.languages()): number {
    const values = languages.map((lang) => this.accuracy(lang, bucket)).filter((value) => !Number.isNaN(value));
    return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
  }

  macroUnd(languages: readonly string[] = this.languages()): number {
    const values = languages.map((lang) => this.undRate(lang)).filter((value) => !Number.isNaN(value));
    return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
  }
}

export const percent = (value: number, digits = 1): string => (Number.isNaN(value) ? '–' : `${(value * 100).toFixed(digits)}%`);

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
