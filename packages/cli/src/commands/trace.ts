import { identifyUrl } from '@newsflow/contracts';
import type { ApiClient } from '../client';
import { CliError } from '../client';

/** newsflow trace ID|URL: where one URL is, stage by stage, and its document when indexed. */
export async function traceCommand(client: ApiClient, options: { target: string; json: boolean; out: (text: string) => void }): Promise<number> {
  const id = /^[0-9a-f]{32}$/.test(options.target) ? options.target : identifyUrl(options.target).id;
  const { status, body } = await client.request<{
    url: string;
    run: number;
    stage: string;
    state: string;
    attempts: number;
    error?: { code: string; message: string };
    documentId?: string;
    stages: Record<string, { finishedAt: string; durationMs: number; note?: string }>;
  }>('GET', `/urls/${id}`);
  if (status === 404) throw new CliError(`no URL with id ${id} was submitted`, 2);
  if (options.json) {
    options.out(JSON.stringify(body, null, 2));
    return 0;
  }
  options.out(`${id}  ${body.url}\nrun ${body.run}: ${body.state} at ${body.stage}${body.attempts ? ` (attempt ${body.attempts})` : ''}`);
  for (const [stage, timing] of Object.entries(body.stages)) options.out(`  ${stage.padEnd(11)} ${String(timing.durationMs).padStart(6)} ms  ${timing.finishedAt}${timing.note ? `  ${timing.note}` : ''}`);
  if (body.error) options.out(`  error: ${body.error.code}: ${body.error.message}`);
  if (body.documentId) {
    const article = await client.request<{ title: string; language: string; publishedAt?: string; wordCount: number }>('GET', `/articles/${body.documentId}`);
    if (article.status === 200) options.out(`  indexed: "${article.body.title}" · ${article.body.language} · ${article.body.publishedAt ?? 'undated'} · ${article.body.wordCount} words`);
  }
  return body.state === 'failed' ? 1 : 0;
}
