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
   * Stories assumed to be in the window besides those counted: keeps rarity meaningful while
   * the index is nearly empty (the first stories of a fresh index are not all "rare").
   */
  backgroundStories: number;
}

export const DEFAULT_STORY_THRESHOLDS: StoryThresholds = Object.freeze({ minShared: 16, minCoverage: 0.2, backgroundStories: 50 });

/** Rarity weight of a feature found in `storiesWith` of `stories` stories in the window. */
export function rarity(storiesWith: number, stories: number, thresholds: StoryThresholds = DEFAULT_STORY_THRESHOLDS): number {
  return Math.log((stories + thresholds.backgroundStories + 1) / (storiesWith + 1));
}

export interface StoryCandidate {
  storyId: string;
  /** Per feature of the article (same order): how many members of the story have it (0: none). */
  memberCounts: readonly number[];
}

export interface StoryScore {
  storyId: string;
  shared: number;
  coverage: number;
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
    weights.forEach((w, i) => {
      if ((candidate.memberCounts[i] ?? 0) === 0) return;
      const group = features[i]!.group ?? features[i]!.key;
      byGroup.set(group, Math.max(byGroup.get(group) ?? 0, w));
    });
    let shared = 0;
    for (const w of byGroup.values()) shared += w;
    return { storyId: candidate.storyId, shared, coverage: total > 0 ? Math.min(1, shared / total) : 0 };
  });
}

/** The best-scoring candidate that clears both thresholds, or undefined: a story of its own. */
export function chooseStory(scores: readonly StoryScore[], thresholds: StoryThresholds = DEFAULT_STORY_THRESHOLDS): StoryScore | undefined {
  let best: StoryScore | undefined;
  for (const score of scores) {
    if (score.shared < thresholds.minShared || score.coverage < thresholds.minCoverage) continue;
    if (!best || score.shared > best.shared || (score.shared === best.shared && score.storyId < best.storyId)) best = score;
  }
  return best;
}
