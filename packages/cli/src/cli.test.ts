import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { runCli, type CliIo } from './cli';
import { highlight, progressBar, table } from './format';

function capture(env: Record<string, string> = {}): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    env,
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    status: () => undefined,
    redraw: (t) => stdout.push(t),
    readStdin: async () => 'https://example.org/a\n# comment\n\nhttps://example.org/b\n',
    tty: false,
  };
}

describe('newsflow CLI', () => {
  it('prints help for every command and fails on unknown ones', async () => {
    for (const command of ['enqueue', 'status', 'search', 'failures', 'trace', 'reindex', 'sources', 'import']) {
      const io = capture();
      expect(await runCli([command, '--help'], io)).toBe(0);
      expect(io.stdout.join('\n')).toContain(`newsflow ${command}`);
    }
    const io = capture();
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('unknown command "frobnicate"');
    expect(await runCli([], capture())).toBe(2);
    expect(await runCli(['search', '--bogus-flag'], capture())).toBe(2);
  });

  it('says clearly when the API is unreachable', async () => {
    const io = capture({ NEWSFLOW_API_URL: 'http://127.0.0.1:9' });
    expect(await runCli(['status'], io)).toBe(1);
    expect(io.stderr.join('\n')).toMatch(/cannot reach the Newsflow API at http:\/\/127\.0\.0\.1:9/);
  });

  it('reads URLs from standard input and sends the key from the environment', async () => {
    const seen: { auth?: string; body?: string } = {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.auth = req.headers.authorization;
        seen.body = body;
        res.writeHead(202, { 'content-type': 'application/json' }).end(
          JSON.stringify({ items: (JSON.parse(body) as { urls: string[] }).urls.map((url, i) => ({ url, id: `${i}`.padStart(32, '0'), status: 'accepted' })) }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const address = server.address() as { port: number };
    const io = capture({ NEWSFLOW_API_URL: `http://127.0.0.1:${address.port}`, NEWSFLOW_API_KEY: 'secret-key-123456789' });
    try {
      expect(await runCli(['enqueue', '-'], io)).toBe(0);
    } finally {
      server.close();
    }
    expect(seen.auth).toBe('Bearer secret-key-123456789');
    expect(JSON.parse(seen.body ?? '{}')).toEqual({ urls: ['https://example.org/a', 'https://example.org/b'] });
    expect(io.stdout).toHaveLength(2);
  });

  it('formats tables, progress and highlights', () => {
    expect(table(['stage', 'n'], [['fetch', 3], ['clean', 12]])).toBe('stage   n\n─────  ──\nfetch   3\nclean  12');
    expect(progressBar(1, 4, 8)).toBe('[██░░░░░░] 1/4');
    expect(highlight('a <mark>b</mark> &amp; c', false)).toBe('a *b* & c');
  });
});
