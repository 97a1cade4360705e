import { StageFailure } from '@newsflow/contracts';
import { createAddressPolicy, parseAllowList } from '../../../services/fetcher/src/address-policy';
import { createGuardedAgent, type ResolveHost } from '../../../services/fetcher/src/guarded-agent';
import { createHttpFetch, DEFAULT_FETCH_LIMITS, type FetchLimits, type HttpFetch } from '../../../services/fetcher/src/http-fetch';

/** Short timeouts so that hostile-server tests finish in seconds. */
export const TEST_TIMEOUTS = { connectTimeoutMs: 1_000, headersTimeoutMs: 1_000, idleTimeoutMs: 1_000 };

export function makeHttp(allow: string, limits: Partial<FetchLimits> = {}, resolve?: ResolveHost): { http: HttpFetch; close: () => Promise<void> } {
  const agent = createGuardedAgent({ policy: createAddressPolicy(parseAllowList(allow)), ...TEST_TIMEOUTS, ...(resolve ? { resolve } : {}) });
  const http = createHttpFetch(agent, { ...DEFAULT_FETCH_LIMITS, totalTimeoutMs: 4_000, ...limits });
  return { http, close: () => agent.close() };
}

/** The failure code a fetch ended with, or "ok". */
export async function outcomeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (error instanceof StageFailure) return error.code;
    throw error;
  }
}
