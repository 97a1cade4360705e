/**
 * Cross-language entity identity on ../shared/datasets/parallel-dev (see scripts/lib/identity-eval.ts):
 * per-language recall and precision of the English row's entity ids in each translation, macro
 * averages over the 25 translations, and one closing line of JSON with every figure.
 * `--misses N` also prints each language's N most frequent missed and extra ids.
 */
import { loadEntityExtractor } from '../services/enricher/src/entities/index';
import { evaluateIdentity, loadParallelRows } from './lib/identity-eval';

const missesArg = process.argv.indexOf('--misses');
const showMisses = missesArg >= 0 ? Number(process.argv[missesArg + 1] ?? 10) : 0;

const rows = loadParallelRows(process.env);
const extractor = loadEntityExtractor();
const started = performance.now();
const result = evaluateIdentity(rows, extractor);
const seconds = (performance.now() - started) / 1000;

const fixed = (value: number): string => value.toFixed(3);
console.log('lang   E-ids  T-ids  shared  recall  precision');
for (const score of result.languages) {
  console.log(
    `${score.lang.padEnd(5)} ${String(score.english).padStart(6)} ${String(score.translated).padStart(6)} ${String(score.shared).padStart(7)}   ${fixed(score.recall)}     ${fixed(score.precision)}`,
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
  JSON.stringify({
    macroRecall: Number(fixed(result.macroRecall)),
    macroPrecision: Number(fixed(result.macroPrecision)),
    measuredLanguages: result.languages.length,
    withoutText: result.withoutText,
    sharedEnglishKeys: result.sharedKeys.length,
    languages: Object.fromEntries(result.languages.map((s) => [s.lang, { recall: Number(fixed(s.recall)), precision: Number(fixed(s.precision)), english: s.english, translated: s.translated, shared: s.shared }])),
  }),
);
