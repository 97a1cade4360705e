import { DEFAULT_CONTENT_TYPES, createAddressPolicy, createGuardedAgent, createHttpFetch, parseAllowList, type HttpFetch, type ResolveHost } from '@newsflow/fetcher';

export interface DiscoveryHttpSettings {
  /** NEWSFLOW_FETCH_ALLOW syntax: which private addresses may be contacted. */
  allow: string;
  userAgent: string;
  maxBytes: number;
  totalTimeoutMs: number;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  resolve?: ResolveHost;
}

/**
 * The fetcher's guarded HTTP client (SSRF-safe address checks on every connection, redirect
 * and size limits, coded failures), set up for feeds: any media type, a larger byte cap.
 */
export function createDiscoveryHttp(settings: DiscoveryHttpSettings): { http: HttpFetch; close: () => Promise<void> } {
  const dispatcher = createGuardedAgent({
    policy: createAddressPolicy(parseAllowList(settings.allow)),
    ...(settings.resolve ? { resolve: settings.resolve } : {}),
    connectTimeoutMs: settings.connectTimeoutMs,
    headersTimeoutMs: settings.totalTimeoutMs,
    idleTimeoutMs: settings.idleTimeoutMs,
  });
  const http = createHttpFetch(dispatcher, {
    totalTimeoutMs: settings.totalTimeoutMs,
    maxRedirects: 10,
    maxBytes: settings.maxBytes,
    maxUrlLength: 4096,
    userAgent: settings.userAgent,
    // Feed requests pass contentTypes: null (servers label feeds every way); pages stay HTML.
    contentTypes: DEFAULT_CONTENT_TYPES,
  });
  return { http, close: () => dispatcher.close() };
}
