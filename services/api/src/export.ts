import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import { ZipFile } from 'yazl';
import type { Client } from '@elastic/elasticsearch';
import type { ArticleDocument } from '@newsflow/contracts';
import { buildFilters, buildTextQuery, scanDocuments, type SearchFilters } from '@newsflow/search';

type Exported = Partial<ArticleDocument> & Record<string, unknown>;

const CSV_COLUMNS = ['id', 'url', 'publishedAt', 'language', 'domain', 'title', 'authors', 'keywords', 'people', 'organizations', 'places', 'countries', 'story', 'cluster', 'wordCount', 'body'];

/** A CSV cell: lists joined, the story and near-duplicate cluster by their ids. */
function csvCell(doc: Exported, column: string): unknown {
  const value = doc[column];
  if (column === 'story' || column === 'cluster') return (value as { id?: string } | undefined)?.id ?? '';
  return Array.isArray(value) ? value.join('; ') : (value ?? '');
}

/** The plain-text corpus layout Newsflow imports too: date line with URL, the title twice, the body. */
export function storyFile(doc: Exported): string {
  const date = doc.publishedAt?.slice(0, 10) ?? 'undated';
  const body = (doc.body ?? '').replace(/\n{3,}/g, '\n\n');
  return ` date ${date} ${doc.url ?? ''}\n\n${doc.title ?? ''}\n\n${doc.title ?? ''}\n\n${body}\n`;
}

function storyFileName(doc: Exported, seen: Set<string>): string {
  const date = doc.publishedAt?.slice(0, 10) ?? 'undated';
  const domain = (doc.domain ?? 'unknown').replace(/[^a-z0-9.-]/gi, '_');
  let name = `${date}-${domain}-${(doc.id ?? '').slice(0, 12)}.txt`;
  for (let n = 2; seen.has(name); n++) name = `${date}-${domain}-${(doc.id ?? '').slice(0, 12)}-${n}.txt`;
  seen.add(name);
  return name;
}

async function* documents(client: Client, alias: string, params: SearchFilters & { q?: string }, limit: number): AsyncGenerator<Exported> {
  let count = 0;
  const query = { bool: { must: [buildTextQuery(params.q)], filter: buildFilters(params) } };
  for await (const doc of scanDocuments(client, alias, query, { batchSize: 500, source: { excludes: ['i18n', 'titleSuggest'] } as unknown as string[] })) {
    yield { ...doc.source, id: doc.id };
    if (++count >= limit) return;
  }
}

/**
 * Streams the documents of a query as NDJSON, CSV or a zip of story files. Pages are read from
 * Elasticsearch only as fast as the client consumes them, so memory stays bounded.
 */
export function exportArticles(client: Client, alias: string, params: SearchFilters & { q?: string }, format: 'ndjson' | 'csv' | 'zip', limit: number): Readable {
  if (format === 'ndjson') {
    return Readable.from(
      (async function* () {
        for await (const doc of documents(client, alias, params, limit)) yield `${JSON.stringify(doc)}\n`;
      })(),
    );
  }
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield stringify([CSV_COLUMNS]);
        for await (const doc of documents(client, alias, params, limit)) {
          yield stringify([CSV_COLUMNS.map((column) => csvCell(doc, column))]);
        }
      })(),
    );
  }
  const zip = new ZipFile();
  const output = zip.outputStream as unknown as Readable;
  void (async () => {
    const names = new Set<string>();
    try {
      for await (const doc of documents(client, alias, params, limit)) {
        zip.addBuffer(Buffer.from(storyFile(doc), 'utf8'), storyFileName(doc, names), { mtime: new Date(doc.publishedAt ?? Date.now()) });
        // Backpressure: do not queue more stories while the client is behind.
        while (output.readableLength > 4 * 1024 * 1024 && !output.destroyed) await sleep(5);
        if (output.destroyed) return;
      }
      zip.end();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return output;
}
