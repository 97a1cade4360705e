import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import {
  ImportedDocument,
  InvalidUrlError,
  identifyUrl,
  jobIdFor,
  type CleanJob,
  type FetchResult,
  type LangdetectJob,
} from '@newsflow/contracts';
import type { StatusLedger } from '@newsflow/runtime';

export type ImportOutcome =
  | { status: 'accepted'; id: string; url: string; run: number; via: 'langdetect' | 'clean' }
  /** The same document (same text) was imported before and did not fail: nothing to do. */
  | { status: 'unchanged'; id: string; url: string }
  /** Another version of this URL is still being processed. */
  | { status: 'in_flight'; id: string; url: string }
  | { status: 'rejected'; error: string; message: string; url?: string };

/** Remembers a fingerprint of each imported document's content, so re-imports are no-ops. */
export interface FingerprintStore {
  get(id: string): Promise<string | null>;
  set(id: string, fingerprint: string): Promise<void>;
}

export class RedisFingerprintStore implements FingerprintStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  private key(): string {
    return `${this.prefix}:imported`;
  }
  get(id: string): Promise<string | null> {
    return this.redis.hget(this.key(), id);
  }
  async set(id: string, fingerprint: string): Promise<void> {
    await this.redis.hset(this.key(), id, fingerprint);
  }
}

export interface DocumentImporterDeps {
  ledger: Pick<StatusLedger, 'beginRun' | 'markStageDone' | 'get'>;
  /** Adds the job to the clean or langdetect queue under the given job id. */
  enqueue: (queue: 'clean' | 'langdetect', payload: CleanJob | LangdetectJob, jobId: string) => Promise<void>;
  /** Whether the job of a run is in that queue (any state); finds runs whose enqueue never happened. */
  hasJob: (queue: 'clean' | 'langdetect', jobId: string) => Promise<boolean>;
  storeHtml: (docId: string, run: number, html: string) => Promise<string>;
  fingerprints: FingerprintStore;
  now: () => Date;
}

function isoPublished(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : new Date(date).toISOString();
}

function zodMessage(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Imports a document that is already text. It gets the id its URL would get, a ledger run like
 * a submitted URL, and enters the pipeline after the fetch (and, for text, the clean) stage,
 * which the ledger records as done with the note "imported".
 */
export function createDocumentImporter(deps: DocumentImporterDeps): (raw: unknown) => Promise<ImportOutcome> {
  return async (raw) => {
    const parsed = ImportedDocument.safeParse(raw);
    const rawUrl = typeof (raw as { url?: unknown } | null)?.url === 'string' ? (raw as { url: string }).url : undefined;
    if (!parsed.success) return { status: 'rejected', error: 'invalid_document', message: zodMessage(parsed.error.issues), ...(rawUrl ? { url: rawUrl } : {}) };
    const doc = parsed.data;
    let identified: { url: string; id: string };
    try {
      identified = identifyUrl(doc.url);
    } catch (error) {
      if (error instanceof InvalidUrlError) return { status: 'rejected', error: error.code, message: error.message, url: doc.url };
      throw error;
    }
    const { url, id } = identified;
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([doc.title, doc.date, doc.body, doc.authors ?? [], doc.html ?? null]))
      .digest('hex');
    const [previous, status] = await Promise.all([deps.fingerprints.get(id), deps.ledger.get(id)]);
    if (previous === fingerprint && status && status.state !== 'failed') return { status: 'unchanged', id, url };

    const started = deps.now();
    let begun = await deps.ledger.beginRun(id, url, started);
    if (!begun.created && begun.state === 'queued' && (begun.stage === 'clean' || begun.stage === 'langdetect')) {
      // An import that died between recording the run and enqueueing its job would block the
      // URL forever; start over when the job is missing.
      if (!(await deps.hasJob(begun.stage, jobIdFor(id, begun.run)))) begun = await deps.ledger.beginRun(id, url, started, { force: true });
    }
    if (!begun.created) return { status: 'in_flight', id, url };
    const publishedAt = isoPublished(doc.date);
    const fetch: FetchResult = {
      finalUrl: url,
      status: 200,
      fetchedAt: started.toISOString(),
      contentType: doc.html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      redirects: 0,
      bytes: Buffer.byteLength(doc.html ?? doc.body, 'utf8'),
      htmlRef: '',
      charset: 'utf-8',
    };
    const base = { docId: id, run: begun.run, url, submittedAt: started.toISOString() };
    const jobId = jobIdFor(id, begun.run);
    if (doc.html) {
      const htmlRef = await deps.storeHtml(id, begun.run, doc.html);
      const job: CleanJob = {
        ...base,
        // The given title, date and authors fill in what the page itself lacks.
        hints: { title: doc.title, publishedAt, ...(doc.authors?.length ? { authors: doc.authors } : {}), source: 'import' },
        fetch: { ...fetch, htmlRef },
      };
      // The ledger is updated first: once the job is queued, the next stage may move the run
      // on at once, and the ledger ignores marks that would move it back.
      await deps.ledger.markStageDone(id, begun.run, 'fetch', 'clean', { durationMs: 0, note: 'skipped: imported html' }, deps.now());
      await deps.enqueue('clean', job, jobId);
    } else {
      const job: LangdetectJob = {
        ...base,
        fetch,
        article: { title: doc.title, titleFull: doc.title, body: doc.body.trim(), authors: doc.authors ?? [], publishedAt, tags: [], extractor: 'import:text' },
      };
      await deps.ledger.markStageDone(id, begun.run, 'fetch', 'clean', { durationMs: 0, note: 'skipped: imported text' }, deps.now());
      await deps.ledger.markStageDone(id, begun.run, 'clean', 'langdetect', { durationMs: 0, note: 'skipped: imported text' }, deps.now());
      await deps.enqueue('langdetect', job, jobId);
    }
    await deps.fingerprints.set(id, fingerprint);
    return { status: 'accepted', id, url, run: begun.run, via: doc.html ? 'clean' : 'langdetect' };
  };
}

export interface ImportReport {
  lines: number;
  accepted: number;
  unchanged: number;
  inFlight: number;
  rejected: number;
  /** Rejected lines with reasons (the first `maxListed`; `rejected` counts them all). */
  rejections: { line: number; error: string; message: string; url?: string }[];
  /** Set when the input was cut off at a limit. */
  truncated?: { atLine: number; reason: string };
}

export interface NdjsonImportOptions {
  maxLines: number;
  maxLineBytes: number;
  maxListed: number;
  concurrency: number;
  onProgress?: (report: ImportReport) => void;
}

/**
 * Imports NDJSON lines as they arrive: a bounded number of documents in flight, so a large
 * upload never sits in memory. Line numbers start at 1; blank lines are skipped but counted.
 */
export async function importNdjsonLines(
  lines: AsyncIterable<string>,
  importDocument: (raw: unknown) => Promise<ImportOutcome>,
  options: NdjsonImportOptions,
): Promise<ImportReport> {
  const report: ImportReport = { lines: 0, accepted: 0, unchanged: 0, inFlight: 0, rejected: 0, rejections: [] };
  const reject = (line: number, error: string, message: string, url?: string): void => {
    report.rejected++;
    if (report.rejections.length < options.maxListed) report.rejections.push({ line, error, message, ...(url ? { url } : {}) });
  };
  const pending = new Set<Promise<void>>();
  const handle = async (lineNumber: number, text: string): Promise<void> => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      reject(lineNumber, 'invalid_json', (error as Error).message);
      return;
    }
    try {
      const outcome = await importDocument(raw);
      if (outcome.status === 'accepted') report.accepted++;
      else if (outcome.status === 'unchanged') report.unchanged++;
      else if (outcome.status === 'in_flight') report.inFlight++;
      else reject(lineNumber, outcome.error, outcome.message, outcome.url);
    } catch (error) {
      reject(lineNumber, 'internal_error', error instanceof Error ? error.message : String(error));
    }
  };
  for await (const line of lines) {
    report.lines++;
    if (report.lines > options.maxLines) {
      report.lines--;
      report.truncated = { atLine: report.lines + 1, reason: `at most ${options.maxLines} lines per request` };
      break;
    }
    if (!line.trim()) continue;
    if (Buffer.byteLength(line, 'utf8') > options.maxLineBytes) {
      reject(report.lines, 'line_too_large', `the line is larger than ${options.maxLineBytes} bytes`);
      continue;
    }
    const task = handle(report.lines, line).finally(() => pending.delete(task));
    pending.add(task);
    if (pending.size >= options.concurrency) await Promise.race(pending);
    if (options.onProgress && report.lines % 500 === 0) options.onProgress(report);
  }
  await Promise.all(pending);
  report.rejections.sort((a, b) => a.line - b.line);
  return report;
}
