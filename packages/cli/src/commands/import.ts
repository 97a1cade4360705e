import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { parseTar } from 'nanotar';
import { StoryFormatError, parseStoryText } from '@newsflow/contracts';
import type { CommandClient, CommandIo } from './sources';

export const IMPORT_HELP = `newsflow import PATH… [--batch 200] [--json]

  Imports documents that are already text, without fetching them:
    *.txt                  a story file: " date YYYY-MM-DD URL", the title, the body paragraphs
    *.ndjson, *.jsonl      one {"url", "title", "date", "body", "authors"?, "html"?} per line
    a folder               every such file in it, recursively
    *.tar, *.tar.gz, *.tgz, *.zip   every such file in the archive
  Each document gets the id its URL would get; importing the same text again changes nothing.
  Shows progress, then a report of what was rejected and why (file, or file:line). The exit
  code is 1 when anything was rejected.`;

/** One document to send, or a reason it could not even be read; `where` is file or file:line. */
type Item = { where: string; document: unknown } | { where: string; error: string; message: string };

const STORY_EXTENSIONS = new Set(['.txt']);
const NDJSON_EXTENSIONS = new Set(['.ndjson', '.jsonl']);
/** Requests stay well under the API's default 1 MiB JSON body limit. */
const MAX_BATCH_BYTES = 700 * 1024;

function storyItem(where: string, text: string): Item {
  try {
    const story = parseStoryText(text);
    return { where, document: { url: story.url, title: story.title, date: story.date, body: story.body } };
  } catch (error) {
    if (error instanceof StoryFormatError) return { where, error: 'invalid_story_file', message: error.message };
    throw error;
  }
}

function ndjsonItem(where: string, line: string): Item {
  try {
    return { where, document: JSON.parse(line) as unknown };
  } catch (error) {
    return { where, error: 'invalid_json', message: (error as Error).message };
  }
}

function* itemsOfText(name: string, text: string): Generator<Item> {
  const extension = extname(name).toLowerCase();
  if (STORY_EXTENSIONS.has(extension)) {
    yield storyItem(name, text);
  } else if (NDJSON_EXTENSIONS.has(extension)) {
    const lines = text.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) if (lines[i]!.trim()) yield ndjsonItem(`${name}:${i + 1}`, lines[i]!);
  }
}

function isArchive(path: string): boolean {
  return /\.(tar|tar\.gz|tgz|zip)$/i.test(path);
}

function* itemsOfArchive(path: string, data: Buffer): Generator<Item> {
  const label = basename(path);
  if (/\.zip$/i.test(path)) {
    const files = unzipSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    for (const name of Object.keys(files).sort()) {
      if (name.endsWith('/')) continue;
      yield* itemsOfText(`${label}/${name}`, Buffer.from(files[name]!).toString('utf8'));
    }
    return;
  }
  const tar = /\.(tar\.gz|tgz)$/i.test(path) ? gunzipSync(data) : data;
  // A copy with its own ArrayBuffer: nanotar reads `.buffer` from offset 0, and Node 24 returns
  // buffers that are slices of a larger pool.
  for (const entry of parseTar(new Uint8Array(tar))) {
    if (entry.type !== 'file' || !entry.data) continue;
    yield* itemsOfText(`${label}/${entry.name}`, Buffer.from(entry.data).toString('utf8'));
  }
}

/** Walks the given paths and yields documents one at a time (NDJSON files are streamed). */
async function* itemsOf(paths: string[]): AsyncGenerator<Item> {
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield { where: path, error: 'unreadable', message: (error as Error).message };
      continue;
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).sort();
      yield* itemsOf(entries.map((entry) => join(path, entry)));
    } else if (isArchive(path)) {
      try {
        yield* itemsOfArchive(path, await readFile(path));
      } catch (error) {
        yield { where: path, error: 'unreadable_archive', message: (error as Error).message };
      }
    } else if (NDJSON_EXTENSIONS.has(extname(path).toLowerCase())) {
      let number = 0;
      for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
        number++;
        if (line.trim()) yield ndjsonItem(`${path}:${number}`, line);
      }
    } else if (STORY_EXTENSIONS.has(extname(path).toLowerCase())) {
      yield storyItem(path, await readFile(path, 'utf8'));
    }
  }
}

interface BatchReport {
  accepted: number;
  unchanged: number;
  inFlight: number;
  rejected: number;
  rejections: { line: number; error: string; message: string }[];
}

export interface ImportSummary {
  documents: number;
  accepted: number;
  unchanged: number;
  inFlight: number;
  rejected: number;
  rejections: { where: string; error: string; message: string }[];
}

/** newsflow import PATH… — sends documents in batches to POST /documents. */
export async function importCommand(args: string[], client: CommandClient, io: CommandIo = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) }): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { batch: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, api: { type: 'string' }, key: { type: 'string' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${IMPORT_HELP}`);
    return 2;
  }
  const { values, positionals } = parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
  if (values.help || positionals.length === 0) {
    (values.help ? io.out : io.err)(IMPORT_HELP);
    return values.help ? 0 : 2;
  }
  const batchSize = Number(values.batch ?? 200);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1000) {
    io.err('--batch must be a whole number from 1 to 1000');
    return 2;
  }

  const summary: ImportSummary = { documents: 0, accepted: 0, unchanged: 0, inFlight: 0, rejected: 0, rejections: [] };
  const reject = (where: string, error: string, message: string): void => {
    summary.rejected++;
    summary.rejections.push({ where, error, message });
  };
  let batch: { where: string; document: unknown }[] = [];
  let batchBytes = 0;
  const send = async (): Promise<void> => {
    if (batch.length === 0) return;
    const response = await client.request<BatchReport & { message?: string }>('POST', '/documents', { documents: batch.map((b) => b.document) });
    if (response.status !== 200) {
      for (const item of batch) reject(item.where, `http_${response.status}`, response.body?.message ?? 'the API refused the batch');
    } else {
      summary.accepted += response.body.accepted;
      summary.unchanged += response.body.unchanged;
      summary.inFlight += response.body.inFlight;
      for (const rejection of response.body.rejections) reject(batch[rejection.line - 1]?.where ?? `document ${rejection.line}`, rejection.error, rejection.message);
      // Rejections past the API's listing cap are still counted.
      const unlisted = response.body.rejected - response.body.rejections.length;
      if (unlisted > 0) summary.rejected += unlisted;
    }
    batch = [];
    batchBytes = 0;
    io.status?.(`imported ${summary.documents} documents: ${summary.accepted} new, ${summary.unchanged} unchanged, ${summary.rejected} rejected`);
  };

  for await (const item of itemsOf(positionals)) {
    summary.documents++;
    if ('error' in item) {
      reject(item.where, item.error, item.message);
      continue;
    }
    const bytes = Buffer.byteLength(JSON.stringify(item.document), 'utf8');
    if (bytes > MAX_BATCH_BYTES) {
      reject(item.where, 'too_large', `the document is ${bytes} bytes; at most ${MAX_BATCH_BYTES} per document`);
      continue;
    }
    if (batch.length >= batchSize || batchBytes + bytes > MAX_BATCH_BYTES) await send();
    batch.push(item);
    batchBytes += bytes;
  }
  await send();

  if (values.json) {
    io.out(JSON.stringify(summary, null, 2));
  } else {
    io.out(`documents: ${summary.documents}  new: ${summary.accepted}  unchanged: ${summary.unchanged}  in flight: ${summary.inFlight}  rejected: ${summary.rejected}`);
    for (const rejection of summary.rejections) io.out(`  rejected ${rejection.where}: ${rejection.error}: ${rejection.message}`);
  }
  return summary.rejected > 0 ? 1 : 0;
}
