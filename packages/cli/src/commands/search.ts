import type { ApiClient } from '../client';
import { CliError } from '../client';
import { highlight } from '../format';

interface Hit {
  id: string;
  title: string;
  titleHighlighted: string | null;
  url: string;
  publishedAt: string | null;
  language: string;
  domain: string;
  snippet: string;
}

/** newsflow search "query" [--lang eng --from 2025-09-01 --to … --size 10 --page 1 --json] */
export async function searchCommand(
  client: ApiClient,
  options: { query: string; params: Record<string, string | undefined>; json: boolean; tty: boolean; out: (text: string) => void },
): Promise<number> {
  const search = new URLSearchParams();
  if (options.query) search.set('q', options.query);
  for (const [key, value] of Object.entries(options.params)) if (value) search.set(key, value);
  const { status, body } = await client.request<{ total: number; hits: Hit[]; message?: string }>('GET', `/search?${search}`);
  if (status !== 200) throw new CliError(`search failed (${status}): ${body.message ?? ''}`, 2);
  if (options.json) {
    options.out(JSON.stringify(body, null, 2));
    return 0;
  }
  options.out(`${body.total} result${body.total === 1 ? '' : 's'}\n`);
  for (const hit of body.hits) {
    options.out(`${highlight(hit.titleHighlighted ?? hit.title, options.tty)}`);
    options.out(`  ${hit.publishedAt?.slice(0, 10) ?? 'undated'} · ${hit.language} · ${hit.domain} · ${hit.id}`);
    options.out(`  ${hit.url}`);
    options.out(`  ${highlight(hit.snippet, options.tty)}\n`);
  }
  return 0;
}
