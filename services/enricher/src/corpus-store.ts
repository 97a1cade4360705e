import type { Redis } from 'ioredis';
import type { NearDuplicateCluster } from '@newsflow/contracts';
import type { CorpusFrequencies } from './keywords';

/**
 * The corpus-wide state the enricher scores against, kept in Redis:
 *
 * - document frequencies per language: a hash term → number of documents, plus the documents
 *   counted, and a set of counted document ids so that re-enriching a document never counts
 *   it twice;
 * - near-duplicate index: LSH band buckets (bucket → ids of the documents in it), each
 *   document's MinHash signature, and each document's cluster record.
 *
 * Each of the two parts is one Lua script over keys that share a hash tag, so it runs
 * atomically (two copies enriched at the same moment cannot both become "the original") and
 * works on Redis Cluster: the keys of one script always live in one slot. Both scripts go out
 * together, so an article costs one round trip.
 */

export interface CorpusObservation {
  docId: string;
  /** Document frequencies are kept per language ("die" is a stop word in German only). */
  language: string;
  /** The article's distinct content words. */
  words: string[];
  /** MinHash signature, or null when the text is too short for near-duplicate detection. */
  signature: Uint32Array | null;
  /** LSH bucket keys of the signature. */
  bands: string[];
}

export interface CorpusView extends CorpusFrequencies {
  cluster: NearDuplicateCluster;
}

export interface CorpusStore {
  /** Records the article in the corpus (once per document id) and returns what the corpus knows. */
  observe(observation: CorpusObservation): Promise<CorpusView>;
}

export interface CorpusKeys {
  countedDocuments: string;
  documentFrequencies: (language: string) => string;
  clusters: string;
  signatures: string;
  buckets: string;
}

/**
 * Keys under the queue prefix. A prefix that already carries a hash tag ("{newsflow}", as
 * BullMQ on Redis Cluster wants) puts everything in its slot; otherwise each script's keys get
 * a tag of their own, so the two parts can live on different nodes.
 */
export function corpusKeys(prefix: string): CorpusKeys {
  const tagged = /\{[^}]+\}/.test(prefix);
  const frequencies = tagged ? `${prefix}:enrich:df` : `${prefix}:enrich:{${prefix}:df}`;
  const duplicates = tagged ? `${prefix}:enrich:dup` : `${prefix}:enrich:{${prefix}:dup}`;
  return {
    countedDocuments: `${frequencies}:counted`,
    documentFrequencies: (language) => `${frequencies}:terms:${language}`,
    clusters: `${duplicates}:clusters`,
    signatures: `${duplicates}:signatures`,
    buckets: `${duplicates}:buckets`,
  };
}

/** Field of the frequency hash that holds the number of documents; no term contains a space. */
const DOCUMENT_COUNT_FIELD = ' documents';

/**
 * KEYS: counted-documents set, frequency hash. ARGV: document id, then its distinct terms.
 * Returns the document count followed by each term's frequency, this document included. A
 * document counted before is only read; HMGET goes in chunks because Lua's unpack() fails
 * beyond a few thousand values.
 */
const OBSERVE_FREQUENCIES = `
local result = {}
if redis.call('SADD', KEYS[1], ARGV[1]) == 1 then
  -- HINCRBY answers with the new count: counting and reading are one call per term.
  result[1] = redis.call('HINCRBY', KEYS[2], '${DOCUMENT_COUNT_FIELD}', 1)
  for i = 2, #ARGV do result[i] = redis.call('HINCRBY', KEYS[2], ARGV[i], 1) end
  return result
end
result[1] = redis.call('HGET', KEYS[2], '${DOCUMENT_COUNT_FIELD}') or 0
local i = 2
while i <= #ARGV do
  local last = math.min(i + 999, #ARGV)
  local values = redis.call('HMGET', KEYS[2], unpack(ARGV, i, last))
  for j = 1, #values do result[#result + 1] = values[j] or 0 end
  i = last + 1
end
return result
`;

/**
 * KEYS: cluster records (id → "clusterId similarity"), signatures (id → bytes), buckets
 * (band key → concatenated 32-character ids). ARGV: document id, signature bytes, similarity
 * threshold, bucket capacity, candidates to compare, then the band keys.
 *
 * A document seen before keeps its record: re-enrichment is idempotent, and a document never
 * matches itself. Otherwise its band buckets give the candidates (most shared bands first),
 * the most similar one at or above the threshold gives the cluster, and the similarity reported
 * is to that cluster's first-seen document. A bucket at capacity is not extended: its members
 * are already near-identical, and the cap bounds the work per document.
 */
const OBSERVE_DUPLICATES = `
local id = ARGV[1]
local known = redis.call('HGET', KEYS[1], id)
if known then return known end
local signature = ARGV[2]
local threshold = tonumber(ARGV[3])
local capacity = tonumber(ARGV[4])
local maxCandidates = tonumber(ARGV[5])
local positions = #signature / 4
local shared = {}
local candidates = {}
for b = 6, #ARGV do
  local members = redis.call('HGET', KEYS[3], ARGV[b])
  if members then
    local count = #members / 32
    for m = 0, count - 1 do
      local other = string.sub(members, m * 32 + 1, m * 32 + 32)
      if other ~= id then
        if shared[other] then shared[other] = shared[other] + 1
        else shared[other] = 1; candidates[#candidates + 1] = other end
      end
    end
    if count < capacity and not string.find(members, id, 1, true) then
      redis.call('HSET', KEYS[3], ARGV[b], members .. id)
    end
  else
    redis.call('HSET', KEYS[3], ARGV[b], id)
  end
end
table.sort(candidates, function(a, b)
  if shared[a] ~= shared[b] then return shared[a] > shared[b] end
  return a < b
end)
local function similarity(other)
  if not other or #other ~= #signature then return 0 end
  local same = 0
  for p = 0, positions - 1 do
    if string.sub(signature, p * 4 + 1, p * 4 + 4) == string.sub(other, p * 4 + 1, p * 4 + 4) then same = same + 1 end
  end
  return same / positions
end
local best, bestSimilarity = nil, -1
for c = 1, math.min(#candidates, maxCandidates) do
  local s = similarity(redis.call('HGET', KEYS[2], candidates[c]))
  if s > bestSimilarity then best, bestSimilarity = candidates[c], s end
end
local cluster, toOriginal = id, 1
if best and bestSimilarity >= threshold then
  local record = redis.call('HGET', KEYS[1], best)
  cluster = record and string.sub(record, 1, 32) or best
  if cluster == best then toOriginal = bestSimilarity
  else toOriginal = similarity(redis.call('HGET', KEYS[2], cluster)) end
end
local record = cluster .. ' ' .. string.format('%.4f', toOriginal)
redis.call('HSET', KEYS[1], id, record)
redis.call('HSET', KEYS[2], id, signature)
return record
`;

export interface RedisCorpusStoreOptions {
  prefix: string;
  /** Estimated Jaccard similarity from which two articles are one story. */
  similarityThreshold: number;
  /** Documents kept per LSH bucket. */
  bucketCapacity?: number;
  /** Candidates compared per article, most shared bands first. */
  maxCandidates?: number;
}

type ScriptCommand = (...args: (string | Buffer | number)[]) => Promise<unknown>;

/** The corpus store on Redis (or Redis Cluster, see corpusKeys). */
export class RedisCorpusStore implements CorpusStore {
  private readonly keys: CorpusKeys;
  private readonly observeFrequencies: ScriptCommand;
  private readonly observeDuplicates: ScriptCommand;

  constructor(
    redis: Redis,
    private readonly options: RedisCorpusStoreOptions,
  ) {
    this.keys = corpusKeys(options.prefix);
    redis.defineCommand('nfEnrichFrequencies', { numberOfKeys: 2, lua: OBSERVE_FREQUENCIES });
    redis.defineCommand('nfEnrichDuplicates', { numberOfKeys: 3, lua: OBSERVE_DUPLICATES });
    const commands = redis as unknown as Record<string, ScriptCommand>;
    this.observeFrequencies = commands.nfEnrichFrequencies!.bind(redis);
    this.observeDuplicates = commands.nfEnrichDuplicates!.bind(redis);
  }

  async observe(observation: CorpusObservation): Promise<CorpusView> {
    const { docId, words, signature } = observation;
    const frequencies = this.observeFrequencies(this.keys.countedDocuments, this.keys.documentFrequencies(observation.language), docId, ...words) as Promise<(string | number)[]>;
    const duplicates = signature
      ? (this.observeDuplicates(
          this.keys.clusters,
          this.keys.signatures,
          this.keys.buckets,
          docId,
          Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength),
          this.options.similarityThreshold,
          this.options.bucketCapacity ?? 64,
          this.options.maxCandidates ?? 50,
          ...observation.bands,
        ) as Promise<string>)
      : null;
    const [counts, record] = await Promise.all([frequencies, duplicates]);
    const frequencyOf = new Map<string, number>();
    words.forEach((word, index) => frequencyOf.set(word, Number(counts[index + 1] ?? 0)));
    return {
      documentCount: Number(counts[0] ?? 0),
      documentFrequency: (word) => frequencyOf.get(word) ?? 0,
      cluster: record ? parseClusterRecord(docId, record) : { id: docId, isOriginal: true, similarity: 1 },
    };
  }
}

export function parseClusterRecord(docId: string, record: string): NearDuplicateCluster {
  const [id = docId, similarity = '1'] = record.split(' ');
  return { id, isOriginal: id === docId, similarity: Math.min(1, Math.max(0, Number(similarity))) };
}
