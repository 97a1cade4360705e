import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { createTar } from 'nanotar';
import { importCommand, type ImportSummary } from './import';

const story = (n: number) => ` date 2025-09-0${n} https://news.example/story-${n}\n\nStory ${n}\n\nStory ${n}\n\nBody of story ${n}.\n`;

describe('newsflow import', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsflow-import-unit-'));
    await mkdir(join(dir, 'folder', 'nested'), { recursive: true });
    await writeFile(join(dir, 'folder', 'a.txt'), story(1));
    await writeFile(join(dir, 'folder', 'nested', 'b.txt'), story(2));
    await writeFile(join(dir, 'folder', 'notes.md'), 'ignored');
    await writeFile(join(dir, 'folder', 'bad.txt'), 'no date line here');
    await writeFile(join(dir, 'docs.ndjson'), '{"url":"https://news.example/n1","title":"N1","date":"2025-09-01","body":"x"}\n\n{oops\n{"url":"https://news.example/n2","title":"N2","date":"2025-09-01","body":""}\n');
    const enc = new TextEncoder();
    await writeFile(join(dir, 'stories.tar.gz'), gzipSync(createTar([{ name: 'c.txt', data: enc.encode(story(3)) }, { name: 'sub/d.txt', data: enc.encode(story(4)) }])));
    await writeFile(join(dir, 'stories.zip'), zipSync({ 'e.txt': enc.encode(story(5)), 'more.jsonl': enc.encode('{"url":"https://news.example/z1","title":"Z","date":"2025-09-01","body":"z"}\n') }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads story files, folders, NDJSON and archives, batches them, and reports rejections by file and line', async () => {
    const batches: { url?: string }[][] = [];
    const client = {
      async request<T>(_method: string, _path: string, body?: unknown) {
        const documents = (body as { documents: { url?: string; body?: string }[] }).documents;
        batches.push(documents);
        // The API rejects documents with an empty body (second position in the NDJSON file).
        const rejections = documents.flatMap((d, i) => (d.body === '' ? [{ line: i + 1, error: 'invalid_document', message: 'body: empty' }] : []));
        return { status: 200, body: { accepted: documents.length - rejections.length, unchanged: 0, inFlight: 0, rejected: rejections.length, rejections } as T };
      },
    };
    const out: string[] = [];
    const code = await importCommand([join(dir, 'folder'), join(dir, 'docs.ndjson'), join(dir, 'stories.tar.gz'), join(dir, 'stories.zip'), '--batch', '3', '--json'], client, { out: (t) => out.push(t), err: (t) => out.push(t) });
    expect(code).toBe(1);
    const summary = JSON.parse(out.join('\n')) as ImportSummary;
    expect(summary).toMatchObject({ documents: 10, accepted: 7, rejected: 3 });
    expect(summary.rejections.map((r) => [r.where.replace(dir, ''), r.error])).toEqual([
      ['/folder/bad.txt', 'invalid_story_file'],
      ['/docs.ndjson:3', 'invalid_json'],
      ['/docs.ndjson:4', 'invalid_document'],
    ]);
    expect(batches.every((b) => b.length <= 3)).toBe(true);
    expect(batches.flat().map((d) => d.url)).toEqual([
      'https://news.example/story-1',
      'https://news.example/story-2',
      'https://news.example/n1',
      'https://news.example/n2',
      'https://news.example/story-3',
      'https://news.example/story-4',
      'https://news.example/story-5',
      'https://news.example/z1',
    ]);
  });
});
