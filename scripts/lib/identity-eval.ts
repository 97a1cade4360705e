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
import type { Entity, EntityExtractor } from '../../services/enricher/src/entities/index';
import { phoneticKey } from '../../services/enricher/src/entities/identity-normalise';
import { toLatin } from '../../services/enricher/src/entities/transliterate';
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
  /**
   * Misses by likely cause: `split` — the translation has an entity under another id whose name
   * shares a word with the English one (identity failed to join them, or the tagger cut the
   * span differently); `unfound` — nothing like it was extracted (the tagger missed it).
   */
  split: number;
  unfound: number;
  /** Of the splits: the same key under another type prefix (the taggers disagreed on the type). */
  typeOnly: number;
}

export interface IdentityEvaluation {
  languages: LanguageScore[];
  /** Macro averages over the translations that have text (see `withoutText`). */
  macroRecall: number;
  macroPrecision: number;
  /** Languages none of whose rows holds a translation (a placeholder such as "zho_Hans.devtest"). */
  withoutText: string[];
  /**
   * Ids outside the alias table that English names with different spellings share: where the
   * phonetic key merged names (rightly, "Kim Jong-un"/"Kim Jong Un", or wrongly). Id → names.
   */
  sharedKeys: Array<[string, string[]]>;
  /** Ids of English entities missed most often per language (for reading misses, not for scoring). */
  missed: Map<string, Map<string, number>>;
  /** Ids found in translations but not in English. */
  extra: Map<string, Map<string, number>>;
}

const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 1 : numerator / denominator);

/** A row with fewer letters than this is no translation (the data set has placeholder rows). */
const MIN_LETTERS = 12;
const hasText = (row: ParallelRow): boolean => (row.text.match(/\p{L}/gu)?.length ?? 0) >= MIN_LETTERS && !/^\S+\.devtest$/.test(row.text.trim());

export function evaluateIdentity(rows: readonly ParallelRow[], extractor: EntityExtractor): IdentityEvaluation {
  const idsOf = new Map<string, Map<string, Set<string>>>(); // article → lang → ids
  const entitiesOf = new Map<string, Map<string, Entity[]>>(); // article → lang → entities
  const englishNames = new Map<string, Set<string>>();
  const usable = new Set<string>();
  for (const row of rows) {
    if (!hasText(row)) continue;
    usable.add(row.lang);
    let byLang = idsOf.get(row.article);
    if (!byLang) idsOf.set(row.article, (byLang = new Map()));
    const entities = extractor.extract(row.text, row.lang);
    byLang.set(row.lang, new Set(entities.map((entity) => entity.id)));
    let entitiesByLang = entitiesOf.get(row.article);
    if (!entitiesByLang) entitiesOf.set(row.article, (entitiesByLang = new Map()));
    entitiesByLang.set(row.lang, entities);
    if (row.lang === 'eng') {
      for (const entity of entities) {
        let names = englishNames.get(entity.id);
        if (!names) englishNames.set(entity.id, (names = new Set()));
        names.add(entity.name);
      }
    }
  }
  const allLanguages = [...new Set(rows.map((row) => row.lang))].filter((lang) => lang !== 'eng').sort();
  const withoutText = allLanguages.filter((lang) => !usable.has(lang));
  const languages = allLanguages.filter((lang) => usable.has(lang));
  // Names that differ beyond case and punctuation but got one id without an alias entry saying so.
  const normalised = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const sharedKeys = [...englishNames]
    .filter(([id, names]) => !/^place:country:/.test(id) && new Set([...names].map(normalised)).size > 1)
    .map(([id, names]) => [id, [...names]] as [string, string[]]);
  const missed = new Map<string, Map<string, number>>();
  const extra = new Map<string, Map<string, number>>();
  const bump = (table: Map<string, Map<string, number>>, lang: string, id: string): void => {
    let counts = table.get(lang);
    if (!counts) table.set(lang, (counts = new Map()));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  };
  // Word keys (4+ letters) of an entity's names, to tell a split identity from a missed name.
  const wordKeysCache = new Map<string, string[]>();
  const wordKeys = (entity: Entity): string[] =>
    [entity.name, ...(entity.aliases ?? [])].flatMap((name) => {
      let keys = wordKeysCache.get(name);
      if (!keys) wordKeysCache.set(name, (keys = phoneticKey(toLatin(name, { isPerson: entity.type === 'person' })).split('-').filter((key) => key.length >= 3)));
      return keys;
    });
  const scores: LanguageScore[] = languages.map((lang) => {
    let english = 0;
    let translated = 0;
    let shared = 0;
    let split = 0;
    let unfound = 0;
    let typeOnly = 0;
    for (const [article, byLang] of idsOf) {
      const source = byLang.get('eng');
      const target = byLang.get(lang);
      if (!source || !target) continue;
      english += source.size;
      translated += target.size;
      const others = (entitiesOf.get(article)?.get(lang) ?? []).filter((entity) => !source.has(entity.id));
      const otherKeys = new Set(others.flatMap(wordKeys));
      for (const entity of entitiesOf.get(article)?.get('eng') ?? []) {
        if (target.has(entity.id)) {
          shared++;
          continue;
        }
        bump(missed, lang, entity.id);
        const key = entity.id.slice(entity.id.indexOf(':') + 1);
        if (others.some((other) => other.id.slice(other.id.indexOf(':') + 1) === key)) typeOnly++;
        if (wordKeys(entity).some((word) => otherKeys.has(word))) split++;
        else unfound++;
      }
      for (const id of target) if (!source.has(id)) bump(extra, lang, id);
    }
    return { lang, english, translated, shared, recall: ratio(shared, english), precision: ratio(shared, translated), split, unfound, typeOnly };
  });
  const mean = (values: number[]): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  return {
    languages: scores,
    macroRecall: mean(scores.map((score) => score.recall)),
    macroPrecision: mean(scores.map((score) => score.precision)),
    withoutText,
    sharedKeys,
    missed,
    extra,
  };
}
