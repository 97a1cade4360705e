import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { documentIdFor, normalizeUrl } from '@newsflow/contracts';
import type { PollScheduler } from './scheduler';

export type SourceState = 'active' | 'paused';

export interface SourceSettings {
  url: string;
  name?: string;
  intervalSeconds: number;
  /** Re-submit an article the source marks as edited (newer modified date than when first seen). */
  refetchUpdated: boolean;
  /** On the first poll, submit what the source lists already (true), or only remember it (false). */
  backfill: boolean;
}

export interface SourceError {
  code: string;
  message: string;
  at: string;
}

export interface LastPoll {
  at: string;
  outcome: 'new_items' | 'no_new_items' | 'not_modified' | 'failed' | 'skipped_backoff';
  durationMs: number;
  /** Entries the source listed in this poll. */
  listed: number;
  /** Entries submitted as new (or edited) in this poll. */
  submitted: number;
  /** Entries the pipeline refused (invalid URL). */
  rejected: number;
}

export interface SourceRecord extends SourceSettings {
  id: string;
  state: SourceState;
  createdAt: string;
  format?: string;
  title?: string;
  lastPoll?: LastPoll;
  lastSuccessAt?: string;
  lastError?: SourceError;
  consecutiveFailures: number;
  /** Polls before this instant are skipped (failing source). */
  backoffUntil?: string;
  /** Newest publication date among the entries seen. */
  watermark?: string;
  /** Every new entry submitted since the source was added. */
  totalSubmitted: number;
}

export interface Validators {
  etag?: string;
  lastModified?: string;
  /** For child sitemaps: the <lastmod> the index gave when the child was last read. */
  lastmod?: string;
}

/** One entry's identity and its edit stamp, as remembered in the seen-set. */
export interface SeenCandidate {
  /** Normalised URL (normalizeUrl), so that every spelling of an article is one entry. */
  url: string;
  /** Publication/modification date that tells an edit apart; '' when the source gives none. */
  stamp: string;
}

/** Source id: a hash of the normalised feed URL, so adding one feed twice finds the first. */
export function sourceIdFor(url: string): string {
  return createHash('sha256').update(normalizeUrl(url)).digest('hex').slice(0, 16);
}

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

// Creates the source hash with all its fields in one step, unless it exists (two concurrent
// adds of one URL: exactly one creates it, the other reads a complete record).
const CREATE_SOURCE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

function optional<T>(value: string | undefined, map: (raw: string) => T): T | undefined {
  return value === undefined || value === '' ? undefined : map(value);
}

/**
 * Sources and their polling state in Redis: one hash per source, its seen-set (normalised
 * article URL id → edit stamp), the HTTP validators of every document it reads, and a poll lock.
 * Any number of API and discovery processes share it.
 */
export class SourceRegistry {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly scheduler: PollScheduler,
    private readonly now: () => Date = () => new Date(),
  ) {
    redis.defineCommand('nfReleaseSourceLock', { numberOfKeys: 1, lua: RELEASE_LOCK });
    redis.defineCommand('nfCreateSource', { numberOfKeys: 1, lua: CREATE_SOURCE });
  }

  private indexKey(): string {
    return `${this.prefix}:sources`;
  }
  private key(id: string, part?: 'seen' | 'validators' | 'lock'): string {
    return `${this.prefix}:source:${id}${part ? `:${part}` : ''}`;
  }

  /** Adds a source and schedules it; adding an existing URL returns the existing source unchanged. */
  async add(settings: SourceSettings): Promise<{ source: SourceRecord; created: boolean }> {
    const url = normalizeUrl(settings.url);
    const id = sourceIdFor(url);
    const createdAt = this.now().toISOString();
    const fields: Record<string, string> = {
      id,
      url,
      intervalSeconds: String(settings.intervalSeconds),
      refetchUpdated: settings.refetchUpdated ? '1' : '0',
      backfill: settings.backfill ? '1' : '0',
      state: 'active',
      createdAt,
      consecutiveFailures: '0',
      totalSubmitted: '0',
      ...(settings.name ? { name: settings.name } : {}),
    };
    const created =
      (await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>).nfCreateSource!(this.key(id), ...Object.entries(fields).flat())) === 1;
    if (created) {
      await this.redis.zadd(this.indexKey(), Date.parse(createdAt), id);
      await this.scheduler.schedule(id, settings.intervalSeconds * 1000);
    }
    const source = await this.get(id);
    if (!source) throw new Error(`source ${id} vanished while being added`);
    return { source, created };
  }

  async get(id: string): Promise<SourceRecord | null> {
    const raw = await this.redis.hgetall(this.key(id));
    if (!raw.id || !raw.url) return null;
    return {
      id: raw.id,
      url: raw.url,
      ...(raw.name ? { name: raw.name } : {}),
      intervalSeconds: Number(raw.intervalSeconds ?? 0),
      refetchUpdated: raw.refetchUpdated === '1',
      backfill: raw.backfill !== '0',
      state: raw.state === 'paused' ? 'paused' : 'active',
      createdAt: raw.createdAt ?? '',
      ...(raw.format ? { format: raw.format } : {}),
      ...(raw.title ? { title: raw.title } : {}),
      ...(raw.lastPoll ? { lastPoll: JSON.parse(raw.lastPoll) as LastPoll } : {}),
      ...(raw.lastSuccessAt ? { lastSuccessAt: raw.lastSuccessAt } : {}),
      ...(raw.lastError ? { lastError: JSON.parse(raw.lastError) as SourceError } : {}),
      consecutiveFailures: Number(raw.consecutiveFailures ?? 0),
      ...(optional(raw.backoffUntil, (v) => v) ? { backoffUntil: raw.backoffUntil! } : {}),
      ...(raw.watermark ? { watermark: raw.watermark } : {}),
      totalSubmitted: Number(raw.totalSubmitted ?? 0),
    };
  }

  async list(): Promise<SourceRecord[]> {
    const ids = await this.redis.zrange(this.indexKey(), 0, -1);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.filter((r): r is SourceRecord => r !== null);
  }

  /** Distinct article URLs this source has listed so far. */
  seenCount(id: string): Promise<number> {
    return this.redis.hlen(this.key(id, 'seen'));
  }

  async nextPollAt(source: SourceRecord): Promise<string | null> {
    if (source.state === 'paused') return null;
    const next = await this.scheduler.nextRun(source.id);
    if (next === null) return null;
    const backoff = source.backoffUntil ? Date.parse(source.backoffUntil) : 0;
    // Scheduled polls inside a backoff window are skipped, so the next real poll is the first
    // scheduled one after it.
    let at = next;
    const step = source.intervalSeconds * 1000;
    if (backoff > at && step > 0) at += Math.ceil((backoff - at) / step) * step;
    return new Date(at).toISOString();
  }

  async setState(id: string, state: SourceState): Promise<SourceRecord | null> {
    const source = await this.get(id);
    if (!source) return null;
    await this.redis.hset(this.key(id), 'state', state);
    if (state === 'paused') await this.scheduler.unschedule(id);
    else await this.scheduler.schedule(id, source.intervalSeconds * 1000);
    return this.get(id);
  }

  async update(id: string, changes: { intervalSeconds?: number; name?: string; refetchUpdated?: boolean }): Promise<SourceRecord | null> {
    const source = await this.get(id);
    if (!source) return null;
    const fields: Record<string, string> = {};
    if (changes.intervalSeconds !== undefined) fields.intervalSeconds = String(changes.intervalSeconds);
    if (changes.name !== undefined) fields.name = changes.name;
    if (changes.refetchUpdated !== undefined) fields.refetchUpdated = changes.refetchUpdated ? '1' : '0';
    if (Object.keys(fields).length) await this.redis.hset(this.key(id), fields);
    if (changes.intervalSeconds !== undefined && source.state === 'active') await this.scheduler.schedule(id, changes.intervalSeconds * 1000);
    return this.get(id);
  }

  async remove(id: string): Promise<boolean> {
    await this.scheduler.unschedule(id);
    const removed = await this.redis.del(this.key(id), this.key(id, 'seen'), this.key(id, 'validators'));
    await this.redis.zrem(this.indexKey(), id);
    return removed > 0;
  }

  /** Re-creates the schedule of every active source that has lost it (e.g. a flushed queue). */
  async reconcileSchedules(): Promise<number> {
    const sources = await this.list();
    let scheduled = 0;
    for (const source of sources) {
      // Existing schedules are left alone: re-upserting one would make its next poll due now.
      if (source.state !== 'active' || (await this.scheduler.nextRun(source.id)) !== null) continue;
      await this.scheduler.schedule(source.id, source.intervalSeconds * 1000);
      scheduled++;
    }
    return scheduled;
  }

  /** Takes the source's poll lock; null when another process is polling it right now. */
  async lock(id: string, ttlMs: number): Promise<(() => Promise<void>) | null> {
    const token = randomBytes(8).toString('hex');
    const ok = await this.redis.set(this.key(id, 'lock'), token, 'PX', ttlMs, 'NX');
    if (ok !== 'OK') return null;
    return async () => {
      await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>).nfReleaseSourceLock!(this.key(id, 'lock'), token);
    };
  }

  async validators(id: string, url: string): Promise<Validators> {
    const raw = await this.redis.hget(this.key(id, 'validators'), url);
    return raw ? (JSON.parse(raw) as Validators) : {};
  }

  async saveValidators(id: string, url: string, validators: Validators): Promise<void> {
    if (!validators.etag && !validators.lastModified && !validators.lastmod) return;
    await this.redis.hset(this.key(id, 'validators'), url, JSON.stringify(validators));
  }

  /**
   * Which candidates are new to this source, or edited since they were seen (when `edits`):
   * returns their indexes. Reads only; `markSeen` records them once they were submitted, so a
   * poll that dies in between submits them again next time (the Submitter ignores a URL that
   * is still in flight) rather than losing them.
   */
  async unseen(id: string, candidates: SeenCandidate[], edits: boolean): Promise<number[]> {
    const fresh: number[] = [];
    const chunk = 1_000;
    for (let start = 0; start < candidates.length; start += chunk) {
      const slice = candidates.slice(start, start + chunk);
      const stamps = await this.redis.hmget(this.key(id, 'seen'), ...slice.map((c) => documentIdFor(c.url)));
      slice.forEach((candidate, i) => {
        const stamp = stamps[i];
        if (stamp === null || stamp === undefined) fresh.push(start + i);
        else if (edits && candidate.stamp && stamp && candidate.stamp > stamp) fresh.push(start + i);
      });
    }
    return fresh;
  }

  async markSeen(id: string, seen: SeenCandidate[]): Promise<void> {
    for (let start = 0; start < seen.length; start += 1_000) {
      const fields: string[] = [];
      for (const candidate of seen.slice(start, start + 1_000)) fields.push(documentIdFor(candidate.url), candidate.stamp);
      if (fields.length) await this.redis.hset(this.key(id, 'seen'), ...fields);
    }
  }

  /** Forgets one article so that the next poll submits it again. */
  async forget(id: string, url: string): Promise<boolean> {
    return (await this.redis.hdel(this.key(id, 'seen'), documentIdFor(normalizeUrl(url)))) === 1;
  }

  async recordSuccess(id: string, poll: LastPoll, facts: { format?: string; title?: string; watermark?: string }): Promise<void> {
    // A source deleted while it was being polled stays deleted.
    if (!(await this.redis.exists(this.key(id)))) return;
    const fields: Record<string, string> = { lastPoll: JSON.stringify(poll), lastSuccessAt: poll.at, consecutiveFailures: '0' };
    if (facts.format) fields.format = facts.format;
    if (facts.title) fields.title = facts.title;
    if (facts.watermark) fields.watermark = facts.watermark;
    await this.redis.hset(this.key(id), fields);
    await this.redis.hdel(this.key(id), 'lastError', 'backoffUntil');
    if (poll.submitted) await this.redis.hincrby(this.key(id), 'totalSubmitted', poll.submitted);
  }

  async recordFailure(id: string, poll: LastPoll, error: SourceError, backoffUntil: Date): Promise<void> {
    if (!(await this.redis.exists(this.key(id)))) return;
    await this.redis.hincrby(this.key(id), 'consecutiveFailures', 1);
    await this.redis.hset(this.key(id), { lastPoll: JSON.stringify(poll), lastError: JSON.stringify(error), backoffUntil: backoffUntil.toISOString() });
  }

  async recordSkip(id: string, poll: LastPoll): Promise<void> {
    if (!(await this.redis.exists(this.key(id)))) return;
    await this.redis.hset(this.key(id), 'lastPoll', JSON.stringify(poll));
  }

  pollNow(id: string): Promise<void> {
    return this.scheduler.pollNow(id);
  }
}
