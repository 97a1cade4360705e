/**
 * A labelled corpus for measuring near-duplicate detection: source stories, copies of some of
 * them with controlled edits, and the rest as unrelated stories. Every document knows the story
 * it came from, so "same cluster" pairs can be scored against "same story" pairs.
 */

import { seededRandom } from '../random';

export interface SourceStory {
  title: string;
  /** Body sentences in order. */
  sentences: string[];
}

export type EditKind = 'original' | 'edit10' | 'edit30' | 'edit60' | 'reordered' | 'boilerplate' | 'light-edits' | 'wire-copy';

export interface EvalDocument {
  id: string;
  story: number;
  kind: EditKind;
  title: string;
  body: string;
}

/** Which edits a copy with "at most 30 % changed" covers (the recall target applies to these). */
export const LIGHT_EDIT_KINDS: readonly EditKind[] = ['edit10', 'edit30', 'reordered', 'boilerplate', 'light-edits', 'wire-copy'];

export { seededRandom };

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Outlet furniture a republisher adds around wire copy (written for this corpus). */
const BOILERPLATE: readonly { header: string; footer: string }[] = [
  {
    header: 'By our correspondent. Updated this morning.',
    footer:
      'Sign up for our morning briefing to get the day’s most important stories in your inbox. We welcome your comments; please keep them civil and on topic. Copyright the publisher and its licensors. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
  },
  {
    header: 'Staff and agencies. Reading time: four minutes.',
    footer:
      'Follow us on social media for live updates throughout the day. Our journalism depends on readers like you: support independent reporting with a subscription from as little as one euro a month. Reporting by our newsroom; editing by the night desk.',
  },
  {
    header: 'Wire report, published with permission.',
    footer:
      'Have a news tip? Contact the desk by email or through our secure tip line. Advertisement. Related coverage continues below, with analysis from our regional editors and a timeline of the main events so far.',
  },
];

/** Replaces a share of the sentences with sentences of other stories. */
function replaceSentences(sentences: string[], share: number, pool: readonly string[], random: () => number): string[] {
  const copy = [...sentences];
  const count = Math.round(copy.length * share);
  const indices = shuffle(
    copy.map((_, i) => i),
    random,
  ).slice(0, count);
  for (const index of indices) copy[index] = pick(pool, random);
  return copy;
}

/** Copy-editing: drops about 4 % of the words and swaps about 3 % for other words. */
function lightlyEdit(sentences: string[], vocabulary: readonly string[], random: () => number): string[] {
  return sentences.map((sentence) =>
    sentence
      .split(' ')
      .flatMap((word) => {
        const roll = random();
        if (roll < 0.04) return [];
        if (roll < 0.07) return [pick(vocabulary, random)];
        return [word];
      })
      .join(' '),
  );
}

function paragraphs(sentences: string[], perParagraph = 3): string[] {
  const result: string[] = [];
  for (let i = 0; i < sentences.length; i += perParagraph) result.push(sentences.slice(i, i + perParagraph).join(' '));
  return result;
}

function reorderParagraphs(sentences: string[], random: () => number): string[] {
  const blocks = paragraphs(sentences);
  if (blocks.length < 2) return sentences;
  let shuffled = shuffle([...blocks], random);
  if (shuffled.every((block, i) => block === blocks[i])) shuffled = [...blocks.slice(1), blocks[0]!];
  return shuffled;
}

export interface EvalCorpusOptions {
  /** Stories that get copies; the other stories are unrelated documents. */
  storiesWithCopies: number;
  seed: number;
}

/**
 * Builds the corpus. `stories` are the sources; `replacementPool` are sentences from outside the
 * corpus used as rewritten sentences.
 */
export function buildEvalCorpus(stories: readonly SourceStory[], replacementPool: readonly string[], options: EvalCorpusOptions): EvalDocument[] {
  const random = seededRandom(options.seed);
  const vocabulary = replacementPool.flatMap((sentence) => sentence.split(' ')).filter((word) => /^[a-z]{4,}$/.test(word));
  const documents: EvalDocument[] = [];
  const add = (story: number, kind: EditKind, title: string, bodyParagraphs: string[]): void => {
    documents.push({ id: `s${story}-${kind}`, story, kind, title, body: bodyParagraphs.join('\n\n') });
  };
  stories.forEach((story, index) => {
    add(index, 'original', story.title, paragraphs(story.sentences));
    if (index >= options.storiesWithCopies) return;
    const s = story.sentences;
    add(index, 'edit10', story.title, paragraphs(replaceSentences(s, 0.1, replacementPool, random)));
    add(index, 'edit30', story.title, paragraphs(replaceSentences(s, 0.3, replacementPool, random)));
    add(index, 'edit60', story.title, paragraphs(replaceSentences(s, 0.6, replacementPool, random)));
    add(index, 'reordered', story.title, reorderParagraphs(s, random));
    const furniture = pick(BOILERPLATE, random);
    add(index, 'boilerplate', story.title, [furniture.header, ...paragraphs(s), furniture.footer]);
    add(index, 'light-edits', story.title, paragraphs(lightlyEdit(s, vocabulary, random)));
    const wire = pick(BOILERPLATE, random);
    const edited = replaceSentences(lightlyEdit(s, vocabulary, random), 0.1, replacementPool, random);
    add(index, 'wire-copy', `${story.title} (wire)`, [wire.header, ...reorderParagraphs(edited, random), wire.footer]);
  });
  return shuffle(documents, random);
}

export interface PairScores {
  /** Pairs placed in one cluster that are copies of one story / all pairs placed in one cluster. */
  precision: number;
  /** Per edit kind: share of copies placed in their original's cluster. */
  recallByKind: Record<string, number>;
  /** Copies with at most 30 % edits that share their original's cluster. */
  recallLightEdits: number;
  /** Pairs of different stories that share a cluster. */
  unrelatedPairsClustered: number;
  predictedPairs: number;
}

/** Scores cluster assignments (document id → cluster id) against the stories. */
export function scoreClusters(documents: readonly EvalDocument[], clusterOf: ReadonlyMap<string, string>): PairScores {
  const members = new Map<string, EvalDocument[]>();
  for (const document of documents) {
    const cluster = clusterOf.get(document.id);
    if (cluster === undefined) throw new Error(`no cluster for ${document.id}`);
    members.set(cluster, [...(members.get(cluster) ?? []), document]);
  }
  let predictedPairs = 0;
  let correctPairs = 0;
  for (const group of members.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        predictedPairs++;
        if (group[i]!.story === group[j]!.story) correctPairs++;
      }
    }
  }
  const originals = new Map(documents.filter((d) => d.kind === 'original').map((d) => [d.story, d.id]));
  const found = new Map<string, { hit: number; total: number }>();
  for (const document of documents) {
    if (document.kind === 'original') continue;
    const originalCluster = clusterOf.get(originals.get(document.story)!);
    const tally = found.get(document.kind) ?? { hit: 0, total: 0 };
    tally.total++;
    if (clusterOf.get(document.id) === originalCluster) tally.hit++;
    found.set(document.kind, tally);
  }
  const recallByKind: Record<string, number> = {};
  let lightHit = 0;
  let lightTotal = 0;
  for (const [kind, tally] of found) {
    recallByKind[kind] = tally.total ? tally.hit / tally.total : 1;
    if (LIGHT_EDIT_KINDS.includes(kind as EditKind)) {
      lightHit += tally.hit;
      lightTotal += tally.total;
    }
  }
  return {
    precision: predictedPairs ? correctPairs / predictedPairs : 1,
    recallByKind,
    recallLightEdits: lightTotal ? lightHit / lightTotal : 1,
    unrelatedPairsClustered: predictedPairs - correctPairs,
    predictedPairs,
  };
}
