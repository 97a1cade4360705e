/**
 * Scores the langdetect stage's detector on ../shared/datasets/langid-dev (see its README):
 * macro accuracy per length bucket over the supported languages (`und` counts as wrong), per
 * language, the most frequent confusions, what happens to languages outside the supported list,
 * and throughput on 2,000-character samples. franc's default answer is shown for reference.
 * CI gate: macro accuracy ≥ 95% on 60–500-character texts (and the other accuracy targets).
 *
 *   npm run eval:langid -- [--languages] [--confusions N] [--no-baseline]
 */
import { performance } from 'node:perf_hooks';
import { franc } from 'franc';
import { createLanguageDetector } from '../services/langdetect/src/detect';
import { loadConfig } from '../services/langdetect/src/config';
import { fromFrancCode } from '../services/langdetect/src/languages';
import { AccuracyTable, BUCKETS, BUCKET_LABELS, bucketOf, formatTable, loadLangidCases, percent } from './lib/langid-dataset';

const TARGETS = { short: 0.88, medium: 0.95, long: 0.98 } as const;
/** The CI gate named in the issue; the other two targets are gated too because accuracy is deterministic. */
const GATED: readonly (keyof typeof TARGETS)[] = ['short', 'medium', 'long'];
const THROUGHPUT_TARGET = 1_000;

const args = process.argv.slice(2);
const showLanguages = args.includes('--languages');
const confusionCount = Number(args[args.indexOf('--confusions') + 1] ?? 25) || 25;
const withBaseline = !args.includes('--no-baseline');

const config = loadConfig(process.env);
const detector = createLanguageDetector({ languages: config.NEWSFLOW_LANGUAGES, sampleLength: config.NEWSFLOW_LANGID_SAMPLE_CHARS });
const cases = loadLangidCases(process.env);

const ours = new AccuracyTable();
const baseline = new AccuracyTable();
const confusions = new Map<string, number>();
const forcedOnto = new Map<string, number>();
const confidenceBins = [
  { label: '≥ 0.8', min: 0.8, max: 1.01, right: 0, total: 0 },
  { label: '0.5–0.8', min: 0.5, max: 0.8, right: 0, total: 0 },
  { label: '< 0.5', min: -1, max: 0.5, right: 0, total: 0 },
];
const started = performance.now();
for (const item of cases) {
  const bucket = bucketOf(item.length);
  const answer = detector.detect(item.text);
  ours.add(item.lang, bucket, answer.code);
  if (withBaseline) baseline.add(item.lang, bucket, fromFrancCode(franc(item.text)));
  if (detector.languages.has(item.lang)) {
    if (answer.code !== item.lang) confusions.set(`${item.lang} → ${answer.code}`, (confusions.get(`${item.lang} → ${answer.code}`) ?? 0) + 1);
    if (answer.code !== 'und') {
      const bin = confidenceBins.find((candidate) => answer.confidence >= candidate.min && answer.confidence < candidate.max)!;
      bin.total++;
      if (answer.code === item.lang) bin.right++;
    }
  } else if (answer.code !== 'und') {
    forcedOnto.set(`${item.lang} → ${answer.code}`, (forcedOnto.get(`${item.lang} → ${answer.code}`) ?? 0) + 1);
  }
}
const evalSeconds = (performance.now() - started) / 1000;

const supported = ours.languages().filter((lang) => detector.languages.has(lang));
const unsupported = ours.languages().filter((lang) => !detector.languages.has(lang));
const missingFromSet = [...detector.languages].filter((lang) => !ours.languages().includes(lang));

console.log(`langid-dev: ${cases.length} texts, ${ours.languages().length} languages; ${supported.length} supported languages in the set` +
  (missingFromSet.length ? ` (not in the set: ${missingFromSet.join(' ')})` : ''));
console.log();
console.log(formatTable(
  ['bucket', 'newsflow', 'target', '', ...(withBaseline ? ['franc default'] : [])],
  BUCKETS.map((bucket) => [
    BUCKET_LABELS[bucket],
    percent(ours.macro(bucket, supported)),
    `≥ ${percent(TARGETS[bucket], 0)}`,
    ours.macro(bucket, supported) >= TARGETS[bucket] ? 'ok' : 'BELOW',
    ...(withBaseline ? [percent(baseline.macro(bucket, supported))] : []),
  ]),
));
console.log();
console.log(`und rate, supported languages: ${percent(ours.macroUnd(supported), 2)} · unsupported languages (${unsupported.length}): ` +
  `${percent(ours.macroUnd(unsupported))} answered und, the rest forced onto a supported language`);

const perLanguage = supported
  .map((lang) => ({ lang, values: BUCKETS.map((bucket) => ours.accuracy(lang, bucket)), und: ours.undRate(lang) }))
  .sort((a, b) => a.values.reduce((s, v) => s + v, 0) - b.values.reduce((s, v) => s + v, 0));
console.log();
console.log(showLanguages ? 'Per language (supported), worst first:' : 'Per language (supported), 15 worst (--languages for all):');
console.log(formatTable(
  ['lang', ...BUCKETS.map((bucket) => BUCKET_LABELS[bucket]), 'und'],
  (showLanguages ? perLanguage : perLanguage.slice(0, 15)).map((row) => [row.lang, ...row.values.map((value) => percent(value, 0)), percent(row.und, 0)]),
));

console.log();
console.log(`Confusions over supported languages (gold → answer), top ${confusionCount}:`);
console.log([...confusions].sort((a, b) => b[1] - a[1]).slice(0, confusionCount).map(([pair, count]) => `${pair} ×${count}`).join(' · ') || '(none)');
console.log();
console.log('Unsupported languages forced onto a supported one (gold → answer), top 15:');
console.log([...forcedOnto].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([pair, count]) => `${pair} ×${count}`).join(' · ') || '(none)');
console.log();
console.log('Confidence vs. accuracy (answers other than und, supported languages):');
console.log(formatTable(['confidence', 'answers', 'accuracy'], confidenceBins.map((bin) => [bin.label, String(bin.total), percent(bin.right / bin.total)])));

// Throughput: 2,000-character samples (long texts of supported languages, cut to 2,000), one core.
const samples = cases.filter((item) => item.length === '2000+' && detector.languages.has(item.lang)).map((item) => item.text.slice(0, 2_000));
for (const sample of samples.slice(0, 200)) detector.detect(sample); // warm-up
// Per CPU-second of this thread, so that other work on a shared machine does not count against
// it; wall-clock rate shown beside it.
let detected = 0;
const wallStarted = performance.now();
const cpuStarted = process.cpuUsage();
while (performance.now() - wallStarted < 3_000) {
  for (const sample of samples) detector.detect(sample);
  detected += samples.length;
}
const cpu = process.cpuUsage(cpuStarted);
const perSecond = detected / ((cpu.user + cpu.system) / 1e6);
const perWallSecond = detected / ((performance.now() - wallStarted) / 1000);
console.log();
console.log(`Throughput on 2,000-character samples (${samples.length} texts, one thread): ${Math.round(perSecond)} articles per CPU-second ` +
  `(${Math.round(perWallSecond)}/s wall clock); target ≥ ${THROUGHPUT_TARGET}/s — ${perSecond >= THROUGHPUT_TARGET ? 'ok' : 'BELOW'} (reported, not gated: shared CI cores are noisy)`);
console.log(`Whole eval: ${evalSeconds.toFixed(1)} s for ${cases.length} texts${withBaseline ? ' (with the franc baseline)' : ''}`);

const failed = GATED.filter((bucket) => !(ours.macro(bucket, supported) >= TARGETS[bucket]));
if (failed.length) console.error(`\nFAIL: macro accuracy below target for ${failed.map((bucket) => BUCKET_LABELS[bucket]).join(', ')}`);
const round = (value: number) => Math.round(value * 10_000) / 10_000;
console.log(JSON.stringify({
  short: round(ours.macro('short', supported)),
  medium: round(ours.macro('medium', supported)),
  long: round(ours.macro('long', supported)),
  und_rate_supported: round(ours.macroUnd(supported)),
  und_rate_unsupported: round(ours.macroUnd(unsupported)),
  ...(withBaseline ? { franc_short: round(baseline.macro('short', supported)), franc_medium: round(baseline.macro('medium', supported)), franc_long: round(baseline.macro('long', supported)) } : {}),
  throughput_per_cpu_s: Math.round(perSecond),
  throughput_wall_per_s: Math.round(perWallSecond),
  supported_languages: supported.length,
}));
process.exitCode = failed.length ? 1 : 0;
