/**
 * Story evaluation on ../shared/datasets/parallel-dev (see its README): every row of
 * flores200-articles.jsonl (281 articles × 26 languages, professional translations) goes
 * through entity extraction and story assignment against real Redis, in a shuffled but
 * deterministic order, under a prefix of its own that is deleted afterwards. Scored against
 * `article`: pairwise precision and recall over cross-language pairs (the target), the false
 * merges within one language (every same-language pair is a different article), and the same
 * per language; then what limits recall, the cost of the story step (CPU ms per article) and
 * the Redis commands per article. Ends with one line of JSON.
 *
 * All rows get publication times inside one window, as a day's translations would: the set
 * carries no dates, and it is the harder case (every article is a candidate for every other).
 *
 *   npm run eval:stories -- [--seed N] [--redis redis://…]
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadEntityExtractor } from '../services/enricher/src/entities/index';
import { seededRandom } from '../services/enricher/src/random';
import { DEFAULT_STORY_THRESHOLDS, RedisStoryIndex, storyEvidence, type StoryAssignment } from '../services/enricher/src/stories/index';

const TARGETS = { crossPrecision: 0.95, crossRecall: 0.8 } as const;

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const seed = Number(option('--seed') ?? 17);
/** Print this many wrong joins with the evidence they shared, for diagnosis. */
const explain = Number(option('--explain') ?? 0);
const redisUrl = option('--redis') ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Threshold overrides, for exploring the precision/recall trade-off; the defaults are score.ts's. */
const thresholds = {
  minShared: Number(option('--min-shared') ?? DEFAULT_STORY_THRESHOLDS.minShared),
  minCoverage: Number(option('--min-coverage') ?? DEFAULT_STORY_THRESHOLDS.minCoverage),
  minStoryCoverage: Number(option('--min-story-coverage') ?? DEFAULT_STORY_THRESHOLDS.minStoryCoverage),
  backgroundStories: Number(option('--background') ?? DEFAULT_STORY_THRESHOLDS.backgroundStories),
};

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.NEWSFLOW_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
const dataFile = path.join(sharedDir, 'datasets', 'parallel-dev', 'flores200-articles.jsonl');

interface Row {
  article: string;
  lang: string;
  domain: string;
  text: string;
}

const rows: Row[] = readFileSync(dataFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => {
    // Only what an article in the pipeline has: its text and language. `article` is the gold
    // label and never reaches the story step; `source` (the page URL) would give it away.
    const { article, lang, domain, text } = JSON.parse(line) as Row;
    return { article, lang, domain, text };
  });

/** Fisher–Yates with a seeded generator: the same seed, the same arrival order. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const docIdOf = (row: Row): string => createHash('md5').update(`parallel-dev:${row.article}:${row.lang}`).digest('hex');

interface Outcome {
  row: Row;
  story: string;
  assignment: StoryAssignment;
  features: number;
  keys: ReadonlySet<string>;
  entities: number;
}

async function deleteKeys(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}

interface PairCounts {
  truePairs: number;
  predicted: number;
  correct: number;
}

/**
 * Pairwise counts over the rows selected by `inScope(a, b)` (unordered pairs), from group
 * sizes rather than all 26 million pairs: predicted pairs share a story, true pairs an
 * article, correct pairs both.
 */
function pairCounts(outcomes: readonly Outcome[], inScope: (a: Row, b: Row) => boolean): PairCounts {
  let truePairs = 0;
  let predicted = 0;
  let correct = 0;
  const groups = (key: (o: Outcome) => string): Map<string, Outcome[]> => {
    const map = new Map<string, Outcome[]>();
    for (const o of outcomes) {
      const k = key(o);
      const list = map.get(k);
      if (list) list.push(o);
      else map.set(k, [o]);
    }
    return map;
  };
  const count = (members: Outcome[]): number => {
    let n = 0;
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) if (inScope(members[i]!.row, members[j]!.row)) n++;
    return n;
  };
  for (const members of groups((o) => o.row.article).values()) truePairs += count(members);
  for (const members of groups((o) => o.story).values()) predicted += count(members);
  for (const members of groups((o) => `${o.story} ${o.row.article}`).values()) correct += count(members);
  return { truePairs, predicted, correct };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
const fixed = (x: number, digits = 3): string => x.toFixed(digits);

async function main(): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const prefix = `newsflow-eval-stories-${process.pid}-${Date.now().toString(36)}`;
  const index = new RedisStoryIndex(redis, { prefix, thresholds });
  const extractor = loadEntityExtractor();
  const order = shuffled(rows, seededRandom(seed));
  const start = Date.UTC(2026, 0, 5, 6, 0, 0);
  const outcomes: Outcome[] = [];
  let extractMs = 0;
  let storyCpuMicros = 0;
  let storyWallMs = 0;
  let redisRoundTrips = 0;
  let redisCommands = 0;
  try {
    for (const [i, row] of order.entries()) {
      const t0 = performance.now();
      const entities = extractor.extract(row.text, row.lang);
      extractMs += performance.now() - t0;

      const cpu = process.cpuUsage();
      const t1 = performance.now();
      const evidence = storyEvidence({ body: row.text }, entities, row.lang);
      // A translation follows its original within hours: one minute apart keeps the whole set
      // inside the window, so every story is a candidate for every article.
      const assignment = await index.assign({ docId: docIdOf(row), language: row.lang, publishedAt: start + i * 60_000, features: evidence.features, namesReadable: evidence.namesReadable });
      storyWallMs += performance.now() - t1;
      const used = process.cpuUsage(cpu);
      storyCpuMicros += used.user + used.system;
      redisRoundTrips += assignment.reason === 'known' ? 1 : 2;
      redisCommands += assignment.redisCalls;
      outcomes.push({ row, story: assignment.storyId, assignment, features: evidence.features.length, keys: new Set(evidence.features.map((f) => f.key)), entities: entities.filter((e) => e.id).length });
    }
    // Re-processing keeps every story (idempotence), checked on a sample.
    let changed = 0;
    for (const outcome of outcomes.slice(0, 300)) {
      const again = await index.assign({ docId: docIdOf(outcome.row), language: outcome.row.lang, publishedAt: start, features: storyEvidence({ body: outcome.row.text }, extractor.extract(outcome.row.text, outcome.row.lang), outcome.row.lang).features });
      if (again.storyId !== outcome.story) changed++;
    }
    if (changed) console.log(`!! ${changed} of 300 re-processed articles changed story`);
  } finally {
    const deleted = await deleteKeys(redis, index.keyPattern);
    redis.disconnect();
    console.log(`(deleted ${deleted} keys under ${index.keyPattern})`);
  }

  if (explain > 0) {
    // A join is wrong when the story's first member is another article; the evidence shown is
    // what the article shared with the members before it.
    const seen = new Map<string, { article: string; keys: Set<string> }>();
    let shown = 0;
    for (const o of outcomes) {
      const story = seen.get(o.story);
      if (!story) {
        seen.set(o.story, { article: o.row.article, keys: new Set(o.keys) });
        continue;
      }
      if (story.article !== o.row.article && shown++ < explain) {
        const shared = [...o.keys].filter((k) => story.keys.has(k));
        console.log(`wrong join ${o.row.lang} ${o.row.article} → ${story.article} (shared ${fixed(o.assignment.score?.shared ?? 0, 1)}, coverage ${fixed(o.assignment.score?.coverage ?? 0, 2)}, story side ${fixed(o.assignment.score?.storyCoverage ?? 0, 2)}): ${shared.join(' ')}`);
      }
      for (const k of o.keys) story.keys.add(k);
    }
  }

  const cross = pairCounts(outcomes, (a, b) => a.lang !== b.lang);
  const within = pairCounts(outcomes, (a, b) => a.lang === b.lang);
  // The same over rows that have a text: the snapshot has placeholder rows (empty, or a file
  // name) that no method could place; the headline above keeps them, as the target is stated.
  const hasText = (row: Row): boolean => row.text.trim().length >= 20;
  const crossWithText = pairCounts(
    outcomes.filter((o) => hasText(o.row)),
    (a, b) => a.lang !== b.lang,
  );
  const languages = [...new Set(rows.map((r) => r.lang))];
  const n = outcomes.length;

  console.log(`\nStories on parallel-dev: ${n} rows, ${languages.length} languages, seed ${seed}, ${new Set(outcomes.map((o) => o.story)).size} stories (gold ${new Set(rows.map((r) => r.article)).size})\n`);
  console.log('lang   rows  P(cross)  R(cross)  false-merges(within)  alone  features  entity-ids');
  const perLanguage: Record<string, { precision: number; recall: number }> = {};
  for (const lang of languages) {
    const c = pairCounts(outcomes, (a, b) => a.lang !== b.lang && (a.lang === lang || b.lang === lang));
    const mine = outcomes.filter((o) => o.row.lang === lang);
    const storySizes = new Map<string, number>();
    for (const o of outcomes) storySizes.set(o.story, (storySizes.get(o.story) ?? 0) + 1);
    const alone = mine.filter((o) => storySizes.get(o.story) === 1).length;
    const w = pairCounts(mine, () => true);
    perLanguage[lang] = { precision: Number(fixed(ratio(c.correct, c.predicted))), recall: Number(fixed(ratio(c.correct, c.truePairs))) };
    console.log(
      `${lang.padEnd(5)} ${String(mine.length).padStart(5)}  ${fixed(ratio(c.correct, c.predicted)).padStart(8)}  ${fixed(ratio(c.correct, c.truePairs)).padStart(8)}  ${String(w.predicted).padStart(20)}  ${String(alone).padStart(5)}  ${(mine.reduce((s, o) => s + o.features, 0) / mine.length).toFixed(1).padStart(8)}  ${(mine.reduce((s, o) => s + o.entities, 0) / mine.length).toFixed(1).padStart(10)}`,
    );
  }
  const byDomain: Record<string, { precision: number; recall: number }> = {};
  for (const domain of [...new Set(rows.map((r) => r.domain))]) {
    const c = pairCounts(
      outcomes.filter((o) => o.row.domain === domain),
      (a, b) => a.lang !== b.lang,
    );
    byDomain[domain] = { precision: Number(fixed(ratio(c.correct, c.predicted))), recall: Number(fixed(ratio(c.correct, c.truePairs))) };
  }
  const crossPrecision = ratio(cross.correct, cross.predicted);
  const crossRecall = ratio(cross.correct, cross.truePairs);
  const withinPrecision = ratio(within.correct, within.predicted);
  const reasons: Record<string, number> = {};
  for (const o of outcomes) reasons[o.assignment.reason] = (reasons[o.assignment.reason] ?? 0) + 1;
  const singletons = outcomes.filter((o) => outcomes.filter((p) => p.story === o.story).length === 1).length;
  const noFeatures = outcomes.filter((o) => o.features === 0).length;
  // What limits recall: each missed true pair, by the evidence its two rows have in common.
  const missed = { emptyText: 0, noFeatures: 0, nothingShared: 0, onlyCountries: 0, belowThreshold: 0 };
  const byArticle = new Map<string, Outcome[]>();
  for (const o of outcomes) byArticle.set(o.row.article, [...(byArticle.get(o.row.article) ?? []), o]);
  for (const members of byArticle.values()) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [members[i]!, members[j]!];
        if (a.story === b.story) continue;
        if (!a.row.text.trim() || !b.row.text.trim()) missed.emptyText++;
        else if (a.features === 0 || b.features === 0) missed.noFeatures++;
        else {
          const shared = [...a.keys].filter((k) => b.keys.has(k));
          if (shared.length === 0) missed.nothingShared++;
          else if (shared.every((k) => k.startsWith('e:place:country:'))) missed.onlyCountries++;
          else missed.belowThreshold++;
        }
      }
    }
  }

  console.log(`\ncross-language pairs: precision ${fixed(crossPrecision)} (target ≥ ${TARGETS.crossPrecision}), recall ${fixed(crossRecall)} (target ≥ ${TARGETS.crossRecall}); ${cross.correct} of ${cross.truePairs} true pairs, ${cross.predicted} predicted`);
  console.log(`  over rows with a text (${outcomes.filter((o) => hasText(o.row)).length}; placeholder rows of under 20 characters left out): precision ${fixed(ratio(crossWithText.correct, crossWithText.predicted))}, recall ${fixed(ratio(crossWithText.correct, crossWithText.truePairs))}`);
  console.log(`within-language pairs: ${within.predicted} predicted, all false (one row per article and language); precision ${fixed(withinPrecision)}`);
  for (const [domain, s] of Object.entries(byDomain)) console.log(`  ${domain.padEnd(10)} cross P ${fixed(s.precision)} R ${fixed(s.recall)}`);
  console.log(`decisions: ${Object.entries(reasons).map(([k, v]) => `${k} ${v}`).join(', ')}; rows left alone ${singletons}, rows without any feature ${noFeatures}`);
  const missedTotal = Object.values(missed).reduce((x, y) => x + y, 0);
  console.log(`missed true pairs ${missedTotal}: ${Object.entries(missed).map(([k, v]) => `${k} ${v} (${fixed(ratio(v, cross.truePairs))} of all)`).join(', ')}`);
  console.log(`  (empty text: rows whose text is empty in the data set — ${outcomes.filter((o) => !o.row.text.trim()).length} rows, languages ${[...new Set(outcomes.filter((o) => !o.row.text.trim()).map((o) => o.row.lang))].join(' ') || 'none'})`);
  console.log(`cost: story step ${fixed(storyCpuMicros / 1000 / n, 3)} CPU ms/article (${fixed(storyWallMs / n, 2)} ms wall), entity extraction ${fixed(extractMs / n, 2)} ms/article; Redis ${fixed(redisRoundTrips / n, 2)} round trips and ${fixed(redisCommands / n, 1)} commands (inside the scripts) per article`);
  console.log(
    JSON.stringify({
      dataset: 'parallel-dev/flores200-articles',
      rows: n,
      seed,
      crossPrecision: Number(fixed(crossPrecision)),
      crossRecall: Number(fixed(crossRecall)),
      crossRecallRowsWithText: Number(fixed(ratio(crossWithText.correct, crossWithText.truePairs))),
      crossPrecisionRowsWithText: Number(fixed(ratio(crossWithText.correct, crossWithText.predicted))),
      withinFalseMerges: within.predicted,
      withinPrecision: Number(fixed(withinPrecision)),
      stories: new Set(outcomes.map((o) => o.story)).size,
      thresholds,
      missed,
      byDomain,
      perLanguage,
      cpuMsPerArticle: Number(fixed(storyCpuMicros / 1000 / n)),
      redisRoundTripsPerArticle: Number(fixed(redisRoundTrips / n, 2)),
      redisCommandsPerArticle: Number(fixed(redisCommands / n, 1)),
      meetsTargets: crossPrecision >= TARGETS.crossPrecision && crossRecall >= TARGETS.crossRecall,
    }),
  );
}

await main();
