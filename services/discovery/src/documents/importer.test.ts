import { describe, expect, it } from 'vitest';
import type { BeginRunResult } from '@newsflow/runtime';
import type { CleanJob, LangdetectJob, StageName } from '@newsflow/contracts';
import { createDocumentImporter, importNdjsonLines, type ImportOutcome } from './importer';

function fakeDeps() {
  const runs = new Map<string, { run: number; state: string }>();
  const fingerprints = new Map<string, string>();
  const enqueued: { queue: string; payload: CleanJob | LangdetectJob; jobId: string }[] = [];
  const marks: { id: string; stage: StageName; next: StageName | null; note?: string }[] = [];
  const deps = {
    ledger: {
      async beginRun(id: string, _url: string, _now: Date, options: { force?: boolean } = {}): Promise<BeginRunResult> {
        const current = runs.get(id);
        if (current && current.state !== 'done' && current.state !== 'failed' && !options.force) return { run: current.run, created: false, stage: 'langdetect', state: 'queued' };
        const run = (current?.run ?? 0) + 1;
        runs.set(id, { run, state: 'queued' });
        return { run, created: true, stage: 'fetch', state: 'queued' };
      },
      async markStageDone(id: string, _run: number, stage: StageName, next: StageName | null, timing: { note?: string }) {
        marks.push({ id, stage, next, ...(timing.note ? { note: timing.note } : {}) });
        return true;
      },
      async get(id: string) {
        const current = runs.get(id);
        return current ? ({ id, url: '', run: current.run, stage: 'index', state: current.state, attempts: 0, submittedAt: '', updatedAt: '', stages: {} } as never) : null;
      },
    },
    enqueue: async (queue: 'clean' | 'langdetect', payload: CleanJob | LangdetectJob, jobId: string) => {
      enqueued.push({ queue, payload, jobId });
    },
    hasJob: async (_queue: string, jobId: string) => enqueued.some((e) => e.jobId === jobId),
    storeHtml: async (docId: string, run: number) => `nf:blob:html:${docId}-${run}`,
    fingerprints: { get: async (id: string) => fingerprints.get(id) ?? null, set: async (id: string, fp: string) => void fingerprints.set(id, fp) },
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  return { deps, runs, enqueued, marks };
}

const doc = { url: 'https://News.example/a?utm_source=x#top', title: 'A title', date: '2025-09-05', body: 'Some text.\n\nMore text.', authors: ['Ann'] };

describe('importing documents that are already text', () => {
  it('enters text after clean (langdetect) with the URL id, and marks fetch and clean as skipped', async () => {
    const { deps, enqueued, marks } = fakeDeps();
    const outcome = await createDocumentImporter(deps)(doc);
    expect(outcome).toMatchObject({ status: 'accepted', url: 'https://news.example/a', run: 1, via: 'langdetect' });
    expect(enqueued).toHaveLength(1);
    const job = enqueued[0]!.payload as LangdetectJob;
    expect(enqueued[0]!.queue).toBe('langdetect');
    expect(job.article).toMatchObject({ title: 'A title', body: 'Some text.\n\nMore text.', authors: ['Ann'], publishedAt: '2025-09-05T00:00:00.000Z', extractor: 'import:text' });
    expect(job.fetch.finalUrl).toBe('https://news.example/a');
    expect(marks.map((m) => [m.stage, m.next])).toEqual([['fetch', 'clean'], ['clean', 'langdetect']]);
  });

  it('sends HTML to the cleaner with the given metadata as hints', async () => {
    const { deps, enqueued } = fakeDeps();
    const outcome = await createDocumentImporter(deps)({ ...doc, body: '', html: '<html><body><p>Hi</p></body></html>' });
    expect(outcome).toMatchObject({ status: 'accepted', via: 'clean' });
    const job = enqueued[0]!.payload as CleanJob;
    expect(job.fetch.htmlRef).toMatch(/^nf:blob:html:/);
    expect(job.hints).toMatchObject({ title: 'A title', publishedAt: '2025-09-05T00:00:00.000Z', authors: ['Ann'] });
  });

  it('does nothing for an identical re-import, and starts a new run for an edited one once the first is done', async () => {
    const { deps, runs, enqueued } = fakeDeps();
    const importDocument = createDocumentImporter(deps);
    await importDocument(doc);
    expect(await importDocument(doc)).toMatchObject({ status: 'unchanged' });
    expect(await importDocument({ ...doc, body: 'Edited.' })).toMatchObject({ status: 'in_flight' });
    for (const record of runs.values()) record.state = 'done';
    expect(await importDocument({ ...doc, body: 'Edited.' })).toMatchObject({ status: 'accepted', run: 2 });
    expect(enqueued).toHaveLength(2);
  });

  it('starts over when an earlier import recorded its run but died before enqueueing the job', async () => {
    const { deps, runs, enqueued } = fakeDeps();
    const { id } = await import('@newsflow/contracts').then((c) => c.identifyUrl(doc.url));
    runs.set(id, { run: 1, state: 'queued' });
    expect(await createDocumentImporter(deps)(doc)).toMatchObject({ status: 'accepted', run: 2 });
    expect(enqueued.map((e) => e.jobId)).toEqual([`${id}-2`]);
  });

  it('rejects invalid documents with a reason', async () => {
    const { deps } = fakeDeps();
    const importDocument = createDocumentImporter(deps);
    expect(await importDocument({ ...doc, url: 'ftp://x.example/a' })).toMatchObject({ status: 'rejected', error: 'unsupported_scheme' });
    expect(await importDocument({ ...doc, date: '5 Sept' })).toMatchObject({ status: 'rejected', error: 'invalid_document' });
    expect(await importDocument({ ...doc, body: '  ' })).toMatchObject({ status: 'rejected', error: 'invalid_document', message: expect.stringContaining('body') });
    expect(await importDocument({ ...doc, extra: 1 })).toMatchObject({ status: 'rejected', error: 'invalid_document' });
  });

  it('reports NDJSON lines by number, with bounded concurrency and a line cap', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const importDocument = async (raw: unknown): Promise<ImportOutcome> => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      const value = raw as { ok?: boolean };
      return value.ok ? { status: 'accepted', id: 'x', url: 'u', run: 1, via: 'langdetect' } : { status: 'rejected', error: 'invalid_document', message: 'bad' };
    };
    async function* lines() {
      yield '{"ok":true}';
      yield '';
      yield '{not json';
      yield '{"ok":false}';
      for (let i = 0; i < 20; i++) yield '{"ok":true}';
    }
    const report = await importNdjsonLines(lines(), importDocument, { maxLines: 10, maxLineBytes: 1000, maxListed: 10, concurrency: 3 });
    expect(report).toMatchObject({ lines: 10, accepted: 7, rejected: 2, truncated: { atLine: 11 } });
    expect(report.rejections.map((r) => [r.line, r.error])).toEqual([[3, 'invalid_json'], [4, 'invalid_document']]);
    expect(maxInFlight).toBeLessThanOrEqual(3);
  });
});
