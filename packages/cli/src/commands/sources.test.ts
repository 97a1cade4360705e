import { describe, expect, it } from 'vitest';
import { parseInterval, sourcesCommand } from './sources';

describe('sources CLI', () => {
  it('reads poll intervals with units', () => {
    expect(parseInterval('90')).toBe(90);
    expect(parseInterval('15m')).toBe(900);
    expect(parseInterval('2h')).toBe(7200);
    expect(parseInterval('1d')).toBe(86400);
    expect(() => parseInterval('soon')).toThrow(/15m/);
  });

  it('adds a source with the given settings and reports the outcome', async () => {
    const calls: unknown[] = [];
    const client = {
      async request<T>(method: string, path: string, body?: unknown) {
        calls.push({ method, path, body });
        return { status: 201, body: { id: '0123456789abcdef', url: 'https://news.example/rss', intervalSeconds: 600 } as T };
      },
    };
    const out: string[] = [];
    const code = await sourcesCommand(['add', 'https://news.example/rss', '--every', '10m', '--no-backfill'], client, { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(0);
    expect(calls).toEqual([{ method: 'POST', path: '/sources', body: { url: 'https://news.example/rss', intervalSeconds: 600, backfill: false } }]);
    expect(out.join('\n')).toContain('following https://news.example/rss as 0123456789abcdef');
  });

  it('shows API errors and exits non-zero', async () => {
    const client = { request: async <T>() => ({ status: 404, body: { error: 'not_found', message: 'no source with id x' } as T }) };
    const err: string[] = [];
    expect(await sourcesCommand(['show', 'ffffffffffffffff'], client, { out: () => undefined, err: (t) => err.push(t) })).toBe(3);
    expect(err.join('')).toContain('not_found');
    expect(await sourcesCommand(['frobnicate'], client, { out: () => undefined, err: () => undefined })).toBe(2);
  });
});
