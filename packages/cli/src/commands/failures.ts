import type { ApiClient } from '../client';
import { table } from '../format';

interface Group {
  stage: string;
  code: string;
  retryable: boolean;
  count: number;
  domains: { domain: string; count: number }[];
  examples: { url: string; message: string }[];
}

/** newsflow failures [--stage S] [--reason CODE] [--retry [--all]] */
export async function failuresCommand(
  client: ApiClient,
  options: { stage?: string; reason?: string; retry: boolean; includePermanent: boolean; out: (text: string) => void },
): Promise<number> {
  if (options.retry) {
    const { body } = await client.request<{ retried: number; skipped: number }>('POST', '/failures/retry', {
      ...(options.stage ? { stage: options.stage } : {}),
      ...(options.reason ? { code: options.reason } : {}),
      includePermanent: options.includePermanent,
    });
    options.out(`re-submitted ${body.retried}, skipped ${body.skipped}${options.includePermanent ? '' : ' (permanent failures are skipped without --all)'}`);
    return 0;
  }
  const query = new URLSearchParams({ examples: '3' });
  if (options.stage) query.set('stage', options.stage);
  if (options.reason) query.set('code', options.reason);
  const { body } = await client.request<{ total: number; groups: Group[] }>('GET', `/failures?${query}`);
  if (body.total === 0) {
    options.out('no failed items');
    return 0;
  }
  options.out(
    table(
      ['stage', 'reason', 'count', 'retryable', 'top domains'],
      body.groups.map((g) => [g.stage, g.code, g.count, g.retryable ? 'yes' : 'no', g.domains.slice(0, 3).map((d) => `${d.domain} (${d.count})`).join(', ')]),
    ),
  );
  for (const group of body.groups) {
    options.out(`\n${group.stage}/${group.code}:`);
    for (const example of group.examples) options.out(`  ${example.url}\n    ${example.message}`);
  }
  return 0;
}
