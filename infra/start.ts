/**
 * Runs every Newsflow service as a child process, serves the demo site on loopback, enqueues its
 * pages through the API and prints where to look. Ctrl-C stops everything gracefully.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startDemoSite } from './demo-site/server';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = ['fetcher', 'cleaner', 'langdetect', 'enricher', 'indexer', 'discovery', 'api'] as const;
const colours = ['\x1b[36m', '\x1b[33m', '\x1b[35m', '\x1b[32m', '\x1b[34m', '\x1b[96m', '\x1b[31m'];

async function main(): Promise<void> {
  const demoPort = Number(process.env.NEWSFLOW_DEMO_PORT ?? 8090);
  const site = await startDemoSite({ port: demoPort });
  const apiHost = process.env.NEWSFLOW_API_HOST ?? '127.0.0.1';
  const apiPort = Number(process.env.NEWSFLOW_API_PORT ?? 8080);
  const apiUrl = `http://${apiHost}:${apiPort}`;
  const demoKey = process.env.NEWSFLOW_API_KEYS ? undefined : `demo:${randomBytes(16).toString('hex')}`;
  const env: Record<string, string | undefined> = {
    ...process.env,
    NEWSFLOW_FETCH_ALLOW: [process.env.NEWSFLOW_FETCH_ALLOW, `${site.host}:${site.port}`].filter(Boolean).join(','),
    NEWSFLOW_LOG_PRETTY: process.env.NEWSFLOW_LOG_PRETTY ?? 'false',
    ...(demoKey ? { NEWSFLOW_API_KEYS: demoKey } : {}),
  };
  const children: ChildProcess[] = [];
  services.forEach((name, i) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'services', name, 'src', 'main.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tag = `${colours[i % colours.length]}${name.padEnd(10)}\x1b[0m`;
    const relay = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) process.stdout.write(`${tag} ${summarize(line)}\n`);
    };
    child.stdout?.on('data', relay);
    child.stderr?.on('data', relay);
    child.on('exit', (code, signal) => {
      if (!stopping) {
        process.stderr.write(`${name} exited (${signal ?? code}); stopping everything\n`);
        void stop(1);
      }
    });
    children.push(child);
  });

  let stopping = false;
  const stop = async (code = 0): Promise<void> => {
    if (stopping) return;
    stopping = true;
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await site.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  // Wait for the API, then enqueue the demo.
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${apiUrl}/readyz`)).ok) break;
    } catch {
      // starting
    }
    if (i > 240) throw new Error(`API did not become ready at ${apiUrl}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const urls = [...site.articleUrls, site.url('/'), site.url('/missing-page.html')];
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (demoKey) headers.authorization = `Bearer ${demoKey.split(':')[1]}`;
  const submitted = (await (await fetch(`${apiUrl}/urls`, { method: 'POST', headers, body: JSON.stringify({ urls }) })).json()) as { items: { url: string; id?: string }[] };
  await new Promise((r) => setTimeout(r, 4_000));
  const line = '─'.repeat(72);
  process.stdout.write(`\n${line}\nNewsflow is running.\n\n`);
  process.stdout.write(`  API             ${apiUrl}\n  Demo news site  ${site.origin}/\n`);
  if (demoKey) process.stdout.write(`  Demo API key    ${demoKey.split(':')[1]}   (send as: Authorization: Bearer <key>)\n`);
  process.stdout.write(`\nDemo pages submitted (${submitted.items.length}):\n`);
  for (const item of submitted.items) process.stdout.write(`  ${item.id ?? '-'}  ${item.url}\n`);
  process.stdout.write(`\nTry:\n  curl '${apiUrl}/search?q=friendship%20unbreakable'\n  curl ${apiUrl}/queues\n`);
  const first = submitted.items[0]?.id;
  if (first) process.stdout.write(`  curl ${apiUrl}/urls/${first}\n  curl ${apiUrl}/articles/${first}\n`);
  process.stdout.write(`\nCtrl-C stops everything.\n${line}\n\n`);
}

/** Keeps the console readable: JSON log lines become "level msg key=value". */
function summarize(line: string): string {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const { level, msg, time: _t, pid: _p, service: _s, name: _n, hostname: _h, ...rest } = entry;
    const levelName = ({ 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' } as Record<number, string>)[level as number] ?? String(level);
    const extras = Object.entries(rest)
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(' ');
    return `${levelName.padEnd(5)} ${String(msg ?? '')} ${extras}`;
  } catch {
    return line;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
