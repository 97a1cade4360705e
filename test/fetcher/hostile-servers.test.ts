import { gzipSync, brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StageFailure } from '@newsflow/contracts';
import { decodeHtml } from '../../services/fetcher/src/decode';
import { startOrigin, timed, type Origin } from './support/origins';
import { makeHttp, outcomeOf } from './support/fetch-kit';

const HTML = { 'content-type': 'text/html; charset=utf-8' };
const PAGE = '<!doctype html><title>Story</title><p>Hello</p>';
const CAP = 1024 * 1024;

describe('HTTP layer against hostile origin servers (loopback)', () => {
  let site: Origin;
  let canary: Origin;
  let rawPort: number;
  let raw: TcpServer;
  const rawSockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const zeros = Buffer.alloc(64 * 1024 * 1024);
  const gzipBomb = gzipSync(zeros, { level: 9 });
  const brotliBomb = brotliCompressSync(zeros, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } });

  beforeAll(async () => {
    canary = await startOrigin('127.0.0.3', (_req, res) => res.writeHead(200, HTML).end('<p>internal secret</p>'));
    site = await startOrigin('127.0.0.2', (req, res) => {
      const path = req.url ?? '/';
      const chain = /^\/chain\/(\d+)$/.exec(path);
      if (chain) {
        const left = Number(chain[1]);
        if (left === 0) return res.writeHead(200, HTML).end(PAGE);
        return res.writeHead(302, { location: `/chain/${left - 1}` }).end();
      }
      switch (path) {
        case '/ok':
          return res.writeHead(200, HTML).end(PAGE);
        case '/loop-a':
          return res.writeHead(301, { location: '/loop-b' }).end();
        case '/loop-b':
          return res.writeHead(301, { location: '/loop-a' }).end();
        case '/to-canary':
          return res.writeHead(302, { location: canary.url('/secret') }).end();
        case '/to-canary-mapped':
          return res.writeHead(302, { location: `http://[::ffff:127.0.0.3]:${canary.port}/secret` }).end();
        case '/to-metadata':
          return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
        case '/to-file':
          return res.writeHead(302, { location: 'file:///etc/passwd' }).end();
        case '/to-credentials':
          return res.writeHead(302, { location: `http://user:pw@${site.hostPort}/ok` }).end();
        case '/huge': {
          // 50 MB without Content-Length, written as fast as the client reads.
          res.writeHead(200, HTML);
          let sent = 0;
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          const pump = (): void => {
            while (sent < 50 * 1024 * 1024) {
              sent += chunk.length;
              if (!res.write(chunk)) return void res.once('drain', pump);
            }
            res.end();
          };
          res.on('close', () => (sent = Number.POSITIVE_INFINITY));
          return pump();
        }
        case '/huge-declared':
          res.writeHead(200, { ...HTML, 'content-length': String(50 * 1024 * 1024) });
          return res.write(Buffer.alloc(1024, 0x61));
        case '/gzip-bomb':
          return res.writeHead(200, { ...HTML, 'content-encoding': 'gzip' }).end(gzipBomb);
        case '/brotli-bomb':
          return res.writeHead(200, { ...HTML, 'content-encoding': 'br' }).end(brotliBomb);
        case '/gzip-small':
          return res.writeHead(200, { ...HTML, 'content-encoding': 'gzip' }).end(gzipSync(Buffer.from(PAGE)));
        case '/never-headers':
          return; // accepts the request and says nothing
        case '/drip': {
          res.writeHead(200, HTML);
          res.write('<');
          const timer = setInterval(() => res.write('p'), 5_000);
          timers.add(timer);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case '/fast-drip': {
          // Never idle long enough for the idle timeout, never finishing: the total timeout ends it.
          res.writeHead(200, HTML);
          const timer = setInterval(() => res.write('p'), 100);
          timers.add(timer);
          res.on('close', () => clearInterval(timer));
          return;
        }
        case '/busy':
          return res.writeHead(503, { ...HTML, 'retry-after': '7' }).end('busy');
        case '/outage':
          return res.writeHead(503, HTML).end('down');
        case '/too-many':
          return res.writeHead(429, HTML).end('slow down');
        case '/image':
          return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
        case '/pdf':
          return res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7');
        case '/octet':
          return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.alloc(10));
        case '/win1252':
          return res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' }).end(Buffer.from('<p>caf\xe9 \x93quoted\x94 \x80</p>', 'latin1'));
        case '/sjis':
          return res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.concat([Buffer.from('<meta charset="Shift_JIS"><p>'), Buffer.from('93fa967b8cea', 'hex')]));
        case '/gbk':
          return res.writeHead(200, { 'content-type': 'text/html; charset=gb2312' }).end(Buffer.concat([Buffer.from('<p>'), Buffer.from('d6d0cec4', 'hex')]));
        case '/koi8':
          return res
            .writeHead(200, { 'content-type': 'text/html' })
            .end(Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>'), Buffer.from('f0d2c9d7c5d4', 'hex')]));
        default:
          return res.writeHead(404, HTML).end('<p>not found</p>');
      }
    });
    // A raw TCP server for responses Node's HTTP server refuses to produce (lying Content-Length).
    raw = createTcpServer((socket) => {
      rawSockets.add(socket);
      socket.on('error', () => undefined); // the client hangs up on purpose
      socket.on('close', () => rawSockets.delete(socket));
      socket.once('data', (request) => {
        const path = request.toString('latin1').split(' ')[1];
        if (path === '/length-too-small') {
          // Claims 100 bytes, then keeps sending 10 MB.
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 100\r\n\r\n');
          socket.end(Buffer.alloc(10 * 1024 * 1024, 0x61));
        } else {
          // Claims 200 KB (under the cap), sends 1 KB and hangs up.
          socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 204800\r\n\r\n');
          socket.end(Buffer.alloc(1024, 0x61));
        }
      });
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.2', resolve));
    const address = raw.address();
    rawPort = typeof address === 'object' && address ? address.port : 0;
  });

  afterAll(async () => {
    for (const timer of timers) clearInterval(timer);
    for (const socket of rawSockets) socket.destroy();
    await new Promise<void>((resolve) => raw?.close(() => resolve()));
    await site?.close();
    // The canary is closed last, after every test: it must never have been contacted.
    expect(canary.hits).toEqual([]);
    await canary?.close();
  });

  it('fetches an allowed page and records the final URL after redirects', async () => {
    const { http, close } = makeHttp(site.hostPort);
    try {
      const page = await http(site.url('/chain/3'));
      expect(page.status).toBe(200);
      expect(page.redirects).toBe(3);
      expect(page.finalUrl).toBe(site.url('/chain/0'));
      expect(page.body.toString()).toBe(PAGE);
      const gz = await http(site.url('/gzip-small'));
      expect(gz.body.toString()).toBe(PAGE);
    } finally {
      await close();
    }
  });

  it('stops redirect chains over the limit and redirect loops', async () => {
    const { http, close } = makeHttp(site.hostPort);
    try {
      expect(await outcomeOf(http(site.url('/chain/10')))).toBe('ok');
      expect(await outcomeOf(http(site.url('/chain/11')))).toBe('too_many_redirects');
      expect(await outcomeOf(http(site.url('/loop-a')))).toBe('too_many_redirects');
      expect(await outcomeOf(http(site.url('/to-file')))).toBe('invalid_url');
      expect(await outcomeOf(http(site.url('/to-credentials')))).toBe('invalid_url');
      expect(await outcomeOf(http('ftp://127.0.0.2/file'))).toBe('invalid_url');
      expect(await outcomeOf(http(`http://127.0.0.2/${'a'.repeat(3000)}`))).toBe('invalid_url');
    } finally {
      await close();
    }
  });

  it('never reaches loopback, private, link-local or mapped addresses outside the allow-list', async () => {
    const { http, close } = makeHttp(site.hostPort);
    try {
      expect(await outcomeOf(http(site.url('/to-canary')))).toBe('blocked_address');
      expect(await outcomeOf(http(site.url('/to-canary-mapped')))).toBe('blocked_address');
      const metadata = await timed(outcomeOf(http(site.url('/to-metadata'))));
      expect(metadata.value).toBe('blocked_address');
      expect(metadata.ms).toBeLessThan(500); // refused before any connection attempt
      for (const spelled of [
        canary.url('/direct'),
        `http://2130706435:${canary.port}/decimal`,
        `http://0x7f.0.0.3:${canary.port}/hex`,
        `http://0177.0.0.3:${canary.port}/octal`,
        `http://[::ffff:7f00:3]:${canary.port}/mapped`,
        `http://[::1]:${canary.port}/v6-loopback`,
        `http://10.0.0.1:${canary.port}/private`,
        `http://[fd00::1]:${canary.port}/unique-local`,
        `http://127.0.0.2:${canary.port}/same-host-other-port`,
      ]) {
        expect(await outcomeOf(http(spelled)), spelled).toBe('blocked_address');
      }
    } finally {
      await close();
    }
  });

  it('checks the addresses a name resolves to at connect time, so DNS rebinding is caught', async () => {
    const answers = new Map<string, string[][]>([
      ['rebind.test', [['127.0.0.2'], ['127.0.0.3']]],
      ['mixed.test', [['127.0.0.2', '127.0.0.3']]],
    ]);
    const lookups: string[] = [];
    const resolve = async (hostname: string) => {
      lookups.push(hostname);
      const queue = answers.get(hostname);
      const next = queue && queue.length > 1 ? queue.shift()! : queue?.[0];
      if (!next) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return next.map((address) => ({ address, family: 4 }));
    };
    // Only 127.0.0.2 is an allowed address; the names themselves are not allow-listed.
    const { http, close } = makeHttp('127.0.0.2/32', {}, resolve);
    try {
      expect((await http(`http://rebind.test:${site.port}/ok`)).status).toBe(200);
      // Same name, now answering with the canary's address: refused at connect time.
      expect(await outcomeOf(http(`http://rebind.test:${canary.port}/secret`))).toBe('blocked_address');
      expect(await outcomeOf(http(`http://mixed.test:${canary.port}/secret`))).toBe('blocked_address');
      expect(await outcomeOf(http(`http://nowhere.test:${site.port}/`))).toBe('dns_not_found');
      expect(lookups).toContain('rebind.test');
    } finally {
      await close();
    }
  });

  it('caps bodies, decompression bombs and lying Content-Lengths quickly', async () => {
    const { http, close } = makeHttp(`${site.hostPort},127.0.0.2:${rawPort}`, { maxBytes: CAP });
    try {
      for (const [path, code] of [
        ['/huge', 'too_large'],
        ['/huge-declared', 'too_large'],
        ['/gzip-bomb', 'too_large'],
        ['/brotli-bomb', 'too_large'],
      ] as const) {
        const run = await timed(outcomeOf(http(site.url(path))));
        expect(run.value, path).toBe(code);
        expect(run.ms, path).toBeLessThan(3_000);
      }
      const tooSmall = await timed(http(`http://127.0.0.2:${rawPort}/length-too-small`));
      // Either the 100 declared bytes or a coded protocol error; never the 10 MB.
      if (tooSmall.error) expect(tooSmall.error).toBeInstanceOf(StageFailure);
      else expect(tooSmall.value?.body.length).toBe(100);
      expect(tooSmall.ms).toBeLessThan(3_000);
      expect(await outcomeOf(http(`http://127.0.0.2:${rawPort}/length-too-large`))).toBe('connect_error');
    } finally {
      await close();
    }
  });

  it('times out servers that never send headers or drip the body', async () => {
    const { http, close } = makeHttp(site.hostPort);
    try {
      const silent = await timed(outcomeOf(http(site.url('/never-headers'))));
      expect(silent.value).toBe('timeout');
      expect(silent.ms).toBeLessThan(2_500);
      const drip = await timed(outcomeOf(http(site.url('/drip'))));
      expect(drip.value).toBe('timeout');
      expect(drip.ms).toBeLessThan(2_500);
      const fastDrip = await timed(outcomeOf(http(site.url('/fast-drip'))));
      expect(fastDrip.value).toBe('timeout');
      expect(fastDrip.ms).toBeGreaterThan(3_500);
      expect(fastDrip.ms).toBeLessThan(5_500);
    } finally {
      await close();
    }
  });

  it('tells rate limits (429, 503 with Retry-After) from outages (503 without)', async () => {
    const { http, close } = makeHttp(site.hostPort);
    try {
      const busy = await http(site.url('/busy')).catch((error: unknown) => error);
      expect(busy).toBeInstanceOf(StageFailure);
      expect(busy).toMatchObject({ code: 'rate_limited', retryAfterMs: 7_000, permanent: false });
      expect(await outcomeOf(http(site.url('/too-many')))).toBe('rate_limited');
      expect(await outcomeOf(http(site.url('/outage')))).toBe('http_5xx');
      expect(await outcomeOf(http(site.url('/missing')))).toBe('http_4xx');
    } finally {
      await close();
    }
  });

  it('rejects binary content types before reading the body', async () => {
    const { http, close } = makeHttp(site.hostPort);
    try {
      for (const path of ['/image', '/pdf', '/octet']) expect(await outcomeOf(http(site.url(path))), path).toBe('not_html');
    } finally {
      await close();
    }
  });

  it('decodes legacy charsets from header, meta and http-equiv', async () => {
    const { http, close } = makeHttp(site.hostPort);
    try {
      const decode = async (path: string) => {
        const page = await http(site.url(path));
        return decodeHtml(page.body, page.headers['content-type']);
      };
      expect(await decode('/win1252')).toMatchObject({ charset: 'windows-1252', text: '<p>café “quoted” €</p>' });
      expect(await decode('/sjis')).toMatchObject({ charset: 'shift_jis', text: '<meta charset="Shift_JIS"><p>日本語' });
      expect((await decode('/gbk')).text).toBe('<p>中文');
      expect(await decode('/koi8')).toMatchObject({ charset: 'koi8-r' });
      expect((await decode('/koi8')).text.endsWith('<p>Привет')).toBe(true);
    } finally {
      await close();
    }
  });
});
