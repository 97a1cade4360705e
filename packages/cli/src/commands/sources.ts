import { parseArgs } from 'node:util';

/** The HTTP client the CLI frame hands to commands (see ../client.ts). */
export interface CommandClient {
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Rewrites the current terminal line (progress); optional. */
  status?: (text: string) => void;
}

const defaultIo: CommandIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export const SOURCES_HELP = `newsflow sources <action> …

  add URL [--every 15m] [--name NAME] [--no-backfill] [--refetch-updated]
                        follow a feed, sitemap (index) or URL list; polled every --every
                        (s, m, h, d; default 15m). --no-backfill: only articles that appear
                        after now. --refetch-updated: re-fetch articles the feed marks as edited.
  list [--json]         every source with its last and next poll, new items and last error
  show ID [--json]      one source in detail
  pause ID | resume ID | poll ID | remove ID
  every ID 1h           change the poll interval
  refetch ID URL        fetch one of the source's articles again (after an edit)
  discover SITE_URL [--add] [--every 15m]
                        find a site's feeds and sitemaps; --add follows the ones found`;

interface SourceView {
  id: string;
  url: string;
  name?: string;
  title?: string;
  state: string;
  format?: string;
  intervalSeconds: number;
  lastPollAt: string | null;
  nextPollAt: string | null;
  itemsSeen: number;
  newItems: number;
  totalSubmitted: number;
  consecutiveFailures: number;
  lastError: { code: string; message: string; at: string } | null;
  lastPoll?: { outcome: string; listed: number; submitted: number; rejected: number; durationMs: number };
}

interface DiscoverResult {
  site: string;
  feeds: { url: string; format: string; title?: string; entries: number; via: string }[];
  sitemaps: { url: string; format: string; entries: number; via: string }[];
  rejected: { url: string; code: string; message: string }[];
}

/** "90", "90s", "15m", "2h", "1d" → seconds. */
export function parseInterval(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (!match) throw new Error(`cannot read the interval "${text}": use e.g. 90s, 15m, 2h or 1d`);
  const unit = { '': 1, s: 1, m: 60, h: 3_600, d: 86_400 }[match[2]!.toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const abs = Math.abs(seconds);
  const text = abs < 90 ? `${abs}s` : abs < 5_400 ? `${Math.round(abs / 60)}m` : abs < 172_800 ? `${Math.round(abs / 3_600)}h` : `${Math.round(abs / 86_400)}d`;
  return seconds < 0 ? `${text} ago` : `in ${text}`;
}

function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function describe(source: SourceView): string {
  const rows: [string, string][] = [
    ['id', source.id],
    ['url', source.url],
    ...(source.name ? [['name', source.name] as [string, string]] : []),
    ...(source.title ? [['title', source.title] as [string, string]] : []),
    ['state', source.state],
    ['format', source.format ?? '(not polled yet)'],
    ['interval', `${source.intervalSeconds}s`],
    ['last poll', source.lastPollAt ? `${source.lastPollAt} (${ago(source.lastPollAt)}), ${source.lastPoll?.outcome ?? ''}` : 'never'],
    ['next poll', source.nextPollAt ? `${source.nextPollAt} (${ago(source.nextPollAt)})` : source.state === 'paused' ? 'paused' : '—'],
    ['items seen', String(source.itemsSeen)],
    ['new items (last poll)', String(source.newItems)],
    ['submitted in total', String(source.totalSubmitted)],
    ['last error', source.lastError ? `${source.lastError.code}: ${source.lastError.message} (${ago(source.lastError.at)}, ${source.consecutiveFailures} in a row)` : 'none'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}

function failed(io: CommandIo, response: { status: number; body: unknown }): number {
  const body = response.body as { error?: string; message?: string };
  io.err(`newsflow: ${body?.error ?? `HTTP ${response.status}`}: ${body?.message ?? JSON.stringify(response.body)}`);
  return response.status === 404 ? 3 : 1;
}

/** newsflow sources … — add, list, show, pause, resume, poll, remove, discover sources. */
export async function sourcesCommand(args: string[], client: CommandClient, io: CommandIo = defaultIo): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        every: { type: 'string' },
        name: { type: 'string' },
        'no-backfill': { type: 'boolean' },
        'refetch-updated': { type: 'boolean' },
        json: { type: 'boolean' },
        add: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        // Global options the CLI frame reads itself; accepted here so it can pass argv through.
        api: { type: 'string' },
        key: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${SOURCES_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  const [action, target, extra] = positionals;
  if (values.help || !action) {
    (values.help ? io.out : io.err)(SOURCES_HELP);
    return values.help ? 0 : 2;
  }
  let intervalSeconds: number | undefined;
  try {
    intervalSeconds = values.every ? parseInterval(values.every as string) : undefined;
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const needTarget = (what: string): boolean => {
    if (target) return true;
    io.err(`newsflow sources ${action} needs ${what}\n\n${SOURCES_HELP}`);
    return false;
  };

  switch (action) {
    case 'add': {
      if (!needTarget('a feed, sitemap or URL-list URL')) return 2;
      const response = await client.request<SourceView>('POST', '/sources', {
        url: target,
        ...(intervalSeconds ? { intervalSeconds } : {}),
        ...(values.name ? { name: values.name } : {}),
        ...(values['no-backfill'] ? { backfill: false } : {}),
        ...(values['refetch-updated'] ? { refetchUpdated: true } : {}),
      });
      if (response.status !== 201 && response.status !== 200) return failed(io, response);
      io.out(`${response.status === 201 ? 'following' : 'already following'} ${response.body.url} as ${response.body.id} (every ${response.body.intervalSeconds}s)`);
      return 0;
    }
    case 'list': {
      const response = await client.request<{ sources: SourceView[] }>('GET', '/sources');
      if (response.status !== 200) return failed(io, response);
      if (values.json) {
        io.out(JSON.stringify(response.body, null, 2));
        return 0;
      }
      if (response.body.sources.length === 0) {
        io.out('no sources; add one with: newsflow sources add URL');
        return 0;
      }
      io.out(
        renderTable(
          ['id', 'state', 'every', 'last poll', 'next poll', 'seen', 'new', 'last error', 'url'],
          response.body.sources.map((s) => [
            s.id,
            s.state,
            `${s.intervalSeconds}s`,
            ago(s.lastPollAt),
            s.state === 'paused' ? 'paused' : ago(s.nextPollAt),
            String(s.itemsSeen),
            String(s.newItems),
            s.lastError ? s.lastError.code : '',
            s.name ? `${s.name} <${s.url}>` : s.url,
          ]),
        ),
      );
      return 0;
    }
    case 'show': {
      if (!needTarget('a source id')) return 2;
      const response = await client.request<SourceView>('GET', `/sources/${encodeURIComponent(target!)}`);
      if (response.status !== 200) return failed(io, response);
      io.out(values.json ? JSON.stringify(response.body, null, 2) : describe(response.body));
      return 0;
    }
    case 'pause':
    case 'resume':
    case 'poll': {
      if (!needTarget('a source id')) return 2;
      const response = await client.request<SourceView>('POST', `/sources/${encodeURIComponent(target!)}/${action}`);
      if (response.status !== 200 && response.status !== 202) return failed(io, response);
      io.out(action === 'poll' ? `poll of ${target} queued` : `${target} is now ${response.body.state}`);
      return 0;
    }
    case 'every': {
      if (!needTarget('a source id') || !extra) {
        io.err('usage: newsflow sources every ID 15m');
        return 2;
      }
      let seconds: number;
      try {
        seconds = parseInterval(extra);
      } catch (error) {
        io.err((error as Error).message);
        return 2;
      }
      const response = await client.request<SourceView>('PATCH', `/sources/${encodeURIComponent(target!)}`, { intervalSeconds: seconds });
      if (response.status !== 200) return failed(io, response);
      io.out(`${target} is polled every ${response.body.intervalSeconds}s`);
      return 0;
    }
    case 'remove': {
      if (!needTarget('a source id')) return 2;
      const response = await client.request('DELETE', `/sources/${encodeURIComponent(target!)}`);
      if (response.status !== 204) return failed(io, response);
      io.out(`removed ${target}`);
      return 0;
    }
    case 'refetch': {
      if (!needTarget('a source id') || !extra) {
        io.err('usage: newsflow sources refetch ID URL');
        return 2;
      }
      const response = await client.request<{ id: string; status: string }>('POST', `/sources/${encodeURIComponent(target!)}/refetch`, { url: extra });
      if (response.status !== 202) return failed(io, response);
      io.out(`${extra}: ${response.body.status} (${response.body.id})`);
      return 0;
    }
    case 'discover': {
      if (!needTarget('a site URL')) return 2;
      const response = await client.request<DiscoverResult>('POST', '/sources/discover', { url: target });
      if (response.status !== 200) return failed(io, response);
      const found = [...response.body.feeds, ...response.body.sitemaps];
      if (found.length === 0) io.out(`no feeds or sitemaps found on ${response.body.site}`);
      else io.out(renderTable(['format', 'entries', 'found via', 'url'], found.map((f) => [f.format, String(f.entries), f.via, f.url])));
      for (const rejected of response.body.rejected) io.err(`announced but unusable: ${rejected.url}: ${rejected.code}: ${rejected.message}`);
      if (values.add) {
        for (const source of found) {
          const added = await sourcesCommand(['add', source.url, ...(values.every ? ['--every', values.every as string] : [])], client, io);
          if (added !== 0) return added;
        }
      }
      return found.length ? 0 : 1;
    }
    default:
      io.err(`unknown action "${action}"\n\n${SOURCES_HELP}`);
      return 2;
  }
}
