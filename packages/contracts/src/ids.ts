import { createHash } from 'node:crypto';

/** Query parameters that only track the reader; they never change which article a URL names. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'msclkid', 'yclid', 'igshid', 'mc_cid', 'mc_eid', 'ref_src', 'ref_url',
  '_ga', '_gl', 'cmpid', 'ocid', 'smid', 'smtyp', 'wt_mc', 'at_medium', 'at_campaign', 'spm', 'share',
]);

export const MAX_URL_LENGTH = 2048;

export class InvalidUrlError extends Error {
  constructor(
    readonly code: 'invalid_url' | 'unsupported_scheme' | 'credentials_in_url' | 'url_too_long',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidUrlError';
  }
}

/**
 * Parses a user-supplied URL and returns its canonical form: lower-case host, no default port,
 * no fragment, no tracking parameters, remaining parameters sorted. Two spellings of one article
 * normalise to the same string, which is what makes document ids idempotent.
 */
export function normalizeUrl(input: string): string {
  const raw = input.trim();
  if (raw.length === 0) throw new InvalidUrlError('invalid_url', 'URL is empty');
  if (raw.length > MAX_URL_LENGTH) throw new InvalidUrlError('url_too_long', `URL is longer than ${MAX_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidUrlError('invalid_url', `not a valid absolute URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError('unsupported_scheme', `only http and https URLs are accepted, not ${url.protocol.replace(/:$/, '')}`);
  }
  if (url.username || url.password) throw new InvalidUrlError('credentials_in_url', 'URLs with credentials are not accepted');
  if (!url.hostname) throw new InvalidUrlError('invalid_url', 'URL has no host');
  url.hash = '';
  // WHATWG URL already lower-cases the host and drops default ports.
  const kept = [...url.searchParams.entries()].filter(([key]) => {
    const k = key.toLowerCase();
    return !k.startsWith('utm_') && !TRACKING_PARAMS.has(k);
  });
  kept.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  return url.toString();
}

/** Document id: a stable hash of the normalised URL (hex, 32 chars = 128 bits). */
export function documentIdFor(normalizedUrl: string): string {
  return createHash('sha256').update(normalizedUrl).digest('hex').slice(0, 32);
}

/** Parses and identifies a URL in one step. */
export function identifyUrl(input: string): { url: string; id: string } {
  const url = normalizeUrl(input);
  return { url, id: documentIdFor(url) };
}

const DOC_ID = /^[0-9a-f]{32}$/;
export function isDocumentId(value: string): boolean {
  return DOC_ID.test(value);
}

/** The registrable-ish host used for faceting: lower-case, without a leading "www.". */
export function sourceDomain(url: string): string {
  const host = new URL(url).hostname.toLowerCase();
  return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * Job id of one URL's run in one queue. Deterministic, so a retried enqueue of the same hop is a
 * no-op in BullMQ; the run number makes a later re-submission a new job rather than a silent dedup.
 * (BullMQ reserves ':' in custom ids.)
 */
export function jobIdFor(docId: string, run: number): string {
  return `${docId}-${run}`;
}
