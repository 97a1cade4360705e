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
  /** Least rarity-weighted shared evidence: two or more specific features, not one country. */
  minShared: number;
  /** Least share of the article's own weighted evidence that the story explains. */
  minCoverage: number;
  /**
   * Stories assumed to be in the window besides those counted: keeps rarity meaningful while
   * the index is nearly empty (the first stories of a fresh index are not all "rare").
   */
  backgroundStories: number;
}

export const DEFAULT_STORY_THRESHOLDS: StoryThresholds = Object.freeze({ minShared: 9, minCoverage: 0.3, backgroundStories: 50 });

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
  const total = weights.reduce((sum, w) => sum + w, 0);
  return candidates.map((candidate) => {
    let shared = 0;
    weights.forEach((w, i) => {
      if ((candidate.memberCounts[i] ?? 0) > 0) shared += w;
    });
    return { storyId: candidate.storyId, shared, coverage: total > 0 ? shared / total : 0 };
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
