/**
 * Whether an article belongs to a candidate story: rarity-weighted overlap of its fingerprint
 * with the features the story's members have shown so far.
 *
 * Rarity is counted in stories, not documents, over the publication window: a feature that 25
 * translations of one story share is as rare as one that a single article has, whereas a
 * feature that 40 different stories have this week (a country, "2024") says little.
 */
import type { StoryFeature } from './evidence';

export interface StoryThresholds {
  /**
   * Least rarity-weighted shared evidence: about two rare names, or a name and a rare figure;
   * never a country and a year. Chosen on parallel-dev with precision to spare (0.95 target).
   */
  minShared: number;
  /** Least share of the article's own weighted evidence that the story explains. */
  minCoverage: number;
  /**
   * Least share of the story's first article's evidence that the article explains. Two stories
   * about the same people share the people; it is the rest (figures, places, other names) that
   * disagrees, and only a look from the story's side sees what the article lacks. 0.3 would
   * give parallel-dev more recall (0.355 against 0.319, precision 0.977) but lets the Russian
   * edition of one Xi–Scholz story into another (stories.test.ts): 0.4 keeps them apart.
   */
  minStoryCoverage: number;
  /**
   * Stories assumed to be in the window besides those counted: keeps rarity meaningful while
   * the index is nearly empty (the first stories of a fresh index are not all "rare").
   */
  backgroundStories: number;
}

export const DEFAULT_STORY_THRESHOLDS: StoryThresholds = Object.freeze({ minShared: 12, minCoverage: 0.3, minStoryCoverage: 0.4, backgroundStories: 50 });

/** Rarity weight of a feature found in `storiesWith` of `stories` stories in the window. */
export function rarity(storiesWith: number, stories: number, thresholds: StoryThresholds = DEFAULT_STORY_THRESHOLDS): number {
  return Math.log((stories + thresholds.backgroundStories + 1) / (storiesWith + 1));
}

export interface StoryCandidate {
  storyId: string;
  /** Per feature of the article (same order): how many members of the story have it (0: none). */
  memberCounts: readonly number[];
  /** Prior weight of the story's first article's evidence (evidenceWeight), if recorded. */
  originalWeight?: number;
  /** The part of originalWeight that is name skeletons only (no entity group). */
  originalNameWeight?: number;
}

/** A name skeleton that stands alone, not the spelling of an entity the extractor found. */
export function isLooseSkeleton(feature: StoryFeature): boolean {
  return feature.key.startsWith('n:') && feature.group === undefined;
}

/** Prior weight of a fingerprint, each group once (what a story records of its first article). */
export function evidenceWeight(features: readonly StoryFeature[]): number {
  const byGroup = new Map<string, number>();
  for (const feature of features) {
    const group = feature.group ?? feature.key;
    byGroup.set(group, Math.max(byGroup.get(group) ?? 0, feature.weight));
  }
  let total = 0;
  for (const w of byGroup.values()) total += w;
  return total;
}

export interface StoryScore {
  storyId: string;
  shared: number;
  coverage: number;
  /** Estimated share of the story's first article's evidence found in this article (1 if unknown). */
  storyCoverage: number;
}

/**
 * Scores each candidate; `storiesWith[i]` is the window's story count for features[i]. Only
 * features the article has count: the story's other features are what other languages said.
 */
export function scoreCandidates(
  features: readonly StoryFeature[],
  storiesWith: readonly number[],
  stories: number,
  candidates: readonly StoryCandidate[],
  thresholds: StoryThresholds = DEFAULT_STORY_THRESHOLDS,
  /**
   * False when the article's script gives no name skeletons (Arabic, Hebrew, Devanagari,
   * Hangul, Chinese): the story's loose skeletons are then nothing it could have matched, and
   * do not count against it.
   */
  namesReadable = true,
): StoryScore[] {
  const weights = features.map((feature, i) => feature.weight * rarity(storiesWith[i] ?? 0, stories, thresholds));
  // The article's own evidence, each group once, is what coverage is a share of.
  const groupTotals = new Map<string, number>();
  weights.forEach((w, i) => {
    const group = features[i]!.group ?? features[i]!.key;
    groupTotals.set(group, Math.max(groupTotals.get(group) ?? 0, w));
  });
  let total = 0;
  for (const w of groupTotals.values()) total += w;
  return candidates.map((candidate) => {
    // Strongest shared feature per group: an entity found by id and by skeleton is one entity.
    const byGroup = new Map<string, number>();
    const sharedFeatures: StoryFeature[] = [];
    weights.forEach((w, i) => {
      if ((candidate.memberCounts[i] ?? 0) === 0) return;
      const group = features[i]!.group ?? features[i]!.key;
      byGroup.set(group, Math.max(byGroup.get(group) ?? 0, w));
      sharedFeatures.push(features[i]!);
    });
    let shared = 0;
    for (const w of byGroup.values()) shared += w;
    // What the story's first article has beyond the shared evidence is taken as rare (its
    // rarity is not fetched): a cautious estimate, it only makes the story side stricter.
    const expressible = (candidate.originalWeight ?? 0) - (namesReadable ? 0 : (candidate.originalNameWeight ?? 0));
    const unexplained = candidate.originalWeight === undefined ? 0 : Math.max(0, expressible - evidenceWeight(sharedFeatures));
    const storyTotal = shared + unexplained * rarity(0, stories, thresholds);
    return {
      storyId: candidate.storyId,
      shared,
      coverage: total > 0 ? Math.min(1, shared / total) : 0,
      storyCoverage: storyTotal > 0 ? Math.min(1, shared / storyTotal) : 1,
    };
  });
}

/** The best-scoring candidate that clears both thresholds, or undefined: a story of its own. */
export function chooseStory(scores: readonly StoryScore[], thresholds: StoryThresholds = DEFAULT_STORY_THRESHOLDS): StoryScore | undefined {
  let best: StoryScore | undefined;
  for (const score of scores) {
    if (score.shared < thresholds.minShared || score.coverage < thresholds.minCoverage || score.storyCoverage < thresholds.minStoryCoverage) continue;
    if (!best || score.shared > best.shared || (score.shared === best.shared && score.storyId < best.storyId)) best = score;
  }
  return best;
}
