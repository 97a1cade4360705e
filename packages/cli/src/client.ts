export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

export interface ApiClient {
  baseUrl: string;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A thin HTTP client for the Newsflow API with readable errors. */
export function createApiClient(baseUrl: string, apiKey: string | undefined): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: base,
    async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
      let response: Response;
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers: {
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        throw new CliError(`cannot reach the Newsflow API at ${base} (${(error as Error).message}). Is it running? Start it with: npm start`);
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      if (response.status === 401) throw new CliError('the API refused the request (401): pass an API key with --key or NEWSFLOW_API_KEY');
      if (response.status >= 500) {
        const message = (parsed as { message?: string })?.message ?? text.slice(0, 200);
        throw new CliError(`the API failed (${response.status}): ${message}`);
      }
      return { status: response.status, body: parsed as T };
    },
  };
}
