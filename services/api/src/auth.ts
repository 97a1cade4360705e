import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * API keys as configured in NEWSFLOW_API_KEYS ("name:key,name2:key2"). Only SHA-256 digests are
 * kept in memory, and every check compares against every digest in constant time, so neither the
 * keys nor their count leak through timing. Revoking a key = removing it and restarting.
 */
export class ApiKeyring {
  private readonly entries: { name: string; digest: Buffer }[];

  constructor(entries: { name: string; key: string }[]) {
    this.entries = entries.map(({ name, key }) => ({ name, digest: digest(key) }));
  }

  static parse(spec: string | undefined): ApiKeyring {
    const entries: { name: string; key: string }[] = [];
    for (const item of (spec ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      const colon = item.indexOf(':');
      if (colon <= 0) throw new Error('NEWSFLOW_API_KEYS entries must look like name:key');
      const name = item.slice(0, colon);
      const key = item.slice(colon + 1);
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) throw new Error(`API key name "${name}" may use letters, digits, _ . - only`);
      if (key.length < 16) throw new Error(`API key "${name}" is shorter than 16 characters`);
      entries.push({ name, key });
    }
    return new ApiKeyring(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The key's name, or null. */
  verify(presented: string): string | null {
    const candidate = digest(presented);
    let match: string | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(candidate, entry.digest) && match === null) match = entry.name;
    }
    return match;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** "Bearer <key>" → key. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
