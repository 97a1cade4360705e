import type { Redis } from '@newsflow/runtime';

/** HTTP validators of the last successful fetch of a document, for conditional re-fetch. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface ValidatorStore {
  get(docId: string): Promise<Validators | null>;
  put(docId: string, validators: Validators): Promise<void>;
}

export class RedisValidatorStore implements ValidatorStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  private key(docId: string): string {
    return `${this.prefix}:validators:${docId}`;
  }

  async get(docId: string): Promise<Validators | null> {
    const fields = await this.redis.hgetall(this.key(docId));
    if (!fields.etag && !fields.lastModified) return null;
    return { ...(fields.etag ? { etag: fields.etag } : {}), ...(fields.lastModified ? { lastModified: fields.lastModified } : {}) };
  }

  async put(docId: string, validators: Validators): Promise<void> {
    const key = this.key(docId);
    const fields: Record<string, string> = {};
    if (validators.etag) fields.etag = validators.etag;
    if (validators.lastModified) fields.lastModified = validators.lastModified;
    if (Object.keys(fields).length === 0) {
      await this.redis.del(key);
      return;
    }
    await this.redis.multi().del(key).hset(key, fields).expire(key, this.ttlSeconds).exec();
  }
}
