/**
 * Stories: an article and its translations (and other language editions) as one story, one
 * level above the near-duplicate clusters, without machine translation — from what survives
 * translation (entity ids, figures, name skeletons, links, images, the publisher group).
 *
 *   const evidence = storyEvidence(article, entities);          // pure
 *   const story = await index.assign({ docId, language, publishedAt, features: evidence.features });
 */
export { FEATURE_WEIGHTS, MAX_STORY_FEATURES, storyEvidence, type StoryArticle, type StoryEntity, type StoryEvidence, type StoryFeature } from './evidence';
export { nameSkeleton, romanize } from './names';
export { storyNumbers, type StoryNumber } from './numbers';
export { chooseStory, DEFAULT_STORY_THRESHOLDS, evidenceWeight, isLooseSkeleton, rarity, scoreCandidates, type StoryCandidate, type StoryScore, type StoryThresholds } from './score';
export { DEFAULT_STORY_WINDOW_MS, RedisStoryIndex, storyKeyBase, type StoryAssignment, type StoryIndexOptions, type StoryObservation } from './store';
