import robotsParser from 'robots-parser';
import { StageDeferral, StageFailure } from '@newsflow/contracts';
import type { Redis } from '@newsflow/runtime';
import type { HttpFetch } from './http-fetch';
import type { HostGate } from './politeness';

export interface RobotsVerdict {
  allowed: boolean;
  /** Crawl-delay for our user agent, in milliseconds (0 when none is given). */
  crawlDelayMs: number;
}

export interface RobotsSettings {
  userAgent: string;
  /** How long a fetched robots.txt (or a 4xx "no rules") is trusted. */
  ttlSeconds: number;
  /** How long to wait before asking again after robots.txt answered 5xx or not at all. */
  unavailableRetryMs: number;
  /** After this long unavailable, pages of the host fail (and retry) instead of waiting. */
  unavailableMaxMs: number;
  /** Only the first bytes of a huge robots.txt are read (Google reads 500 KiB). */
  maxBytes: number;
  /** Spacing applied to the robots.txt request itself. */
  minSpacingMs: number;
  /** Fetches of the same robots.txt that another worker is already loading wait this long. */
  lockWaitMs: number;
  lockTtlMs: number;
}

export interface RobotsDeps {
  redis: Redis;
  prefix: string;
  http: HttpFetch;
  gate: HostGate;
  settings: RobotsSettings;
  now?: () => number;
}

/** What is cached per origin in Redis. */
type CachedRobots =
  | { state: 'rules'; body: string; fetchedAt: number }
  | { state: 'allow_all'; reason: string; fetchedAt: number }
  | { state: 'unavailable'; reason: string; checkedAt: number; firstFailureAt: number };

type Parsed = ReturnType<typeof robotsParser>;

/** Failures of the robots.txt request that mean "the site is not answering right now". */
const UNAVAILABLE_CODES = new Set(['http_5xx', 'rate_limited', 'timeout', 'connect_timeout', 'connect_error', 'dns_error', 'internal_error']);
/** Failures that doom the page request just the same: let them fail the job. */
const FATAL_CODES = new Set(['dns_not_found', 'blocked_address', 'invalid_url']);

/**
 * robots.txt, fetched once per origin across all fetchers (a Redis lock makes the others wait)
 * and cached in Redis with a TTL; parsed by robots-parser. 4xx means "no rules"; 5xx or no
 * answer means "wait" (StageDeferral), as RFC 9309 asks, until unavailableMaxMs has passed.
 */
export class RobotsPolicy {
  private readonly memo = new Map<string, { parsed: Parsed | null; until: number }>();
  private readonly now: () => number;

  constructor(private readonly deps: RobotsDeps) {
    this.now = deps.now ?? Date.now;
  }

  private key(origin: string): string {
    return `${this.deps.prefix}:robots:{${new URL(origin).host}}:${new URL(origin).protocol.replace(':', '')}`;
  }

  async check(url: URL): Promise<RobotsVerdict> {
    const parsed = await this.rulesFor(url.origin);
    if (!parsed) return { allowed: true, crawlDelayMs: 0 };
    const userAgent = this.deps.settings.userAgent;
    const allowed = parsed.isAllowed(url.href, userAgent) ?? true;
    const delaySeconds = parsed.getCrawlDelay(userAgent);
    return { allowed, crawlDelayMs: delaySeconds && Number.isFinite(delaySeconds) && delaySeconds > 0 ? delaySeconds * 1000 : 0 };
  }

  /** Parsed rules of an origin, or null when it has none (404 and friends). */
  private async rulesFor(origin: string): Promise<Parsed | null> {
    const memo = this.memo.get(origin);
    if (memo && memo.until > this.now()) return memo.parsed;
    const key = this.key(origin);
    const raw = await this.deps.redis.get(key);
    const cached = raw ? (JSON.parse(raw) as CachedRobots) : null;
    if (cached && cached.state !== 'unavailable') return this.remember(origin, cached);
    if (cached?.state === 'unavailable') {
      const retryAt = cached.checkedAt + this.deps.settings.unavailableRetryMs;
      if (retryAt > this.now()) throw this.waitOrGiveUp(cached, retryAt - this.now());
    }
    return this.remember(origin, await this.load(origin, key, cached));
  }

  private remember(origin: string, cached: CachedRobots): Parsed | null {
    const parsed = cached.state === 'rules' ? robotsParser(`${origin}/robots.txt`, cached.body) : null;
    // A short in-process memo spares Redis and the parser on every page of a busy host.
    if (this.memo.size > 5_000) this.memo.clear();
    this.memo.set(origin, { parsed, until: this.now() + 30_000 });
    return parsed;
  }

  private waitOrGiveUp(cached: { reason: string; firstFailureAt: number }, waitMs: number): Error {
    if (this.now() - cached.firstFailureAt > this.deps.settings.unavailableMaxMs) {
      return new StageFailure('http_5xx', `robots.txt has been unavailable too long (${cached.reason})`);
    }
    return new StageDeferral(waitMs, `robots.txt unavailable: ${cached.reason}`);
  }

  private async load(origin: string, key: string, previous: CachedRobots | null): Promise<CachedRobots> {
    const { settings, redis, gate } = this.deps;
    const host = new URL(origin).host;
    const locked = await redis.set(`${key}:lock`, '1', 'PX', settings.lockTtlMs, 'NX');
    if (locked !== 'OK') throw new StageDeferral(settings.lockWaitMs, `robots.txt of ${host} is being fetched by another worker`);
    try {
      const slot = await gate.acquire(host, settings.minSpacingMs);
      if ('waitMs' in slot) throw new StageDeferral(slot.waitMs, `politeness before robots.txt of ${host}`);
      let result: CachedRobots;
      try {
        result = await this.download(origin, previous);
      } finally {
        await gate.release(host, slot.lease);
      }
      const ttlMs = result.state === 'unavailable' ? settings.unavailableMaxMs + settings.unavailableRetryMs : settings.ttlSeconds * 1000;
      await redis.set(key, JSON.stringify(result), 'PX', ttlMs);
      if (result.state === 'unavailable') throw this.waitOrGiveUp(result, settings.unavailableRetryMs);
      return result;
    } finally {
      await redis.del(`${key}:lock`);
    }
  }

  private async download(origin: string, previous: CachedRobots | null): Promise<CachedRobots> {
    const now = this.now();
    try {
      const response = await this.deps.http(`${origin}/robots.txt`, {
        accept: 'text/plain,*/*;q=0.1',
        contentTypes: null,
        maxBytes: this.deps.settings.maxBytes,
        truncate: true,
      });
      return { state: 'rules', body: response.body.toString('utf8'), fetchedAt: now };
    } catch (error) {
      if (!(error instanceof StageFailure)) throw error;
      if (FATAL_CODES.has(error.code)) throw error;
      if (UNAVAILABLE_CODES.has(error.code)) {
        const firstFailureAt = previous?.state === 'unavailable' ? previous.firstFailureAt : now;
        return { state: 'unavailable', reason: `${error.code}: ${error.message}`, checkedAt: now, firstFailureAt };
      }
      // 4xx, bot walls, redirect trouble: RFC 9309 treats an unreachable-by-client-error file as no rules.
      return { state: 'allow_all', reason: `${error.code}: ${error.message}`, fetchedAt: now };
    }
  }
}
