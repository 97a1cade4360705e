/**
 * Speed and memory of source parsing: RSS, Atom, RDF, sitemap, JSON Feed and URL-list documents
 * of 10,000 and 100,000 entries, generated here (no data set needed).
 *
 *   npx tsx services/discovery/scripts/bench-parse.ts [--quick]
 *
 * Targets (exit 1 when missed): every XML format parses at ≥ 10 MB/s (best of 3; measured
 * 20–50 MB/s on a shared 2-core machine); what a parse keeps is ≤ 1,000 bytes per entry (no
 * document tree); the heap a parse of an XML document needs stays under 6× the document's size.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseSource, type ParsedSource } from '../src/parse/index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const MIN_XML_MB_PER_S = 10;
const MAX_RETAINED_BYTES_PER_ENTRY = 1_000;
const MAX_TRANSIENT_RATIO = 6;
const RUNS = 3;

const url = (i: number): string => `https://news.example/2025/09/${i % 28}/story-${i}.html?id=${i}`;
const title = (i: number): string => `Council approves plan ${i} after a long debate &amp; protests`;
const date = (i: number): Date => new Date(Date.UTC(2025, 8, 1) + i * 60_000);

const generators: Record<string, (n: number) => string> = {
  rss: (n) =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title>${Array.from({ length: n }, (_, i) =>
      `<item><title>${title(i)}</title><link>${url(i)}</link><guid>${url(i)}</guid><pubDate>${date(i).toUTCString()}</pubDate><dc:creator>Writer ${i % 40}</dc:creator><category>Politics</category><description><![CDATA[<p>${'Summary text of the article. '.repeat(6)}</p>]]></description></item>`,
    ).join('\n')}</channel></rss>`,
  atom: (n) =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>Bench</title>${Array.from({ length: n }, (_, i) =>
      `<entry><title type="html">${title(i)}</title><link rel="alternate" href="${url(i)}"/><id>${url(i)}</id><published>${date(i).toISOString()}</published><updated>${date(i).toISOString()}</updated><author><name>Writer ${i % 40}</name></author><summary>${'Summary text of the article. '.repeat(6)}</summary></entry>`,
    ).join('\n')}</feed>`,
  rdf: (n) =>
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title></channel>${Array.from({ length: n }, (_, i) =>
      `<item rdf:about="${url(i)}"><title>${title(i)}</title><link>${url(i)}</link><dc:date>${date(i).toISOString()}</dc:date></item>`,
    ).join('\n')}</rdf:RDF>`,
  sitemap: (n) =>
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${Array.from({ length: n }, (_, i) =>
      `<url><loc>${url(i)}</loc><lastmod>${date(i).toISOString()}</lastmod><news:news><news:publication><news:name>Bench</news:name><news:language>en</news:language></news:publication><news:publication_date>${date(i).toISOString()}</news:publication_date><news:title>${title(i)}</news:title></news:news></url>`,
    ).join('\n')}</urlset>`,
  jsonfeed: (n) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Bench', items: Array.from({ length: n }, (_, i) => ({ id: url(i), url: url(i), title: title(i), date_published: date(i).toISOString(), authors: [{ name: `Writer ${i % 40}` }] })) }),
  urllist: (n) => Array.from({ length: n }, (_, i) => url(i)).join('\n'),
};

interface Row {
  format: string;
  entries: number;
  mb: number;
  ms: number;
  mbPerS: number;
  retainedBytesPerEntry: number;
  transientRatio: number;
}

function measure(format: string, n: number): Row {
  const body = Buffer.from(generators[format]!(n), 'utf8');
  // Warm-up on a smaller document so that JIT compilation is not timed.
  parseSource(Buffer.from(generators[format]!(2_000), 'utf8'), undefined, 'https://news.example/feed');
  gc();
  const before = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result: ParsedSource = parseSource(body, undefined, 'https://news.example/feed', { maxEntries: 1_000_000 });
  const ms = performance.now() - started;
  // Heap right after the parse, garbage included: what the parse needed at most (about).
  const peak = process.memoryUsage().heapUsed - before;
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  if (result.entries.length !== n) throw new Error(`${format}: parsed ${result.entries.length} of ${n} entries`);
  let best = ms;
  for (let run = 1; run < RUNS; run++) {
    const again = performance.now();
    parseSource(body, undefined, 'https://news.example/feed', { maxEntries: 1_000_000 });
    best = Math.min(best, performance.now() - again);
  }
  const mb = body.length / 1024 / 1024;
  return {
    format,
    entries: n,
    mb: Math.round(mb * 10) / 10,
    ms: Math.round(best),
    mbPerS: Math.round((mb / (best / 1000)) * 10) / 10,
    retainedBytesPerEntry: Math.round(Math.max(0, retained) / n),
    transientRatio: Math.round((Math.max(peak, retained) / body.length) * 100) / 100,
  };
}

const quick = process.argv.includes('--quick');
const sizes = quick ? [10_000] : [10_000, 100_000];
const rows: Row[] = [];
for (const n of sizes) for (const format of Object.keys(generators)) rows.push(measure(format, n));

const headers = ['format', 'entries', 'MB', 'ms', 'MB/s', 'kept B/entry', 'heap/doc'];
const cells = rows.map((r) => [r.format, String(r.entries), String(r.mb), String(r.ms), String(r.mbPerS), String(r.retainedBytesPerEntry), String(r.transientRatio)]);
const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
const line = (c: string[]): string => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!))).join('  ');
console.log(line(headers));
console.log(widths.map((w) => '─'.repeat(w)).join('  '));
for (const c of cells) console.log(line(c));

const xmlRows = rows.filter((r) => ['rss', 'atom', 'rdf', 'sitemap'].includes(r.format));
const minXmlMbPerS = Math.min(...xmlRows.map((r) => r.mbPerS));
const maxRetained = Math.max(...rows.map((r) => r.retainedBytesPerEntry));
const maxTransient = Math.max(...xmlRows.map((r) => r.transientRatio));
const failures: string[] = [];
if (minXmlMbPerS < MIN_XML_MB_PER_S) failures.push(`slowest XML format parses at ${minXmlMbPerS} MB/s (target ≥ ${MIN_XML_MB_PER_S})`);
if (maxRetained > MAX_RETAINED_BYTES_PER_ENTRY) failures.push(`a parse keeps ${maxRetained} B per entry (target ≤ ${MAX_RETAINED_BYTES_PER_ENTRY})`);
if (maxTransient > MAX_TRANSIENT_RATIO) failures.push(`an XML parse used ${maxTransient}× the document size (target ≤ ${MAX_TRANSIENT_RATIO})`);
for (const failure of failures) console.log(`FAIL: ${failure}`);
const rss100k = rows.find((r) => r.format === 'rss' && r.entries === 100_000) ?? rows.find((r) => r.format === 'rss')!;
console.log(JSON.stringify({ min_xml_mb_per_s: minXmlMbPerS, max_kept_bytes_per_entry: maxRetained, max_xml_heap_per_doc: maxTransient, rss_entries: rss100k.entries, rss_ms: rss100k.ms }));
process.exit(failures.length ? 1 : 0);
