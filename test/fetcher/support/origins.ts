import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface Origin {
  host: string;
  port: number;
  /** "127.0.0.2:41234" */
  hostPort: string;
  url: (path: string) => string;
  /** Requests received, by path. */
  hits: string[];
  close: () => Promise<void>;
}

/** A loopback origin server whose handler misbehaves however a test needs. */
export async function startOrigin(host: string, handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Origin> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '/');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host,
    port,
    hostPort: `${host}:${port}`,
    url: (path) => `http://${host}:${port}${path}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs a promise and reports how long it took and how it ended. */
export async function timed<T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> {
  const started = performance.now();
  try {
    const value = await work;
    return { ms: performance.now() - started, value };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}
