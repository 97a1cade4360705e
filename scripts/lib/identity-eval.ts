/**
 * Cross-language identity evaluation on ../shared/datasets/parallel-dev (FLORES-200 articles in
 * 26 languages, professional translations of one English original). For each article, E = the
 * entity ids extracted from the English row and T = those of a translation; per language
 * recall = Σ|E∩T| / Σ|E| and precision = Σ|E∩T| / Σ|T|. A miss mixes two causes — the tagger
 * did not find the name, or found it and identity gave it another id — so the per-language
 * figures are read together with `mentions` (how many entities the translation yielded at all).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityExtractor } from '../../services/enricher/src/entities/index';
import { sharedDir } from './langid-dataset';

export interface ParallelRow {
  article: string;
  lang: string;
  domain: string;
  topic: string;
  source: string;
  text: string;
}

export function loadParallelRows(env: Record<string, string | undefined>): ParallelRow[] {
  const file = path.join(sharedDir(env), 'datasets', 'parallel-dev', 'flores200-articles.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as ParallelRow);
}

export interface LanguageScore {
  lang: string;
  /** Σ|E| over articles (English ids), Σ|T| (translation ids), Σ|E∩T|. */
  english: number;
  translated: number;
  shared: number;
  recall: number;
  precision: number;
}

export interface IdentityEvaluation {
  languages: LanguageScore[];
  macroRecall: number;
  macroPrecision: number;
  /** Ids of English entities missed most often per language (for reading misses, not for scoring). */
  missed: Map<string, Map<string, number>>;
  /** Ids found in translations but not in English. */
  extra: Map<string, Map<string, number>>;
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 1 : numerator / denominator);

export function evaluateIdentity(rows: readonly ParallelRow[], extractor: EntityExtractor): IdentityEvaluation {
  const idsOf = new Map<string, Map<string, Set<string>>>(); // article → lang → ids
  for (const row of rows) {
    let byLang = idsOf.get(row.article);
    if (!byLang) idsOf.set(row.article, (byLang = new Map()));
    byLang.set(row.lang, new Set(extractor.extract(row.text, row.lang).map((entity) => entity.id)));
  }
  const languages = [...new Set(rows.map((row) => row.lang))].filter((lang) => lang !== 'eng').sort();
  const missed = new Map<string, Map<string, number>>();
  const extra = new Map<string, Map<string, number>>();
  const bump = (table: Map<string, Map<string, number>>, lang: string, id: string): void => {
    let counts = table.get(lang);
    if (!counts) table.set(lang, (counts = new Map()));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  const scores: LanguageScore[] = languages.map((lang) => {
    let english = 0;
    let translated = 0;
    let shared = 0;
    for (const byLang of idsOf.values()) {
      const source = byLang.get('eng');
      const target = byLang.get(lang);
      if (!source || !target) continue;
      english += source.size;
      translated += target.size;
      for (const id of source) if (target.has(id)) shared++;
      else bump(missed, lang, id);
      for (const id of target) if (!source.has(id)) bump(extra, lang, id);
    }
    return { lang, english, translated, shared, recall: ratio(shared, english), precision: ratio(shared, translated) };
  });
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return {
    languages: scores,
    macroRecall: mean(scores.map((score) => score.recall)),
    macroPrecision: mean(scores.map((score) => score.precision)),
    missed,
    extra,
  };
}
