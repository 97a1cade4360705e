import { Agent, request, type Dispatcher } from 'undici';
import { StageFailure } from '@newsflow/contracts';

export interface FetchLimits {
  connectTimeoutMs: number;
  headersTimeoutMs: number;
  /** Longest silence between two body chunks (slow-drip servers). */
  idleTimeoutMs: number;
  totalTimeoutMs: number;
  maxRedirects: number;
  maxBytes: number;
  userAgent: string;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = Object.freeze({
  connectTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  idleTimeoutMs: 10_000,
  totalTimeoutMs: 30_000,
  maxRedirects: 10,
  maxBytes: 5 * 1024 * 1024,
  userAgent: 'NewsflowBot/0.1 (+https://github.com/newsflow/newsflow)',
});

export interface FetchedPage {
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  redirects: number;
}

const HTML_TYPES = ['text/html', 'application/xhtml+xml'];
const KEPT_HEADERS = ['content-type', 'content-language', 'etag', 'last-modified', 'retry-after', 'content-length'];

export function isHtmlContentType(contentType: string | undefined): boolean {
  if (!contentType) return true; // many servers omit it; the body is sniffed later
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return HTML_TYPES.includes(type);
}

function headerValue(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Seconds or an HTTP date → milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Downloads one page with hard limits: timeouts for connect, headers, idle and total; a redirect
 * limit with loop detection; a cap on decoded bytes; HTML content types only. Turns every
 * failure into a coded StageFailure.
 */
export async function fetchPage(
  url: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
  options: { dispatcher?: Dispatcher; extraHeaders?: Record<string, string> } = {},
): Promise<FetchedPage> {
  const dispatcher =
    options.dispatcher ?? new Agent({ connect: { timeout: limits.connectTimeoutMs }, headersTimeout: limits.headersTimeoutMs, bodyTimeout: limits.idleTimeoutMs });
  const ownsDispatcher = !options.dispatcher;
  const deadline = AbortSignal.timeout(limits.totalTimeoutMs);
  const seen = new Set<string>();
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      if (seen.has(current)) throw new StageFailure('too_many_redirects', `redirect loop at ${current}`);
      seen.add(current);
      const protocol = new URL(current).protocol;
      if (protocol !== 'http:' && protocol !== 'https:') throw new StageFailure('invalid_url', `redirect to unsupported scheme ${protocol}`);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(current, {
          dispatcher,
          method: 'GET',
          signal: deadline,
          headers: {
            'user-agent': limits.userAgent,
            accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
            'accept-encoding': 'gzip, deflate, br',
            ...options.extraHeaders,
          },
        });
      } catch (error) {
        throw classifyNetworkError(error, current);
      }
      const { statusCode, headers } = response;
      if (statusCode >= 300 && statusCode < 400 && statusCode !== 304) {
        await response.body.dump();
        const location = headerValue(headers, 'location');
        if (!location) throw new StageFailure('http_4xx', `redirect ${statusCode} without Location`);
        if (redirects + 1 > limits.maxRedirects) throw new StageFailure('too_many_redirects', `more than ${limits.maxRedirects} redirects`);
        current = new URL(location, current).toString();
        continue;
      }
      const kept: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = headerValue(headers, name);
        if (value !== undefined) kept[name] = value;
      }
      if (statusCode === 429 || statusCode === 503) {
        await response.body.dump();
        const retryAfterMs = parseRetryAfter(kept['retry-after']);
        throw new StageFailure('rate_limited', `HTTP ${statusCode} from ${new URL(current).host}`, retryAfterMs === undefined ? {} : { retryAfterMs });
      }
      if (statusCode >= 500) {
        await response.body.dump();
        throw new StageFailure('http_5xx', `HTTP ${statusCode}`);
      }
      if (statusCode >= 400) {
        await response.body.dump();
        throw new StageFailure('http_4xx', `HTTP ${statusCode}`);
      }
      if (statusCode !== 304 && !isHtmlContentType(kept['content-type'])) {
        await response.body.dump();
        throw new StageFailure('not_html', `content type ${kept['content-type']} is not HTML`);
      }
      const declared = Number(kept['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        await response.body.dump();
        throw new StageFailure('too_large', `Content-Length ${declared} exceeds the ${limits.maxBytes}-byte cap`);
      }
      const chunks: Buffer[] = [];
      let total = 0;
      try {
        for await (const chunk of response.body) {
          total += (chunk as Buffer).length;
          if (total > limits.maxBytes) {
            response.body.destroy();
            throw new StageFailure('too_large', `body exceeds the ${limits.maxBytes}-byte cap`);
          }
          chunks.push(chunk as Buffer);
        }
      } catch (error) {
        if (error instanceof StageFailure) throw error;
        throw classifyNetworkError(error, current);
      }
      return { finalUrl: current, status: statusCode, headers: kept, body: Buffer.concat(chunks, total), redirects };
    }
  } finally {
    if (ownsDispatcher) await (dispatcher as Agent).close().catch(() => undefined);
  }
}

export function classifyNetworkError(error: unknown, url: string): StageFailure {
  const err = error as { code?: string; name?: string; message?: string };
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  switch (err.code) {
    case 'ENOTFOUND':
      return new StageFailure('dns_not_found', `host ${host} does not exist`);
    case 'EAI_AGAIN':
      return new StageFailure('dns_error', `DNS lookup for ${host} failed temporarily`);
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new StageFailure('connect_timeout', `no connection to ${host} in time`);
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new StageFailure('timeout', `${host} stopped sending (${err.code})`);
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new StageFailure('connect_error', `${err.code} from ${host}`);
    default:
      break;
  }
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return new StageFailure('timeout', `${host} did not answer within the total timeout`);
  return new StageFailure('connect_error', `${err.message ?? String(error)} (${host})`);
}
