import { promisify } from 'node:util';
import { gzip, gunzip, constants } from 'node:zlib';
import type { Redis } from 'ioredis';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Stores large payloads (raw HTML) once, compressed and with a TTL, so that queues carry only a
 * reference. Compression runs on libuv's thread pool, off the event loop.
 */
export class BlobStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {}

  keyFor(kind: string, id: string): string {
    return `${this.prefix}:blob:${kind}:${id}`;
  }

  async put(kind: string, id: string, content: string): Promise<string> {
    const key = this.keyFor(kind, id);
    const compressed = await gzipAsync(Buffer.from(content, 'utf8'), { level: constants.Z_BEST_SPEED + 5 });
    await this.redis.set(key, compressed, 'EX', this.ttlSeconds);
    return key;
  }

  /** Returns the stored text, or null when it expired or never existed. */
  async get(key: string): Promise<string | null> {
    if (!key.startsWith(`${this.prefix}:blob:`)) throw new Error(`blob key outside this store: ${key}`);
    const compressed = await this.redis.getBuffer(key);
    if (!compressed) return null;
    return (await gunzipAsync(compressed)).toString('utf8');
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }
}
