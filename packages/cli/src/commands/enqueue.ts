import { readFile } from 'node:fs/promises';
import type { ApiClient } from '../client';
import { CliError } from '../client';
import { progressBar, table } from '../format';

export interface EnqueueOptions {
  urls: string[];
  file?: string;
  wait: boolean;
  stdin?: () => Promise<string>;
  out: (text: string) => void;
  /** Rewrites the current line (progress). */
  status: (text: string) => void;
  pollMs?: number;
  timeoutMs?: number;
}

interface SubmitItem {
  url: string;
  id?: string;
  status?: string;
  error?: string;
  message?: string;
}

function linesOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** newsflow enqueue URL… | --file urls.txt | - [--wait] */
export async function enqueueCommand(client: ApiClient, options: EnqueueOptions): Promise<number> {
  const urls = [...options.urls.filter((u) => u !== '-')];
  if (options.file) urls.push(...linesOf(await readFile(options.file, 'utf8')));
  if (options.urls.includes('-') && options.stdin) urls.push(...linesOf(await options.stdin()));
  if (urls.length === 0) throw new CliError('no URLs given: pass URLs, --file urls.txt, or - to read standard input', 2);

  const items: SubmitItem[] = [];
  for (let i = 0; i < urls.length; i += 1000) {
    const response = await client.request<{ items: SubmitItem[]; message?: string }>('POST', '/urls', { urls: urls.slice(i, i + 1000) });
    if (response.status !== 202) throw new CliError(`the API rejected the request (${response.status}): ${response.body.message ?? ''}`);
    items.push(...response.body.items);
  }
  for (const item of items) options.out(item.id ? `${item.id}  ${item.status ?? ''}  ${item.url}` : `rejected  ${item.error}: ${item.message}  ${item.url}`);
  const ids = [...new Set(items.flatMap((i) => (i.id ? [i.id] : [])))];
  if (!options.wait || ids.length === 0) return items.some((i) => i.error) ? 1 : 0;

  const final = new Map<string, { state: string; error?: { code: string } }>();
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  while (final.size < ids.length) {
    for (const id of ids) {
      if (final.has(id)) continue;
      const { body } = await client.request<{ state: string; error?: { code: string } }>('GET', `/urls/${id}`);
      if (body.state === 'done' || body.state === 'failed') final.set(id, body);
    }
    options.status(`${progressBar(final.size, ids.length)} done`);
    if (final.size === ids.length) break;
    if (Date.now() > deadline) throw new CliError(`gave up waiting: ${ids.length - final.size} URLs still in progress`);
    await new Promise((r) => setTimeout(r, options.pollMs ?? 500));
  }
  options.status('');
  const failedByReason = new Map<string, number>();
  let indexed = 0;
  for (const outcome of final.values()) {
    if (outcome.state === 'done') indexed++;
    else failedByReason.set(outcome.error?.code ?? 'unknown', (failedByReason.get(outcome.error?.code ?? 'unknown') ?? 0) + 1);
  }
  const rows: (string | number)[][] = [['indexed', indexed], ...[...failedByReason.entries()].map(([code, n]) => [`failed: ${code}`, n])];
  options.out(`\n${table(['outcome', 'urls'], rows)}`);
  return failedByReason.size > 0 ? 1 : 0;
}
