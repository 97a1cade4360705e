import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ImportOutcome } from '@newsflow/discovery';
import { registerDocumentRoutes } from '../../services/api/src/routes/documents';
import { freePort } from '../support/pipeline';

describe('POST /documents: streamed NDJSON with limits (loopback HTTP, stub importer)', () => {
  let app: FastifyInstance;
  let base: string;
  const imported: unknown[] = [];

  beforeAll(async () => {
    app = Fastify({ bodyLimit: 64 * 1024 });
    registerDocumentRoutes(app, {
      importDocument: async (raw): Promise<ImportOutcome> => {
        imported.push(raw);
        const doc = raw as { url?: string };
        return doc.url ? { status: 'accepted', id: 'x'.repeat(32), url: doc.url, run: 1, via: 'langdetect' } : { status: 'rejected', error: 'invalid_document', message: 'url: required' };
      },
      maxBytes: 256 * 1024,
      maxLines: 5_000,
      maxLineBytes: 1_024,
      maxListedRejections: 100,
      concurrency: 4,
    });
    const port = await freePort();
    await app.listen({ host: '127.0.0.1', port });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app?.close();
  });

  const post = (body: string | ReadableStream, contentType = 'application/x-ndjson') =>
    fetch(`${base}/documents`, { method: 'POST', headers: { 'content-type': contentType }, body, ...(typeof body === 'string' ? {} : { duplex: 'half' }) } as RequestInit);

  it('imports a streamed upload line by line, larger than the JSON body limit, and reports rejected line numbers', async () => {
    imported.length = 0;
    const lines = Array.from({ length: 3_000 }, (_, i) => (i % 1000 === 499 ? '{"title":"no url"}' : i === 10 ? '{broken' : JSON.stringify({ url: `https://a.example/${i}` })));
    const encoder = new TextEncoder();
    let next = 0;
    // Sent in pieces that split lines, as a real upload does.
    const text = `${lines.join('\n')}\n`;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next >= text.length) return controller.close();
        controller.enqueue(encoder.encode(text.slice(next, next + 7_777)));
        next += 7_777;
      },
    });
    const response = await post(stream);
    expect(response.status).toBe(200);
    const report = (await response.json()) as { lines: number; accepted: number; rejected: number; rejections: { line: number; error: string }[] };
    expect(report).toMatchObject({ lines: 3_000, accepted: 2_996, rejected: 4 });
    expect(report.rejections.map((r) => [r.line, r.error])).toEqual([[11, 'invalid_json'], [500, 'invalid_document'], [1500, 'invalid_document'], [2500, 'invalid_document']]);
    expect(imported).toHaveLength(2_999);
  });

  it('refuses bodies over the size cap, over-long lines and other media types', async () => {
    const big = `${JSON.stringify({ url: 'https://a.example/x', body: 'y'.repeat(900) })}\n`.repeat(400);
    const tooBig = await post(big);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ error: 'payload_too_large' });

    // Without a declared length the cap is found while streaming: what came before it is
    // imported, and the answer says where it stopped.
    const encoded = new TextEncoder().encode(big);
    let sent = false;
    const once = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.close();
        sent = true;
        controller.enqueue(encoded);
      },
    });
    const streamed = await post(once);
    expect(streamed.status).toBe(413);
    const partial = (await streamed.json()) as { accepted: number; truncated: { atLine: number } };
    expect(partial.accepted).toBeGreaterThan(200);
    expect(partial.accepted).toBeLessThan(400);
    expect(partial.truncated.atLine).toBe(partial.accepted + 1);

    const longLine = await post(`${JSON.stringify({ url: 'https://a.example/long', body: 'z'.repeat(2_000) })}\n{"url":"https://a.example/ok"}\n`);
    expect(await longLine.json()).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ line: 1, error: 'line_too_large' }] });

    expect((await post('url,title\n', 'text/csv')).status).toBe(415);
    const json = await post(JSON.stringify({ documents: [{ url: 'https://a.example/j' }, {}] }), 'application/json');
    expect(await json.json()).toMatchObject({ accepted: 1, rejected: 1, rejections: [{ line: 2 }] });
  });
});
