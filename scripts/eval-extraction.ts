/**
 * Scores the cleaner's extractor on ../shared/datasets/extraction-dev (see its README): snippet
 * P/R/F1/accuracy (micro-averaged), and title/date/author metadata. CI gate: F1 ≥ 0.90.
 *
 *   npm run eval:extraction -- [--limit N] [--misses text|title|date|author] [--show <id>]
 */
import { performance } from 'node:perf_hooks';
import { extractArticle, type ExtractResult } from '../services/cleaner/src/extract/index';
import { decodePage } from '../services/cleaner/src/decode';
import { MetadataScore, emptyCounts, isCalendarDay, formatTable, loadDataset, round, scoreSnippets, snippetMetrics } from './lib/extraction-dataset';

const F1_GATE = 0.9;
/** The extractor's order of trust for publication dates (services/cleaner/src/extract/index.ts). */
const DATE_SOURCE_ORDER = ['json-ld', 'meta', 'json-ld-page', 'vendor-meta', 'time-element', 'time-text', 'url', 'labelled-text', 'headline-text', 'title', 'visible-text', 'content-date', 'dateline', 'revision'];

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const limit = Number(argValue('--limit') ?? Infinity);
const showMisses = argValue('--misses');
const showId = argValue('--show');
const pages = loadDataset(process.env, limit);

const asExtracted = emptyCounts();
const asDelivered = emptyCounts();
const metadata = new MetadataScore();
const textMisses: { id: string; missed: string[]; leaked: string[] }[] = [];
/** Per date source: dates given on pages with a gold date, and how many were the right day. */
const dateSources = new Map<string, { given: number; right: number }>();
let crashes = 0;
let notArticle = 0;
let slowest = { id: '', ms: 0 };
const times: number[] = [];

for (const page of pages) {
  const html = decodePage(page.bytes).text;
  let result: ExtractResult | null = null;
  const started = performance.now();
  try {
    result = extractArticle({ html, url: page.case.url ?? '' });
  } catch (error) {
    crashes++;
    console.error(`crash on ${page.case.id}:`, error);
  }
  const ms = performance.now() - started;
  times.push(ms);
  if (ms > slowest.ms) slowest = { id: page.case.id, ms };
  const body = result?.article.body ?? null;
  const scored = scoreSnippets(page.case, body, asExtracted);
  if (result && !result.quality.isArticle) notArticle++;
  scoreSnippets(page.case, result?.quality.isArticle ? body : null, asDelivered);
  metadata.add(page.gold, result ? result.article : null);
  const gold = page.gold?.date;
  if (result?.quality.dateSource && gold && isCalendarDay(gold)) {
    const entry = dateSources.get(result.quality.dateSource) ?? { given: 0, right: 0 };
    entry.given++;
    if (result.article.publishedAt?.slice(0, 10) === gold) entry.right++;
    dateSources.set(result.quality.dateSource, entry);
  }
  if (scored.fn || scored.fp) {
    const text = (body ?? '').replace(/\s+/gu, ' ');
    textMisses.push({
      id: page.case.id,
      missed: page.case.with.filter((s) => !text.includes(s.replace(/\s+/gu, ' ').trim())),
      leaked: page.case.without.filter((s) => text.includes(s.replace(/\s+/gu, ' ').trim())),
    });
  }
  if (showId === page.case.id && result) {
    const { body: shownBody, ...rest } = result.article;
    console.log(JSON.stringify({ ...rest, quality: result.quality }, null, 2));
    console.log(`---- body ----\n${shownBody}\n---- end ----`);
  }
}

if (showMisses === 'text') for (const m of textMisses) console.log(`${m.id}\n  missed: ${JSON.stringify(m.missed)}\n  leaked: ${JSON.stringify(m.leaked)}`);
else if (showMisses) for (const m of metadata.misses.filter((x) => x.field === showMisses)) console.log(`${m.id}\n  got:  ${JSON.stringify(m.predicted)}\n  gold: ${JSON.stringify(m.gold)}`);

const text = snippetMetrics(asExtracted);
const delivered = snippetMetrics(asDelivered);
const meta = metadata.figures();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)] ?? 0;

console.log(`\nExtraction eval on ${pages.length} pages (extraction-dev), extractor: newsflow cleaner\n`);
console.log(
  formatTable([
    ['main text', 'precision', 'recall', 'F1', 'accuracy', 'TP', 'FP', 'FN', 'TN'],
    ['as extracted', text.precision, text.recall, text.f1, text.accuracy, asExtracted.tp, asExtracted.fp, asExtracted.fn, asExtracted.tn],
    ['as delivered (not_article = empty)', delivered.precision, delivered.recall, delivered.f1, delivered.accuracy, asDelivered.tp, asDelivered.fp, asDelivered.fn, asDelivered.tn],
  ]),
);
console.log('');
console.log(
  formatTable([
    ['metadata', 'headline', 'second figure', 'pages'],
    ['title (exact / token F1)', meta.titleExact, meta.titleTokenF1, meta.titlePages],
    ['date (exact day / precision)', meta.dateExactDay, meta.datePrecision, meta.datePages],
    ['date coverage', meta.dateCoverage, '', meta.datePages],
    ['authors (set F1 / exact set)', meta.authorF1, meta.authorExact, meta.authorPages],
  ]),
);
console.log('');
console.log(
  formatTable([
    ['date source (trust order)', 'dates given', 'right day', 'precision'],
    ...[...dateSources]
      .sort((a, b) => DATE_SOURCE_ORDER.indexOf(a[0]) - DATE_SOURCE_ORDER.indexOf(b[0]))
      .map(([source, e]) => [source, e.given, e.right, e.given ? e.right / e.given : 0]),
  ]),
);
console.log(`\ncrashes: ${crashes}, flagged not_article: ${notArticle}, median ${median.toFixed(2)} ms/page, slowest ${slowest.ms.toFixed(1)} ms (${slowest.id})`);
console.log(`targets: F1 ≥ 0.93 (gate ${F1_GATE}), date exact-day ≥ 0.90 at precision ≥ 0.95, title ≥ 0.85, authors F1 ≥ 0.80\n`);

console.log(
  JSON.stringify({
    pages: pages.length,
    f1: round(text.f1),
    precision: round(text.precision),
    recall: round(text.recall),
    accuracy: round(text.accuracy),
    f1Delivered: round(delivered.f1),
    notArticle,
    crashes,
    titleExact: round(meta.titleExact),
    titleTokenF1: round(meta.titleTokenF1),
    dateExactDay: round(meta.dateExactDay),
    datePrecision: round(meta.datePrecision),
    dateCoverage: round(meta.dateCoverage),
    authorF1: round(meta.authorF1),
    authorExact: round(meta.authorExact),
    medianMs: round(median, 2),
  }),
);
if (text.f1 < F1_GATE || crashes > 0) process.exitCode = 1;
