import { readFileSync } from 'node:fs';
import { getDomain } from 'tldts';
import { z } from 'zod';
import { PublisherType, type Publisher } from '@newsflow/contracts';

/**
 * Publisher facts by domain, from the user-extendable data/publishers.json. Registrable domains
 * come from the Public Suffix List (tldts), so "bbc.co.uk" and "edition.cnn.com" resolve the
 * way a person would read them.
 */

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

const PublisherEntry = z
  .object({
    domain: z.string().regex(HOST, 'a lower-case host name such as "cnn.com" (no scheme, no path)').refine((d) => !d.startsWith('www.'), 'leave out "www."'),
    name: z.string().min(1).max(200),
    country: z.string().regex(/^[A-Z]{2}$/, 'an upper-case ISO 3166-1 alpha-2 code such as "GB"'),
    type: PublisherType,
  })
  .strict();

const PublisherFile = z
  .object({
    about: z.string().optional(),
    publishers: z.array(PublisherEntry),
  })
  .strict();

export class PublisherDirectory {
  private readonly byDomain: ReadonlyMap<string, Publisher>;

  private constructor(byDomain: Map<string, Publisher>) {
    this.byDomain = byDomain;
  }

  /** Validates a parsed publishers file; every problem is reported with its entry. */
  static fromData(data: unknown, source = 'publishers data'): PublisherDirectory {
    const parsed = PublisherFile.safeParse(data);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
      throw new Error(`invalid ${source}:\n  - ${problems.join('\n  - ')}`);
    }
    const byDomain = new Map<string, Publisher>();
    for (const entry of parsed.data.publishers) {
      if (byDomain.has(entry.domain)) throw new Error(`invalid ${source}: ${entry.domain} is listed twice`);
      byDomain.set(entry.domain, { ...entry });
    }
    return new PublisherDirectory(byDomain);
  }

  static fromFile(path: string): PublisherDirectory {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read publishers file ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return PublisherDirectory.fromData(data, path);
  }

  get size(): number {
    return this.byDomain.size;
  }

  entries(): Publisher[] {
    return [...this.byDomain.values()];
  }

  /** The publisher of a URL or host name: the most specific listed host or parent domain. */
  lookup(urlOrHost: string): Publisher | undefined {
    let host = hostOf(urlOrHost);
    if (!host) return undefined;
    if (host.startsWith('www.')) host = host.slice(4);
    const registrable = getDomain(host) ?? host;
    for (let candidate = host; ; ) {
      const publisher = this.byDomain.get(candidate);
      if (publisher) return publisher;
      if (candidate.length <= registrable.length) return undefined;
      const dot = candidate.indexOf('.');
      if (dot < 0) return undefined;
      candidate = candidate.slice(dot + 1);
    }
  }
}

function hostOf(urlOrHost: string): string | null {
  if (!urlOrHost.includes('/')) return urlOrHost.toLowerCase().replace(/\.$/, '') || null;
  try {
    return new URL(urlOrHost).hostname.toLowerCase().replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

/** Registrable domain of a URL (edition.cnn.com → cnn.com); undefined for IP addresses. */
export function registrableDomainOf(url: string): string | undefined {
  const host = hostOf(url);
  if (!host) return undefined;
  return getDomain(host) ?? undefined;
}
