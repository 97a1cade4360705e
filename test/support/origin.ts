import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { seededRandom } from './random';

const SUBJECTS = ['The city council', 'The central bank', 'Health officials', 'The football club', 'Researchers at the university', 'The opposition party', 'Local farmers', 'The energy regulator', 'Transport workers', 'The foreign ministry'];
const VERBS = ['announced', 'rejected', 'postponed', 'defended', 'criticised', 'approved', 'questioned', 'welcomed', 'unveiled', 'reviewed'];
const OBJECTS = ['a new budget plan', 'the proposed railway line', 'an inquiry into water quality', 'higher interest rates', 'the summer festival', 'a reform of school meals', 'the harbour expansion', 'tighter emission rules', 'a bid to host the games', 'the housing strategy'];
const CLOSINGS = ['on Tuesday', 'after a long debate', 'despite strong protests', 'in a statement', 'during a press conference', 'following months of talks', 'late on Friday', 'at an emergency meeting'];


export function generatedArticle(n: number, paragraphs = 6): { title: string; html: string } {
  const random = seededRandom(n * 7919 + 17);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = (): string => `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(CLOSINGS)}, according to report number ${n}-${Math.floor(random() * 1e6)}.`;
  const title = `${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} (story ${n})`;
  const body = Array.from({ length: paragraphs }, () => `<p>${Array.from({ length: 4 }, sentence).join(' ')}</p>`).join('\n');
  const day = String(1 + (n % 28)).padStart(2, '0');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta property="article:published_time" content="2025-10-${day}T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>${title}</h1>${body}</article>
<footer>Copyright Test Origin</footer></body></html>`;
  return { title, html };
}

export interface Origin {
  origin: string;
  host: string;
  port: number;
  articleUrl: (n: number) => string;
  /** Requests seen per path. */
  hits: Map<string, number>;
  /** Make later requests slower (ms before answering). */
  setDelay: (ms: number) => void;
  close: () => Promise<void>;
}

/**
 * A loopback news site that generates articles on the fly: /article/<n>.html. Optional delay
 * keeps a fetch in flight long enough to crash the worker that is doing it.
 */
/**
 * In chaos mode some article numbers misbehave on purpose: n % 10 == 7 answers 503 on its first
 * request (transient), n % 50 == 13 is 404 and n % 50 == 29 serves an image (permanent failures),
 * n % 25 == 3 answers slowly.
 */
export async function startOrigin(options: { host?: string; delayMs?: number; chaos?: boolean } = {}): Promise<Origin> {
  const host = options.host ?? '127.0.0.1';
  let delay = options.delayMs ?? 0;
  const hits = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = (): void => {
      if (path === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
        return;
      }
      const match = /^\/article\/(\d+)\.html$/.exec(path);
      const n = Number(match?.[1] ?? -1);
      if (!match || (options.chaos && n % 50 === 13)) {
        res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>');
        return;
      }
      if (options.chaos && n % 10 === 7 && hits.get(path) === 1) {
        res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Try again</h1>');
        return;
      }
      if (options.chaos && n % 50 === 29) {
        res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(2048, 7));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(generatedArticle(n).html);
    };
    const requested = Number(/^\/article\/(\d+)\.html$/.exec(path)?.[1] ?? -1);
    const chaosDelay = options.chaos && requested % 25 === 3 ? 1_500 : 0;
    if (delay + chaosDelay > 0 && path !== '/robots.txt') setTimeout(answer, delay + chaosDelay);
    else answer();
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    host,
    port,
    hits,
    articleUrl: (n) => `${origin}/article/${n}.html`,
    setDelay: (ms) => {
      delay = ms;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
