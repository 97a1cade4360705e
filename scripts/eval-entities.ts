/**
 * Entity-tagger evaluation on ../shared/datasets/ner-dev (conlleval rules: exact span + type).
 * Headline: micro P/R/F1 over PER/ORG/LOC on CoNLL-2003 English validation; MISC and the 4-type
 * figure on their own lines; WikiANN German dev as a sanity run; extraction speed on 800-word
 * English articles. Exits 1 when the headline micro F1 is below MIN_MICRO_F1.
 * Chinese: the character tagger on the held-out part of People's Daily (conll.ts isHeldOut), per
 * sentence and through the whole extractor on articles of held-out sentences, and its speed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EntityScorer, readNerJsonl, scoresOf } from '../services/enricher/src/entities/conll';
import { loadFeatureGazetteer } from '../services/enricher/src/entities/gazetteer';
import { loadModelFile } from '../services/enricher/src/entities/model';
import { labelIndex } from '../services/enricher/src/entities/features';
import { tagHanSentences } from '../services/enricher/src/entities/han-tagger';
import { tagDocument } from '../services/enricher/src/entities/tagger';
import { loadEntityExtractor, modelPath } from '../services/enricher/src/entities/index';

const MIN_MICRO_F1 = 0.75;
const HEADLINE_TYPES = ['PER', 'ORG', 'LOC'];
const ALL_TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.NEWSFLOW_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
const dataDir = path.join(sharedDir, 'datasets', 'ner-dev');

function evaluate(file: string, language: string): EntityScorer {
  const model = loadModelFile(modelPath(language));
  const gazetteer = loadFeatureGazetteer(language);
  const scorer = new EntityScorer();
  for (const document of readNerJsonl(path.join(dataDir, file))) {
    const predicted = tagDocument(document.map((s) => s.tokens), model, model.transitions, gazetteer);
    document.forEach((sentence, index) => scorer.add(sentence.labels, predicted[index]!));
  }
  return scorer;
}

const pct = (value: number): string => (value * 100).toFixed(2).padStart(7);
function printTable(title: string, scorer: EntityScorer, types: readonly string[]): void {
  console.log(`\n${title}`);
  console.log('type              gold   pred  correct  precision  recall      F1');
  const row = (name: string, c: { gold: number; predicted: number; correct: number }): void => {
    const s = scoresOf(c);
    console.log(`${name.padEnd(14)} ${String(c.gold).padStart(7)} ${String(c.predicted).padStart(6)} ${String(c.correct).padStart(8)}    ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}`);
  };
  for (const type of types) row(type, scorer.counts.get(type)!);
  row('micro P/O/L', scorer.micro(HEADLINE_TYPES));
  if (types.includes('MISC')) row('micro 4 types', scorer.micro(ALL_TYPES));
}

const english = evaluate('conll2003-en.valid.jsonl', 'eng');
printTable('CoNLL-2003 English validation (eng.testa)', english, ALL_TYPES);
const german = evaluate('wikiann-de.dev.jsonl', 'deu');
printTable('WikiANN German dev (sanity run)', german, HEADLINE_TYPES);

// Speed: whole extract() (tokenising, tagging, resolving) on 800-word articles built from the
// validation documents' sentences (one sentence a line). Best of several rounds, because the
// machine is shared: the least-disturbed round is the closest to the code's own cost. The
// headline figure is CPU time (one thread does the work), which waiting for a core does not inflate.
const extractor = loadEntityExtractor();
const articles: string[] = [];
let lines: string[] = [];
let wordCount = 0;
for (const document of readNerJsonl(path.join(dataDir, 'conll2003-en.valid.jsonl'))) {
  for (const sentence of document) {
    lines.push(sentence.tokens.join(' '));
    wordCount += sentence.tokens.filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
    if (wordCount >= 800) {
      articles.push(lines.join('\n'));
      lines = [];
      wordCount = 0;
    }
  }
}
for (const article of articles) extractor.extract(article, 'eng'); // warm-up (JIT)
const ROUNDS = 5;
let bestMs = Infinity;
let bestCpuMs = Infinity;
let entities = 0;
for (let round = 0; round < ROUNDS; round++) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  entities = 0;
  for (const article of articles) entities += extractor.extract(article, 'eng').length;
  const cpu = process.cpuUsage(cpuBefore);
  bestMs = Math.min(bestMs, (performance.now() - started) / articles.length);
  bestCpuMs = Math.min(bestCpuMs, (cpu.user + cpu.system) / 1000 / articles.length);
}
console.log(`\nspeed: ${articles.length} articles of 800 words, best of ${ROUNDS} rounds: ${bestMs.toFixed(3)} ms/article wall, ${bestCpuMs.toFixed(3)} ms/article CPU; ${entities} entities`);

// Chinese. The file has no article boundaries, so each sentence is its own document and
// isHeldOut keeps one sentence in ten; "articles" are runs of ARTICLE_SENTENCES consecutive
// held-out sentences, one a line, characters joined without spaces as Chinese is written.
const ARTICLE_SENTENCES = 10;
const zhSentences = readNerJsonl(path.join(dataDir, 'peoplesdaily-zh.train.jsonl'), 'heldout').flat();
const zhModel = loadModelFile(modelPath('cmn'));
const zhTagger = new EntityScorer();
const zhTagged = tagHanSentences(zhSentences.map((s) => s.tokens), zhModel, loadFeatureGazetteer('cmn'));
zhSentences.forEach((sentence, index) => zhTagger.add(sentence.labels, zhTagged[index]!));
printTable(`People's Daily held-out part, character tagger (${zhSentences.length} sentences)`, zhTagger, HEADLINE_TYPES);

const zhArticle = new EntityScorer();
for (let first = 0; first < zhSentences.length; first += ARTICLE_SENTENCES) {
  const group = zhSentences.slice(first, first + ARTICLE_SENTENCES);
  // UTF-16 offset of every token start, and which sentence and token it is.
  const tokenAt = new Map<number, { sentence: number; token: number }>();
  const tokenEnds = new Map<number, { sentence: number; token: number }>();
  let offset = 0;
  group.forEach((sentence, s) => {
    sentence.tokens.forEach((token, t) => {
      tokenAt.set(offset, { sentence: s, token: t });
      offset += token.length;
      tokenEnds.set(offset, { sentence: s, token: t });
    });
    offset += 1; // the '\n'
  });
  const text = group.map((sentence) => sentence.tokens.join('')).join('\n');
  const predicted = group.map((sentence) => new Int32Array(sentence.tokens.length));
  for (const mention of extractor.mentions(text, 'cmn')) {
    const from = tokenAt.get(mention.start);
    const to = tokenEnds.get(mention.end);
    const labels = from && to && from.sentence === to.sentence ? predicted[from.sentence]! : undefined;
    if (!from || !to || !labels || labels.subarray(from.token, to.token + 1).some((label) => label !== 0)) {
      // Not on token boundaries, across a line or overlapping another mention: wrong by definition.
      zhArticle.counts.get(mention.type)!.predicted++;
      continue;
    }
    labels.fill(labelIndex.get(`I-${mention.type}`)!, from.token, to.token + 1);
    labels[from.token] = labelIndex.get(`B-${mention.type}`)!;
  }
  group.forEach((sentence, s) => zhArticle.add(sentence.labels, predicted[s]!));
}
printTable(`People's Daily held-out part, whole extractor on ${Math.ceil(zhSentences.length / ARTICLE_SENTENCES)} articles of ${ARTICLE_SENTENCES} sentences`, zhArticle, HEADLINE_TYPES);

// Speed on ~1,500-character Chinese articles of held-out sentences, measured like English's.
const zhArticles: string[] = [];
let zhLines: string[] = [];
let zhChars = 0;
for (const sentence of zhSentences) {
  zhLines.push(sentence.tokens.join(''));
  zhChars += sentence.tokens.length;
  if (zhChars >= 1500) {
    zhArticles.push(zhLines.join('\n'));
    zhLines = [];
    zhChars = 0;
  }
}
for (const article of zhArticles) extractor.extract(article, 'cmn'); // warm-up (JIT)
let zhBestMs = Infinity;
let zhBestCpuMs = Infinity;
let zhEntities = 0;
for (let round = 0; round < ROUNDS; round++) {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  zhEntities = 0;
  for (const article of zhArticles) zhEntities += extractor.extract(article, 'cmn').length;
  const cpu = process.cpuUsage(cpuBefore);
  zhBestMs = Math.min(zhBestMs, (performance.now() - started) / zhArticles.length);
  zhBestCpuMs = Math.min(zhBestCpuMs, (cpu.user + cpu.system) / 1000 / zhArticles.length);
}
const zhMeanChars = zhArticles.reduce((sum, article) => sum + article.length, 0) / zhArticles.length;
console.log(`\nspeed (Chinese): ${zhArticles.length} articles of ~${Math.round(zhMeanChars)} characters, best of ${ROUNDS} rounds: ${zhBestMs.toFixed(3)} ms/article wall, ${zhBestCpuMs.toFixed(3)} ms/article CPU; ${zhEntities} entities`);

const headline = english.micro(HEADLINE_TYPES);
const chinese = zhArticle.micro(HEADLINE_TYPES);
const chineseTagger = zhTagger.micro(HEADLINE_TYPES);
const round = (value: number): number => Math.round(value * 10000) / 10000;
const passed = headline.f1 >= MIN_MICRO_F1;
if (!passed) console.log(`FAIL: micro F1 (PER/ORG/LOC) ${headline.f1.toFixed(4)} < ${MIN_MICRO_F1}`);
console.log(
  JSON.stringify({
    f1: round(headline.f1),
    precision: round(headline.precision),
    recall: round(headline.recall),
    f1_per: round(scoresOf(english.counts.get('PER')!).f1),
    f1_org: round(scoresOf(english.counts.get('ORG')!).f1),
    f1_loc: round(scoresOf(english.counts.get('LOC')!).f1),
    f1_misc: round(scoresOf(english.counts.get('MISC')!).f1),
    f1_4types: round(english.micro(ALL_TYPES).f1),
    f1_de: round(german.micro(HEADLINE_TYPES).f1),
    ms_per_article: Math.round(bestCpuMs * 1000) / 1000,
    ms_per_article_wall: Math.round(bestMs * 1000) / 1000,
    f1_cmn: round(chinese.f1),
    precision_cmn: round(chinese.precision),
    recall_cmn: round(chinese.recall),
    f1_cmn_tagger: round(chineseTagger.f1),
    precision_cmn_tagger: round(chineseTagger.precision),
    recall_cmn_tagger: round(chineseTagger.recall),
    ms_per_article_cmn: Math.round(zhBestCpuMs * 1000) / 1000,
    ms_per_article_cmn_wall: Math.round(zhBestMs * 1000) / 1000,
  }),
);
process.exit(passed ? 0 : 1);
