/**
 * Cross-language entity identity on ../shared/datasets/parallel-dev (see scripts/lib/identity-eval.ts):
 * per-language recall and precision of the English row's entity ids in each translation, macro
 * averages over the 25 translations, and one closing line of JSON with every figure.
 * `--misses N` also prints each language's N most frequent missed and extra ids.
 */
import { aliasIndex } from '../services/enricher/src/entities/aliases';
import { clearIdentityCaches, identify } from '../services/enricher/src/entities/identity';
import { loadEntityExtractor } from '../services/enricher/src/entities/index';
import { evaluateIdentity, loadParallelRows } from './lib/identity-eval';

// Loading: the alias table and country names are indexed on first use; timed here, first thing.
// CPU time, which waiting for a core on a shared machine does not inflate.
const loadStarted = process.cpuUsage();
aliasIndex();
const loadUsage = process.cpuUsage(loadStarted);
const loadMs = (loadUsage.user + loadUsage.system) / 1000;

const missesArg = process.argv.indexOf('--misses');
const showMisses = missesArg >= 0 ? Number(process.argv[missesArg + 1] ?? 10) : 0;

const rows = loadParallelRows(process.env);
const extractor = loadEntityExtractor();
const started = performance.now();
const result = evaluateIdentity(rows, extractor);
const seconds = (performance.now() - started) / 1000;

// Cost of identify() per 800-word article: the rows of each language joined into such articles,
// their entities' surface forms identified with empty caches (every form new to the caches: the
// upper bound)
// and again with warm caches (forms seen before, as in a running service).
const articles: Array<{ language: string; inputs: Array<Parameters<typeof identify>[0]> }> = [];
for (const language of [...new Set(rows.map((row) => row.lang))]) {
  let text = '';
  let words = 0;
  for (const row of rows.filter((candidate) => candidate.lang === language)) {
    text += `${row.text}\n`;
    words += row.text.split(/\s+/).length;
    if (words < 800) continue;
    const inputs = extractor.extract(text, language).flatMap((entity) =>
      [entity.name, ...(entity.aliases ?? [])].map((name) => ({ type: entity.type, name, language, ...(entity.countryCode ? { countryCode: entity.countryCode, isCountry: true } : {}) })),
    );
    articles.push({ language, inputs });
    text = '';
    words = 0;
  }
}
const identifyCpuMs = (): number => {
  const before = process.cpuUsage();
  for (const article of articles) for (const input of article.inputs) identify(input);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / Math.max(1, articles.length);
};
// One pass first so that lazily loaded code (pinyin-pro's dictionary, any-ascii's tables, the
// JIT) is loaded, as in a service that has run a while; then every cache is emptied.
identifyCpuMs();
clearIdentityCaches();
const coldMs = identifyCpuMs();
const warmMs = identifyCpuMs();

const fixed = (value: number): string => value.toFixed(3);
console.log('lang   E-ids  T-ids  shared  recall  precision   missed: split (type only)  unfound');
for (const score of result.languages) {
  console.log(
    `${score.lang.padEnd(5)} ${String(score.english).padStart(6)} ${String(score.translated).padStart(6)} ${String(score.shared).padStart(7)}   ${fixed(score.recall)}     ${fixed(score.precision)}` +
      `  ${String(score.split).padStart(13)} ${`(${score.typeOnly})`.padStart(11)} ${String(score.unfound).padStart(8)}`,
  );
  if (showMisses > 0) {
    const top = (table: Map<string, Map<string, number>>): string =>
      [...(table.get(score.lang) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, showMisses).map(([id, n]) => `${id}×${n}`).join(' ');
    console.log(`      missed: ${top(result.missed)}`);
    console.log(`      extra:  ${top(result.extra)}`);
  }
}
for (const lang of result.withoutText) console.log(`${lang.padEnd(5)}  no text: every row is a placeholder, not a translation (left out of the averages)`);
console.log(`\nEnglish names outside the alias table that share one id (${result.sharedKeys.length}; right merges and false ones):`);
for (const [id, names] of result.sharedKeys.slice(0, 25)) console.log(`  ${id}: ${names.join(' | ')}`);
console.log(
  `\nmacro recall ${fixed(result.macroRecall)}  macro precision ${fixed(result.macroPrecision)} over ${result.languages.length} translations with text` +
    `  (${rows.length} rows in ${seconds.toFixed(1)} s)`,
);
console.log(
  `identity: alias index loaded in ${loadMs.toFixed(1)} ms CPU; identify() CPU per 800-word article ${coldMs.toFixed(3)} ms with empty caches, ${warmMs.toFixed(3)} ms warm (${articles.length} articles)`,
);
console.log(
  JSON.stringify({
    aliasIndexLoadMs: Number(loadMs.toFixed(1)),
    identifyCpuMsPerArticleCold: Number(coldMs.toFixed(3)),
    identifyCpuMsPerArticleWarm: Number(warmMs.toFixed(3)),
    macroRecall: Number(fixed(result.macroRecall)),
    macroPrecision: Number(fixed(result.macroPrecision)),
    measuredLanguages: result.languages.length,
    withoutText: result.withoutText,
    sharedEnglishKeys: result.sharedKeys.length,
    languages: Object.fromEntries(
      result.languages.map((s) => [
        s.lang,
        { recall: Number(fixed(s.recall)), precision: Number(fixed(s.precision)), english: s.english, translated: s.translated, shared: s.shared, split: s.split, typeOnly: s.typeOnly, unfound: s.unfound },
      ]),
    ),
  }),
);
