/**
 * The story candidate index in Redis. Everything lives under the caller's prefix, in keys that
 * share one hash tag (one Redis Cluster slot, like the near-duplicate index):
 *
 *   <base>:doc:<docId>        the article's story id                       (string, TTL)
 *   <base>:stories            story id → latest publication time           (sorted set)
 *   <base>:p:<feature>        posting list: story id → latest time         (sorted set, bounded, TTL)
 *   <base>:s:<story>:f        feature → members of the story that have it  (hash, bounded, TTL)
 *   <base>:s:<story>:l        languages of the story                       (set, TTL)
 *   <base>:s:<story>:m        members: doc id → publication time           (sorted set, bounded, TTL)
 *
 * Posting lists hold stories, not documents, so that their length within the window is the
 * number of stories with the feature — the rarity the scorer wants — and one story's 25
 * translations take one entry, not 25.
 *
 * An article costs two script calls: a read (its story if known, else the candidates with the
 * evidence they share) and, after the pure decision in score.ts, a write. The write re-checks
 * that the article is still unassigned, so a concurrent or repeated run keeps the first answer.
 */
import type { Redis } from 'ioredis';
import type { StoryFeature } from './evidence';
import { chooseStory, DEFAULT_STORY_THRESHOLDS, evidenceWeight, isLooseSkeleton, scoreCandidates, type StoryCandidate, type StoryScore, type StoryThresholds } from './score';

export interface StoryIndexOptions {
  prefix: string;
  /** Publication-time window in which translations are looked for (either side). */
  windowMs?: number;
  /** Lifetime of every key after its last write; at least the window, so that rarity holds. */
  ttlSeconds?: number;
  /** Stories kept per posting list; a feature beyond that is too common to find candidates. */
  postingCapacity?: number;
  /** Candidate stories scored per article, those sharing the most rare evidence first. */
  maxCandidates?: number;
  /** Features kept per story (the union over its members). */
  storyFeatureCapacity?: number;
  /** Members listed per story, newest kept. */
  memberCapacity?: number;
  thresholds?: StoryThresholds;
}

export interface StoryObservation {
  docId: string;
  /** ISO 639-3 of the article. */
  language: string;
  /** Publication time (or, failing that, fetch time), ms since the epoch. */
  publishedAt: number;
  features: readonly StoryFeature[];
  /** The article's near-duplicate cluster: a copy of an article joins that article's story. */
  clusterId?: string;
  /** StoryEvidence.namesReadable (default true). */
  namesReadable?: boolean;
}

export interface StoryAssignment {
  storyId: string;
  isOriginal: boolean;
  languages: string[];
  /** How the story was decided. */
  reason: 'known' | 'near-duplicate' | 'matched' | 'new';
  /** The winning candidate's score when matched. */
  score?: StoryScore;
  /** Redis commands the two scripts ran, for cost reporting. */
  redisCalls: number;
}

export function storyKeyBase(prefix: string): string {
  return /\{[^}]+\}/.test(prefix) ? `${prefix}:enrich:story` : `${prefix}:enrich:{${prefix}:story}`;
}

/**
 * Shared Lua helpers: `call` counts the commands a script runs (reported with its answer).
 * KEYS[1] is the stories sorted set, declared so that Cluster routes the script to its slot;
 * every other key is built from ARGV[1] (the base, same hash tag).
 */
/**
 * Field of a story's feature hash with its first article's evidence weight (score.ts
 * evidenceWeight) and, after a "/", the part of it that is loose name skeletons; feature keys
 * never start with a space.
 */
const ORIGINAL_WEIGHT_FIELD = ' original';

const LUA_PRELUDE = `
local calls = 0
local function call(...) calls = calls + 1; return redis.call(...) end
local base = ARGV[1]
`;

/**
 * ARGV: base, doc id, language, time, window, cluster id or '', posting capacity, candidates,
 * background stories (score.ts rarity), number of features, then per feature: key, prior
 * weight, 1 if indexed else 0. Returns {calls, 'known', story id, languages…},
 * {calls, 'cluster', story id} or {calls, 'candidates', stories in window,
 * storiesWith per feature (comma list), then story id and comma list of the first article's
 * evidence weight and the member counts per candidate}. Stories that already have an article in this language are no candidates:
 * same-language copies are the near-duplicate index's business.
 */
const READ_SCRIPT = `${LUA_PRELUDE}
local ORIGINAL_WEIGHT = '${ORIGINAL_WEIGHT_FIELD}'
local doc, language, time, window = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local known = call('GET', base .. ':doc:' .. doc)
if known then return {calls, 'known', known, unpack(call('SMEMBERS', base .. ':s:' .. known .. ':l'))} end
if ARGV[6] ~= '' and ARGV[6] ~= doc then
  local copied = call('GET', base .. ':doc:' .. ARGV[6])
  if copied then return {calls, 'cluster', copied} end
end
local capacity, maxCandidates, background, n = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local low, high = time - window, time + window
local stories = call('ZCOUNT', KEYS[1], low, high)
local with, score, candidates = {}, {}, {}
for i = 1, n do
  local key, weight, indexed = ARGV[8 + i * 3], tonumber(ARGV[9 + i * 3]), ARGV[10 + i * 3]
  local posting = base .. ':p:' .. key
  with[i] = call('ZCOUNT', posting, low, high)
  if indexed == '1' and with[i] > 0 and with[i] < capacity then
    local rarity = weight * math.log((stories + background + 1) / (with[i] + 1))
    local members = call('ZRANGEBYSCORE', posting, low, high)
    for _, story in ipairs(members) do
      if score[story] then score[story] = score[story] + rarity
      else score[story] = rarity; candidates[#candidates + 1] = story end
    end
  end
end
table.sort(candidates, function(a, b)
  if score[a] ~= score[b] then return score[a] > score[b] end
  return a < b
end)
local keys = {}
for i = 1, n do keys[i] = ARGV[8 + i * 3] end
local result = {0, 'candidates', stories, table.concat(with, ',')}
local taken = 0
for _, story in ipairs(candidates) do
  if taken >= maxCandidates then break end
  if call('SISMEMBER', base .. ':s:' .. story .. ':l', language) == 0 then
    local counts = call('HMGET', base .. ':s:' .. story .. ':f', ORIGINAL_WEIGHT, unpack(keys))
    for i = 1, n + 1 do counts[i] = counts[i] or 0 end
    result[#result + 1] = story
    result[#result + 1] = table.concat(counts, ',')
    taken = taken + 1
  end
end
result[1] = calls
return result
`;

/**
 * ARGV: base, doc id, language, time, proposed story id (the doc id for a new story), TTL,
 * window, posting capacity, story feature capacity, member capacity, the article's evidence
 * weight (kept when it starts a story), number of features, then
 * per feature: key, 1 if indexed else 0. Returns {calls, story id, 1 if new story, languages…}.
 * A document assigned before keeps its story; a proposed story that expired meanwhile is not
 * joined (the article starts its own).
 */
const WRITE_SCRIPT = `${LUA_PRELUDE}
local ORIGINAL_WEIGHT = '${ORIGINAL_WEIGHT_FIELD}'
local doc, language, time, story = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local ttl, window, postingCap, featureCap, memberCap = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local docKey = base .. ':doc:' .. doc
local known = call('GET', docKey)
if known then
  return {calls, known, 0, unpack(call('SMEMBERS', base .. ':s:' .. known .. ':l'))}
end
if story ~= doc and call('EXISTS', base .. ':s:' .. story .. ':m') == 0 then story = doc end
local storyBase = base .. ':s:' .. story
call('SET', docKey, story, 'EX', ttl)
local oldest = time - 2 * window
call('ZADD', KEYS[1], 'GT', time, story)
call('ZADD', KEYS[1], 'NX', time, story)
call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. oldest)
call('EXPIRE', KEYS[1], ttl)
call('ZADD', storyBase .. ':m', time, doc)
local members = call('ZCARD', storyBase .. ':m')
if members > memberCap then call('ZREMRANGEBYRANK', storyBase .. ':m', 0, members - memberCap - 1) end
call('SADD', storyBase .. ':l', language)
local featureKey = storyBase .. ':f'
if story == doc then call('HSET', featureKey, ORIGINAL_WEIGHT, ARGV[11]) end
local featureCount = call('HLEN', featureKey)
local n = tonumber(ARGV[12])
for i = 1, n do
  local key, indexed = ARGV[11 + i * 2], ARGV[12 + i * 2]
  if featureCount < featureCap or call('HEXISTS', featureKey, key) == 1 then
    if call('HINCRBY', featureKey, key, 1) == 1 then featureCount = featureCount + 1 end
  end
  if indexed == '1' then
    local posting = base .. ':p:' .. key
    call('ZADD', posting, 'GT', time, story)
    call('ZADD', posting, 'NX', time, story)
    call('ZREMRANGEBYSCORE', posting, '-inf', '(' .. oldest)
    -- Beyond capacity the feature is too common to find candidates; the oldest go first.
    if call('ZCARD', posting) > postingCap then call('ZPOPMIN', posting) end
    call('EXPIRE', posting, ttl)
  end
end
for _, suffix in ipairs({':m', ':l', ':f'}) do call('EXPIRE', storyBase .. suffix, ttl) end
local languages = call('SMEMBERS', storyBase .. ':l')
return {calls, story, story == doc and 1 or 0, unpack(languages)}
`;

type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>;

export const DEFAULT_STORY_WINDOW_MS = 3 * 24 * 3600 * 1000;

/** Story assignment against Redis: candidates from the index, decision in score.ts. */
export class RedisStoryIndex {
  private readonly base: string;
  private readonly read: ScriptCommand;
  private readonly write: ScriptCommand;
  private readonly windowMs: number;
  private readonly ttlSeconds: number;
  private readonly postingCapacity: number;
  private readonly maxCandidates: number;
  private readonly storyFeatureCapacity: number;
  private readonly memberCapacity: number;
  readonly thresholds: StoryThresholds;

  constructor(redis: Redis, options: StoryIndexOptions) {
    this.base = storyKeyBase(options.prefix);
    this.windowMs = options.windowMs ?? DEFAULT_STORY_WINDOW_MS;
    // Keys outlive the window by a day, so that rarity counts in the window stay complete.
    this.ttlSeconds = options.ttlSeconds ?? Math.ceil((2 * this.windowMs) / 1000) + 86_400;
    this.postingCapacity = options.postingCapacity ?? 200;
    this.maxCandidates = options.maxCandidates ?? 20;
    this.storyFeatureCapacity = options.storyFeatureCapacity ?? 256;
    this.memberCapacity = options.memberCapacity ?? 100;
    this.thresholds = options.thresholds ?? DEFAULT_STORY_THRESHOLDS;
    redis.defineCommand('nfStoryRead', { numberOfKeys: 1, lua: READ_SCRIPT });
    redis.defineCommand('nfStoryWrite', { numberOfKeys: 1, lua: WRITE_SCRIPT });
    const commands = redis as unknown as Record<string, ScriptCommand>;
    this.read = commands.nfStoryRead!.bind(redis);
    this.write = commands.nfStoryWrite!.bind(redis);
  }

  /** Key pattern of everything this index writes (for clean-up). */
  get keyPattern(): string {
    return `${this.base}:*`;
  }

  async assign(observation: StoryObservation): Promise<StoryAssignment> {
    const { docId, language, publishedAt, features } = observation;
    const stories = `${this.base}:stories`;
    const readArgs: (string | number)[] = [this.base, docId, language, publishedAt, this.windowMs, observation.clusterId ?? '', this.postingCapacity, this.maxCandidates, this.thresholds.backgroundStories, features.length];
    for (const feature of features) readArgs.push(feature.key, feature.weight, feature.indexed ? 1 : 0);
    const answer = (await this.read(stories, ...readArgs)) as (string | number)[];
    let redisCalls = Number(answer[0]);
    const kind = String(answer[1]);

    if (kind === 'known') {
      // Re-processing: the article keeps its story, and nothing is written again.
      const storyId = String(answer[2]);
      return { storyId, isOriginal: storyId === docId, languages: answer.slice(3).map(String).sort(), reason: 'known', redisCalls };
    }
    let proposed = docId;
    let reason: StoryAssignment['reason'] = 'new';
    let score: StoryScore | undefined;
    if (kind === 'cluster') {
      proposed = String(answer[2]);
      reason = 'near-duplicate';
    } else {
      const storyCount = Number(answer[2]);
      const storiesWith = String(answer[3]).split(',').map(Number);
      const candidates: StoryCandidate[] = [];
      for (let i = 4; i + 1 < answer.length; i += 2) {
        const [original = '0', ...counts] = String(answer[i + 1]).split(',');
        const [originalWeight = 0, originalNameWeight = 0] = original.split('/').map(Number);
        candidates.push({ storyId: String(answer[i]), memberCounts: counts.map(Number), ...(originalWeight > 0 ? { originalWeight, originalNameWeight } : {}) });
      }
      score = chooseStory(scoreCandidates(features, storiesWith, storyCount, candidates, this.thresholds, observation.namesReadable ?? true), this.thresholds);
      if (score) {
        proposed = score.storyId;
        reason = 'matched';
      }
    }

    const writeArgs: (string | number)[] = [this.base, docId, language, publishedAt, proposed, this.ttlSeconds, this.windowMs, this.postingCapacity, this.storyFeatureCapacity, this.memberCapacity, `${evidenceWeight(features)}/${evidenceWeight(features.filter(isLooseSkeleton))}`, features.length];
    for (const feature of features) writeArgs.push(feature.key, feature.indexed ? 1 : 0);
    const written = (await this.write(stories, ...writeArgs)) as (string | number)[];
    redisCalls += Number(written[0]);
    const storyId = String(written[1]);
    // Assigned meanwhile by a concurrent run, or the proposed story expired: report what holds.
    if (storyId !== proposed) reason = storyId === docId ? 'new' : 'known';
    return {
      storyId,
      isOriginal: storyId === docId,
      languages: written.slice(3).map(String).sort(),
      reason,
      ...(reason === 'matched' && score ? { score } : {}),
      redisCalls,
    };
  }
}
