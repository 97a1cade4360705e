import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));

/** Path on the demo site → page file. Pages were written for Newsflow; no third-party content. */
export const DEMO_PAGES: Readonly<Record<string, string>> = Object.freeze({
  '/': 'index.html',
  '/2025/09/05/kim-xi-friendship.html': 'kim-xi-friendship.html',
  '/2025/11/28/bundestag-haushalt.html': 'bundestag-haushalt.html',
  '/2025/10/14/reforme-retraites.html': 'reforme-retraites.html',
  // The seed story's language editions (translations written for Newsflow).
  '/de/2025/09/05/kim-xi-freundschaft.html': 'kim-xi-friendship.de.html',
  '/ru/2025/09/05/kim-si-druzhba.html': 'kim-xi-friendship.ru.html',
  '/zh/2025/09/05/jin-xi-youyi.html': 'kim-xi-friendship.zh.html',
});

export interface DemoSite {
  origin: string;
  host: string;
  port: number;
  /** Article URLs of the demo (the index page is not an article). */
  articleUrls: string[];
  url: (path: string) => string;
  requests: () => number;
  close: () => Promise<void>;
}

/** Serves the bundled demo news site on loopback, so the demo and tests need no internet. */
export async function startDemoSite(options: { host?: string; port?: number } = {}): Promise<DemoSite> {
  const host = options.host ?? '127.0.0.1';
  const pages = new Map(Object.entries(DEMO_PAGES).map(([path, file]) => [path, readFileSync(join(here, 'pages', file))]));
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    const page = pages.get(path);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Not found</title><h1>Page not found</h1>');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': page.length }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    host,
    port,
    articleUrls: Object.keys(DEMO_PAGES).filter((p) => p !== '/').map((p) => `${origin}${p}`),
    url: (path) => `${origin}${path}`,
    requests: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
