import { parseArgs } from 'node:util';
import { CliError, createApiClient, type ApiClient } from './client';
import { enqueueCommand } from './commands/enqueue';
import { statusCommand } from './commands/status';
import { searchCommand } from './commands/search';
import { failuresCommand } from './commands/failures';
import { traceCommand } from './commands/trace';
import { SOURCES_HELP, sourcesCommand } from './commands/sources';
import { IMPORT_HELP, importCommand } from './commands/import';

export const HELP: Record<string, string> = {
  main: `newsflow — enqueue, monitor and search the Newsflow pipeline

usage: newsflow <command> [options]

commands:
  enqueue URL… | --file urls.txt | -   submit URLs (--wait: progress until all are done)
  status [--watch]                      queue depths and rates per stage
  search "query" [filters] [--json]     search the corpus
  failures [--reason CODE] [--retry]    failed items grouped by reason; re-submit them
  trace ID|URL [--json]                 every stage of one URL
  reindex                               copy the corpus into a new index version and switch to it
  sources add|list|show|pause|…         follow feeds, sitemaps and URL lists
  import PATH…                          import story files, folders, archives, NDJSON

global options:
  --api URL     API address (env NEWSFLOW_API_URL, default http://127.0.0.1:8080)
  --key KEY     API key for writes (env NEWSFLOW_API_KEY)
  -h, --help    help for a command: newsflow <command> --help`,
  enqueue: `newsflow enqueue URL… | --file urls.txt | - [--wait]

  Submits URLs (one per line in a file or on standard input with "-"; lines starting with # are
  ignored) and prints each URL's id. --wait shows progress until every URL is indexed or failed,
  then a summary by outcome; the exit code is 1 if any failed.`,
  status: `newsflow status [--watch] [--interval SECONDS]

  Prints waiting/active/delayed/failed/completed per stage. --watch refreshes in place.`,
  search: `newsflow search "query" [--lang eng] [--domain example.org] [--from 2025-09-01] [--to …]
                [--sort relevance|date] [--size 10] [--page 1] [--json]

  Query syntax: "exact phrase", +required, -excluded, a | b, prefix*. All words are required.`,
  failures: `newsflow failures [--stage STAGE] [--reason CODE] [--retry [--all]]

  Lists failed items grouped by stage and reason code, with top domains and examples.
  --retry re-submits the failed URLs that are retryable (transient reasons); --all includes
  permanent ones too (e.g. after fixing a bug).`,
  trace: `newsflow trace ID|URL [--json]

  Shows where one URL is: its run, state, each finished stage with timings, the error if any,
  and the indexed document.`,
  reindex: `newsflow reindex

  Creates the next index version from the current mapping, copies every document into it and
  switches the alias atomically (searches keep working throughout). Needs an API key.`,
  sources: SOURCES_HELP,
  import: IMPORT_HELP,
};

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  err: (text: string) => void;
  /** Rewrites the current terminal line(s). */
  status: (text: string) => void;
  redraw: (text: string) => void;
  readStdin: () => Promise<string>;
  tty: boolean;
}

/** Runs one CLI invocation and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    io.out(HELP.main!);
    return command ? 0 : 2;
  }
  if (!HELP[command] || command === 'main') {
    io.err(`unknown command "${command}"\n\n${HELP.main}`);
    return 2;
  }
  if (command === 'sources' || command === 'import') {
    // These commands parse their own options; the frame only supplies the connection.
    const { values } = parseArgs({ args: rest, strict: false, allowPositionals: true, options: { api: { type: 'string' }, key: { type: 'string' } } });
    const client = createApiClient((values.api as string | undefined) ?? io.env.NEWSFLOW_API_URL ?? 'http://127.0.0.1:8080', (values.key as string | undefined) ?? io.env.NEWSFLOW_API_KEY);
    try {
      return command === 'sources' ? await sourcesCommand(rest, client, io) : await importCommand(rest, client, io);
    } catch (error) {
      if (error instanceof CliError) {
        io.err(`newsflow: ${error.message}`);
        return error.exitCode;
      }
      throw error;
    }
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        api: { type: 'string' },
        key: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        wait: { type: 'boolean' },
        file: { type: 'string' },
        watch: { type: 'boolean' },
        interval: { type: 'string' },
        json: { type: 'boolean' },
        lang: { type: 'string' },
        domain: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        sort: { type: 'string' },
        size: { type: 'string' },
        page: { type: 'string' },
        stage: { type: 'string' },
        reason: { type: 'string' },
        retry: { type: 'boolean' },
        all: { type: 'boolean' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${HELP[command]}`);
    return 2;
  }
  const { values, positionals } = parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  if (values.help) {
    io.out(HELP[command]!);
    return 0;
  }
  const client: ApiClient = createApiClient(
    (values.api as string | undefined) ?? io.env.NEWSFLOW_API_URL ?? 'http://127.0.0.1:8080',
    (values.key as string | undefined) ?? io.env.NEWSFLOW_API_KEY,
  );
  try {
    switch (command) {
      case 'enqueue':
        return await enqueueCommand(client, {
          urls: positionals,
          ...(values.file ? { file: values.file as string } : {}),
          wait: Boolean(values.wait),
          stdin: io.readStdin,
          out: io.out,
          status: io.status,
        });
      case 'status':
        return await statusCommand(client, { watch: Boolean(values.watch), intervalMs: Number(values.interval ?? 2) * 1000, out: io.out, redraw: io.redraw });
      case 'search':
        return await searchCommand(client, {
          query: positionals.join(' '),
          params: { lang: values.lang as string, domain: values.domain as string, from: values.from as string, to: values.to as string, sort: values.sort as string, size: values.size as string, page: values.page as string },
          json: Boolean(values.json),
          tty: io.tty,
          out: io.out,
        });
      case 'failures':
        return await failuresCommand(client, {
          ...(values.stage ? { stage: values.stage as string } : {}),
          ...(values.reason ? { reason: values.reason as string } : {}),
          retry: Boolean(values.retry),
          includePermanent: Boolean(values.all),
          out: io.out,
        });
      case 'reindex': {
        const { status, body } = await client.request<{ from: string; to: string; copied: number; message?: string }>('POST', '/admin/reindex', {});
        if (status !== 200) throw new CliError(`reindex failed (${status}): ${body.message ?? ''}`);
        io.out(`copied ${body.copied} documents from ${body.from} to ${body.to}; the alias now points at ${body.to}`);
        return 0;
      }
      case 'trace':
        if (!positionals[0]) {
          io.err(HELP.trace!);
          return 2;
        }
        return await traceCommand(client, { target: positionals[0], json: Boolean(values.json), out: io.out });
      default:
        return 2;
    }
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`newsflow: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}
