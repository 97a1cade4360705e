import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { MIMEType } from 'node:util';
import { request, type Dispatcher } from 'undici';
import { MAX_URL_LENGTH, StageFailure } from '@newsflow/contracts';
import { BlockedAddressError } from './guarded-agent';
import { detectBotWall } from './page-checks';

export interface FetchLimits {
  /** Hard limit for the whole fetch, redirects included. */
  totalTimeoutMs: number;
  maxRedirects: number;
  /** Cap on bytes after decompression (and on bytes on the wire). */
  maxBytes: number;
  maxUrlLength: number;
  userAgent: string;
  /** Media types accepted for pages, checked before the body is read. */
  contentTypes: readonly string[];
}

export const DEFAULT_CONTENT_TYPES = Object.freeze(['text/html', 'application/xhtml+xml']);

export const DEFAULT_FETCH_LIMITS: FetchLimits = Object.freeze({
  totalTimeoutMs: 30_000,
  maxRedirects: 10,
  maxBytes: 5 * 1024 * 1024,
  maxUrlLength: MAX_URL_LENGTH,
  userAgent: 'NewsflowBot/0.1 (+https://github.com/newsflow/newsflow)',
  contentTypes: DEFAULT_CONTENT_TYPES,
});

export interface FetchedPage {
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  redirects: number;
}

export interface FetchOptions {
  /** Extra request headers (conditional-request validators). */
  headers?: Record<string, string>;
  accept?: string;
  /** null accepts any media type (robots.txt). */
  contentTypes?: readonly string[] | null;
  maxBytes?: number;
  /** Keep the first maxBytes instead of failing with too_large (robots.txt). */
  truncate?: boolean;
  /** Called before following a redirect, e.g. to check robots.txt of another host. */
  beforeRedirect?: (url: URL) => Promise<void>;
}

/** Fetches one URL; every failure is a coded StageFailure. */
export type HttpFetch = (url: string, options?: FetchOptions) => Promise<FetchedPage>;

const KEPT_HEADERS = ['content-type', 'content-language', 'etag', 'last-modified', 'retry-after', 'content-length', 'content-encoding', 'cf-mitigated', 'server'];
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Enough of an error page to recognise a bot challenge. */
const ERROR_BODY_BYTES = 64 * 1024;

/** The media type without parameters, or null when the header is missing or malformed. */
export function mediaTypeOf(contentType: string | undefined): string | null {
  if (!contentType) return null;
  try {
    return new MIMEType(contentType).essence;
  } catch {
    return null;
  }
}

export function charsetOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  try {
    return new MIMEType(contentType).params.get('charset') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Seconds or an HTTP date → milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Rejects what must never be requested: other schemes, credentials, over-long URLs.
 * Addresses are vetted by the dispatcher when it connects, not here.
 */
export function checkUrl(raw: string, maxUrlLength: number): URL {
  if (raw.length > maxUrlLength) throw new StageFailure('invalid_url', `URL is longer than ${maxUrlLength} characters`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new StageFailure('invalid_url', `not a valid absolute URL: ${JSON.stringify(raw.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StageFailure('invalid_url', `scheme ${url.protocol} is not allowed`);
  if (url.username || url.password) throw new StageFailure('invalid_url', 'URLs with credentials are not fetched');
  url.hash = '';
  return url;
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

const decompressors: Record<string, (data: Buffer, options: { maxOutputLength: number }) => Buffer> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/**
 * Undoes Content-Encoding. zlib's maxOutputLength stops a decompression bomb at the cap
 * instead of after it has filled memory; the compressed input is already capped on the wire.
 * The synchronous API checks the limit after every 16 KiB of output, so the overshoot is fixed;
 * the streaming API was measured to overshoot by tens of MiB. At most maxBytes are inflated
 * per call (a few milliseconds of CPU), which is an acceptable pause for the event loop.
 */
function decodeContent(raw: Buffer, contentEncoding: string | undefined, maxBytes: number): Buffer {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let body = raw;
  for (const coding of codings.reverse()) {
    const decompress = decompressors[coding];
    if (!decompress) throw new StageFailure('not_html', `unsupported content-encoding ${coding}`);
    try {
      body = decompress(body, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new StageFailure('too_large', `decompressed body exceeds the ${maxBytes}-byte cap`);
      }
      throw new StageFailure('http_5xx', `the server sent a corrupt ${coding} body`, { cause: error });
    }
  }
  return body;
}

/** Drops a body we will not read; its abort error has nowhere to go and must not crash the process. */
function discard(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return;
  body.on('error', () => undefined);
  body.destroy();
}

/**
 * Reads a body into memory, never holding more than maxBytes of it. Chunks are kept as they
 * arrive (copying them into one reserved buffer was measured to grow RSS more: every chunk
 * becomes garbage at once) and joined at the end.
 */
async function readCapped(body: Dispatcher.ResponseData['body'], maxBytes: number, truncate: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    if (total + buffer.length > maxBytes) {
      discard(body);
      if (!truncate) throw new StageFailure('too_large', `body exceeds the ${maxBytes}-byte cap`);
      chunks.push(buffer.subarray(0, maxBytes - total));
      total = maxBytes;
      break;
    }
    chunks.push(buffer);
    total += buffer.length;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

async function readErrorBody(response: Dispatcher.ResponseData, encoding: string | undefined): Promise<string> {
  try {
    const raw = await readCapped(response.body, ERROR_BODY_BYTES, true);
    try {
      return decodeContent(raw, encoding, ERROR_BODY_BYTES).toString('latin1');
    } catch {
      return raw.toString('latin1');
    }
  } catch {
    return '';
  }
}

/**
 * The HTTP layer: follows redirects by hand (at most maxRedirects, loops detected, scheme and
 * host re-checked on each hop), enforces the content-type allow-list before reading, caps the
 * body, undoes compression within the cap, and maps every outcome to a coded StageFailure.
 * Connection-level safety (addresses, connect/headers/idle timeouts) lives in the dispatcher.
 */
export function createHttpFetch(dispatcher: Dispatcher, limits: FetchLimits): HttpFetch {
  return async (rawUrl, options = {}) => {
    const maxBytes = options.maxBytes ?? limits.maxBytes;
    const contentTypes = options.contentTypes === undefined ? limits.contentTypes : options.contentTypes;
    const deadline = AbortSignal.timeout(limits.totalTimeoutMs);
    const seen = new Set<string>();
    let current = checkUrl(rawUrl, limits.maxUrlLength);
    for (let redirects = 0; ; redirects++) {
      seen.add(current.href);
      let redirectTo: URL;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(current, {
          dispatcher,
          method: 'GET',
          signal: deadline,
          headers: {
            'user-agent': limits.userAgent,
            accept: options.accept ?? 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
            'accept-encoding': 'gzip, deflate, br',
            ...options.headers,
          },
        });
      } catch (error) {
        throw classifyNetworkError(error, current.href);
      }
      try {
        const { statusCode, headers } = response;
        const kept: Record<string, string> = {};
        for (const name of KEPT_HEADERS) {
          const value = headerValue(headers, name);
          if (value !== undefined) kept[name] = value;
        }
        if (REDIRECT_STATUSES.has(statusCode)) {
          await response.body.dump();
          const location = headerValue(headers, 'location');
          if (!location) throw new StageFailure('http_4xx', `redirect ${statusCode} without Location`);
          if (redirects + 1 > limits.maxRedirects) throw new StageFailure('too_many_redirects', `more than ${limits.maxRedirects} redirects`);
          let next: URL;
          try {
            next = checkUrl(new URL(location, current).href, limits.maxUrlLength);
          } catch (error) {
            if (error instanceof StageFailure) throw new StageFailure(error.code, `redirect target rejected: ${error.message}`);
            throw error;
          }
          if (seen.has(next.href)) throw new StageFailure('too_many_redirects', `redirect loop back to ${next.href}`);
          redirectTo = next;
        } else {
          return await readResponse(response, current, redirects, kept, { ...options, maxBytes, contentTypes });
        }
      } catch (error) {
        // Errors while reading (aborts, resets, idle timeouts) get their codes here too.
        throw classifyNetworkError(error, current.href);
      } finally {
        // Frees the connection if the body was not consumed (no-op once it was).
        discard(response.body);
      }
      // Outside the try: a hook may defer the job (StageDeferral), which is not a network error.
      if (options.beforeRedirect) await options.beforeRedirect(redirectTo);
      current = redirectTo;
    }
  };
}

/** Turns a final (non-redirect) response into a page or a coded failure. */
async function readResponse(
  response: Dispatcher.ResponseData,
  current: URL,
  redirects: number,
  kept: Record<string, string>,
  options: FetchOptions & { maxBytes: number; contentTypes: readonly string[] | null },
): Promise<FetchedPage> {
  const { statusCode } = response;
  const { maxBytes, contentTypes } = options;
  if (statusCode === 304) {
    await response.body.dump();
    return { finalUrl: current.href, status: statusCode, headers: kept, body: Buffer.alloc(0), redirects };
  }
  if (statusCode >= 400) await throwForErrorStatus(response, statusCode, kept, current);
  if (statusCode < 200 || statusCode >= 300) throw new StageFailure('http_4xx', `unexpected HTTP ${statusCode}`);
  const mediaType = mediaTypeOf(kept['content-type']);
  // A missing type is allowed (many servers omit it); the stage sniffs binary content.
  if (contentTypes && kept['content-type'] !== undefined && (!mediaType || !contentTypes.includes(mediaType))) {
    throw new StageFailure('not_html', `content type ${kept['content-type']} is not accepted`);
  }
  const declared = Number(kept['content-length']);
  if (!options.truncate && Number.isFinite(declared) && declared > maxBytes) {
    throw new StageFailure('too_large', `Content-Length ${declared} exceeds the ${maxBytes}-byte cap`);
  }
  const raw = await readCapped(response.body, maxBytes, options.truncate ?? false);
  let body: Buffer;
  try {
    body = decodeContent(raw, kept['content-encoding'], maxBytes);
  } catch (error) {
    // robots.txt: a bomb is treated as an empty file rather than a failure.
    if (error instanceof StageFailure && error.code === 'too_large' && options.truncate) body = Buffer.alloc(0);
    else throw error;
  }
  return { finalUrl: current.href, status: statusCode, headers: kept, body, redirects };
}

async function throwForErrorStatus(response: Dispatcher.ResponseData, status: number, headers: Record<string, string>, url: URL): Promise<never> {
  const host = url.host;
  if (status === 402) throw new StageFailure('paywall', `HTTP 402 from ${host}`);
  if (status === 403 || status === 429 || status === 503) {
    const body = await readErrorBody(response, headers['content-encoding']);
    const wall = detectBotWall(headers, body);
    if (wall) throw new StageFailure('bot_wall', `HTTP ${status} from ${host}: ${wall}`);
  }
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const retry = retryAfterMs === undefined ? {} : { retryAfterMs };
  // 429 always means "slow down"; 503 only when it says for how long, otherwise it is an outage.
  if (status === 429 || (status === 503 && retryAfterMs !== undefined)) throw new StageFailure('rate_limited', `HTTP ${status} from ${host}`, retry);
  if (status === 408) throw new StageFailure('timeout', `HTTP 408 from ${host}`);
  if (status >= 500) throw new StageFailure('http_5xx', `HTTP ${status} from ${host}`, retry);
  throw new StageFailure('http_4xx', `HTTP ${status} from ${host}`);
}

function causeChain(error: unknown): { code?: string; name?: string; message?: string }[] {
  const chain: { code?: string; name?: string; message?: string }[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 5) {
    chain.push(current as { code?: string; name?: string; message?: string });
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

export function classifyNetworkError(error: unknown, url: string): StageFailure {
  if (error instanceof StageFailure) return error;
  const host = URL.canParse(url) ? new URL(url).host : url;
  const chain = causeChain(error);
  const blocked = chain.find((e) => e instanceof BlockedAddressError);
  if (blocked) return new StageFailure('blocked_address', blocked.message ?? `${host} is blocked`);
  for (const err of chain) {
    switch (err.code) {
      case 'ENOTFOUND':
        return new StageFailure('dns_not_found', `host ${host} does not exist`);
      case 'EAI_AGAIN':
        return new StageFailure('dns_error', `DNS lookup for ${host} failed temporarily`);
      case 'UND_ERR_CONNECT_TIMEOUT':
      case 'ETIMEDOUT':
        return new StageFailure('connect_timeout', `no connection to ${host} in time`);
      case 'UND_ERR_HEADERS_TIMEOUT':
        return new StageFailure('timeout', `${host} sent no response headers in time`);
      case 'UND_ERR_BODY_TIMEOUT':
        return new StageFailure('timeout', `${host} stopped sending the body (idle timeout)`);
      case 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH':
        return new StageFailure('connect_error', `${host} sent a body that does not match its Content-Length`);
      case 'ECONNREFUSED':
      case 'ECONNRESET':
      case 'EPIPE':
      case 'UND_ERR_SOCKET':
        return new StageFailure('connect_error', `${err.code} from ${host}`);
      default:
        break;
    }
  }
  if (chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return new StageFailure('timeout', `${host} did not finish within the total timeout`);
  }
  const first = chain[0];
  return new StageFailure('connect_error', `${first?.message ?? String(error)} (${host})`);
}
