import { randomUUID } from 'node:crypto';
import type { Redis } from '@newsflow/runtime';

/** Outcome of asking for a slot on a host: go ahead with a lease, or come back later. */
export type SlotGrant = { lease: string } | { waitMs: number };

/** Per-host politeness shared by every fetcher process. */
export interface HostGate {
  /** Takes one of the host's in-flight slots if the host may be contacted now. */
  acquire(host: string, spacingMs: number): Promise<SlotGrant>;
  release(host: string, lease: string): Promise<void>;
  /** The host asked us to back off (429/503 Retry-After): nobody contacts it before then. */
  pushBack(host: string, delayMs: number): Promise<void>;
}

// Server time (TIME) rather than each process's clock: fetchers on different machines agree.
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS[1] leases (sorted set: lease id → expiry), KEYS[2] timing (hash: nextAt, blockedUntil).
 * ARGV: maxInFlight, spacingMs, leaseTtlMs, leaseId, keepMs.
 * Returns 0 when the lease was taken, -1 when all slots are busy, else milliseconds to wait.
 */
const ACQUIRE = `${NOW}
local maxInFlight = tonumber(ARGV[1])
local spacing = tonumber(ARGV[2])
local leaseTtl = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local blocked = tonumber(redis.call('HGET', KEYS[2], 'blockedUntil') or '0')
if blocked > now then return blocked - now end
local nextAt = tonumber(redis.call('HGET', KEYS[2], 'nextAt') or '0')
if nextAt > now then return nextAt - now end
if redis.call('ZCARD', KEYS[1]) >= maxInFlight then return -1 end
redis.call('ZADD', KEYS[1], now + leaseTtl, ARGV[4])
redis.call('PEXPIRE', KEYS[1], leaseTtl)
redis.call('HSET', KEYS[2], 'nextAt', now + spacing)
redis.call('PEXPIRE', KEYS[2], spacing + tonumber(ARGV[5]))
return 0`;

/** KEYS[1] timing. ARGV: delayMs, keepMs. */
const PUSH_BACK = `${NOW}
local blockUntil = now + tonumber(ARGV[1])
local blocked = tonumber(redis.call('HGET', KEYS[1], 'blockedUntil') or '0')
if blockUntil > blocked then
  redis.call('HSET', KEYS[1], 'blockedUntil', blockUntil)
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]))
end
return 0`;

export interface RedisHostGateOptions {
  /** Most requests one host may have in flight across all fetchers. */
  maxInFlight: number;
  /**
   * How long a lease lives if its fetcher dies without releasing it. Must exceed the longest
   * fetch (the total timeout), or a slow fetch would lose its slot to another.
   */
  leaseTtlMs: number;
  /** How long to wait before retrying when every slot is busy. */
  busyRetryMs: number;
  random?: () => number;
}

type Scripts = {
  nfPoliteAcquire: (k1: string, k2: string, ...args: (string | number)[]) => Promise<number>;
  nfPolitePushBack: (k1: string, ...args: (string | number)[]) => Promise<number>;
};

/**
 * Redis-backed HostGate. Both keys of a host carry the host as a hash tag, so each script
 * touches a single Redis Cluster slot.
 */
export class RedisHostGate implements HostGate {
  private readonly scripts: Scripts;
  private readonly random: () => number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly options: RedisHostGateOptions,
  ) {
    redis.defineCommand('nfPoliteAcquire', { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand('nfPolitePushBack', { numberOfKeys: 1, lua: PUSH_BACK });
    this.scripts = redis as unknown as Scripts;
    this.random = options.random ?? Math.random;
  }

  private keys(host: string): { leases: string; timing: string } {
    const base = `${this.prefix}:polite:{${host}}`;
    return { leases: `${base}:leases`, timing: `${base}:timing` };
  }

  async acquire(host: string, spacingMs: number): Promise<SlotGrant> {
    const { leases, timing } = this.keys(host);
    const lease = randomUUID();
    const reply = Number(await this.scripts.nfPoliteAcquire(leases, timing, this.options.maxInFlight, Math.round(spacingMs), this.options.leaseTtlMs, lease, 60_000));
    if (reply === 0) return { lease };
    const base = reply < 0 ? this.options.busyRetryMs : reply;
    // Jitter spreads the waiting jobs out so they do not all return at the same instant.
    return { waitMs: Math.round(base + this.random() * Math.max(base, 50) * 0.5) };
  }

  async release(host: string, lease: string): Promise<void> {
    await this.redis.zrem(this.keys(host).leases, lease);
  }

  async pushBack(host: string, delayMs: number): Promise<void> {
    await this.scripts.nfPolitePushBack(this.keys(host).timing, Math.round(delayMs), 60_000);
  }
}
