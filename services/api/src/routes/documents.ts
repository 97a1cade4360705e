import { Transform, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type { FastifyInstance } from 'fastify';
import { importNdjsonLines, type ImportOutcome } from '@newsflow/discovery';

export interface DocumentRouteDeps {
  /** createDocumentImporter(...) from @newsflow/discovery. */
  importDocument: (raw: unknown) => Promise<ImportOutcome>;
  /** Largest request body read; the rest is refused and the report says where it stopped. */
  maxBytes: number;
  maxLines: number;
  maxLineBytes: number;
  /** Rejections listed one by one in the answer (all are counted). */
  maxListedRejections: number;
  /** Documents imported at once per request. */
  concurrency: number;
}

const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines'];

/** Counts bytes through and ends the stream quietly at the cap, remembering that it did. */
function byteCap(maxBytes: number): Transform & { exceeded: boolean } {
  let seen = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (cap.exceeded) return callback();
      seen += chunk.length;
      if (seen > maxBytes) {
        cap.exceeded = true;
        // Keep the whole lines within the cap; the cut line is dropped, not half-imported.
        const keep = chunk.subarray(0, chunk.length - (seen - maxBytes));
        const lastNewline = keep.lastIndexOf(0x0a);
        callback(null, lastNewline >= 0 ? keep.subarray(0, lastNewline + 1) : Buffer.alloc(0));
        return;
      }
      callback(null, chunk);
    },
  }) as Transform & { exceeded: boolean };
  cap.exceeded = false;
  return cap;
}

/**
 * POST /documents: documents that are already text, as NDJSON (one {url, title, date, body,
 * authors?, html?} per line), streamed and imported as they arrive. The answer counts accepted,
 * unchanged (identical re-import), in-flight and rejected lines, and lists each rejected line
 * with its number and reason. 413 when the body was larger than allowed (lines before the cap
 * were imported; `truncated` says where it stopped).
 */
export function registerDocumentRoutes(api: FastifyInstance, deps: DocumentRouteDeps): void {
  // The body is handed over as a stream, so a large upload is never buffered whole.
  api.addContentTypeParser(NDJSON_TYPES, (_request, payload, done) => done(null, payload));

  api.post('/documents', async (request, reply) => {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const options = { maxLines: deps.maxLines, maxLineBytes: deps.maxLineBytes, maxListed: deps.maxListedRejections, concurrency: deps.concurrency };
    if (contentType === 'application/json') {
      // Small batches as {"documents": [...]} (the app's JSON body limit applies); numbers are
      // 1-based positions in the array.
      const documents = (request.body as { documents?: unknown } | null)?.documents;
      if (!Array.isArray(documents)) return reply.code(400).send({ error: 'invalid_request', message: 'expected {"documents": [...]} or an NDJSON body' });
      const lines = (async function* () {
        for (const document of documents) yield JSON.stringify(document ?? null);
      })();
      const report = await importNdjsonLines(lines, deps.importDocument, options);
      return reply.code(report.truncated ? 413 : 200).send(report.truncated ? { error: 'payload_too_large', message: report.truncated.reason, ...report } : report);
    }
    if (!NDJSON_TYPES.includes(contentType)) {
      return reply.code(415).send({ error: 'unsupported_media_type', message: `send NDJSON (Content-Type: application/x-ndjson), one document per line, or JSON {"documents": [...]}` });
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > deps.maxBytes) {
      return reply
        .code(413)
        .header('connection', 'close')
        .send({ error: 'payload_too_large', message: `the body is ${declared} bytes; at most ${deps.maxBytes} bytes per request (split the file)` });
    }
    const cap = byteCap(deps.maxBytes);
    const body = request.body as Readable;
    const lines = createInterface({ input: body.pipe(cap), crlfDelay: Infinity });
    const report = await importNdjsonLines(lines, deps.importDocument, options);
    if (cap.exceeded) {
      report.truncated = { atLine: report.lines + 1, reason: `the body exceeds ${deps.maxBytes} bytes` };
      return reply.code(413).header('connection', 'close').send({ error: 'payload_too_large', message: report.truncated.reason, ...report });
    }
    if (report.truncated) {
      body.resume();
      return reply.code(413).header('connection', 'close').send({ error: 'payload_too_large', message: report.truncated.reason, ...report });
    }
    return reply.code(200).send(report);
  });
}
