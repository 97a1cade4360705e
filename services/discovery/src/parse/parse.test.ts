import { describe, expect, it } from 'vitest';
import { DiscoveryError, parseSource } from './index';

const base = 'https://news.example/feed';
const parse = (text: string, contentType?: string) => parseSource(Buffer.from(text, 'utf8'), contentType, base);
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return error instanceof DiscoveryError ? error.code : `other: ${(error as Error).message}`;
  }
  return 'no error';
};

describe('feed and sitemap parsing', () => {
  it('reads RSS 2.0 items with dates, authors and categories', () => {
    const result = parse(`<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Example News</title>
      <item><title><![CDATA[Budget <b>passes</b> & more]]></title><link>/2025/budget.html?utm_source=rss</link>
        <pubDate>Fri, 05 Sep 2025 10:30:00 +0200</pubDate><dc:creator>Jane Doe</dc:creator><category>Politics</category><category>Economy</category></item>
      <item><title>Guid only</title><guid>https://news.example/guid-story</guid><author>ed@news.example (Ed Smith)</author></item>
      <item><title>Not a link</title><guid isPermaLink="false">tag:123</guid></item>
    </channel></rss>`);
    expect(result.format).toBe('rss');
    expect(result.title).toBe('Example News');
    expect(result.entries).toEqual([
      { url: 'https://news.example/2025/budget.html?utm_source=rss', title: 'Budget passes & more', publishedAt: '2025-09-05T08:30:00.000Z', authors: ['Jane Doe'], categories: ['Politics', 'Economy'] },
      { url: 'https://news.example/guid-story', title: 'Guid only', authors: ['Ed Smith'], categories: [] },
    ]);
  });

  it('reads Atom 1.0 entries (alternate link, published, updated, author names, category terms)', () => {
    const result = parse(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Atom site</title>
      <entry><title type="html">A &amp;lt;i&amp;gt;story&amp;lt;/i&amp;gt;</title><link rel="self" href="/self"/><link href="https://news.example/a1"/>
        <id>urn:uuid:1</id><published>2025-09-05T10:00:00Z</published><updated>2025-09-06T11:00:00Z</updated>
        <author><name>Ann</name></author><author><name>Bob</name></author><category term="world"/></entry></feed>`);
    expect(result.format).toBe('atom');
    expect(result.entries).toEqual([
      { url: 'https://news.example/a1', title: 'A story', publishedAt: '2025-09-05T10:00:00.000Z', modifiedAt: '2025-09-06T11:00:00.000Z', authors: ['Ann', 'Bob'], categories: ['world'] },
    ]);
  });

  it('reads RDF/RSS 1.0 items (items are siblings of the channel)', () => {
    const result = parse(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://news.example/"><title>RDF site</title></channel>
      <item rdf:about="https://news.example/r1"><title>One</title><dc:date>2025-09-05</dc:date><dc:subject>Sport</dc:subject></item>
      <item rdf:about="https://news.example/r2"><title>Two</title><link>https://news.example/r2-link</link></item></rdf:RDF>`);
    expect(result.format).toBe('rdf');
    expect(result.entries.map((e) => [e.url, e.publishedAt, e.categories])).toEqual([
      ['https://news.example/r1', '2025-09-05T00:00:00.000Z', ['Sport']],
      ['https://news.example/r2-link', undefined, []],
    ]);
  });

  it('reads JSON Feed items', () => {
    const result = parse(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JF', items: [
      { id: '1', url: 'https://news.example/j1', title: 'J one', date_published: '2025-09-05T10:00:00+00:00', authors: [{ name: 'Kim' }], tags: ['a', 'b'] },
      { id: 'https://news.example/j2', content_text: 'no url field' },
      { id: 'x' },
    ] }, null, 2));
    expect(result.format).toBe('jsonfeed');
    expect(result.entries).toEqual([
      { url: 'https://news.example/j1', title: 'J one', publishedAt: '2025-09-05T10:00:00.000Z', authors: ['Kim'], categories: ['a', 'b'] },
      { url: 'https://news.example/j2', authors: [], categories: [] },
    ]);
  });

  it('reads sitemaps with Google News publication dates, and sitemap indexes', () => {
    const sitemap = parse(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://news.example/s1</loc><lastmod>2025-09-06</lastmod><news:news><news:publication><news:name>Ex</news:name><news:language>en</news:language></news:publication>
        <news:publication_date>2025-09-05T08:00:00+01:00</news:publication_date><news:title>Sitemap story</news:title><news:keywords>rates, banks</news:keywords></news:news></url>
      <url><loc>https://news.example/s2</loc></url></urlset>`);
    expect(sitemap.format).toBe('sitemap');
    expect(sitemap.entries).toEqual([
      { url: 'https://news.example/s1', title: 'Sitemap story', publishedAt: '2025-09-05T07:00:00.000Z', modifiedAt: '2025-09-06T00:00:00.000Z', authors: [], categories: ['rates', 'banks'] },
      { url: 'https://news.example/s2', authors: [], categories: [] },
    ]);
    const index = parse(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://news.example/a.xml</loc><lastmod>2025-09-01</lastmod></sitemap><sitemap><loc>/b.xml</loc></sitemap></sitemapindex>`);
    expect(index.format).toBe('sitemapindex');
    expect(index.entries).toEqual([]);
    expect(index.sitemaps).toEqual([{ url: 'https://news.example/a.xml', lastmod: '2025-09-01T00:00:00.000Z' }, { url: 'https://news.example/b.xml' }]);
  });

  it('reads URL lists as text, CSV with a header, headerless CSV and NDJSON', () => {
    expect(parse('# my list\nhttps://news.example/t1\n\nnot a url\nhttps://news.example/t2\n').entries.map((e) => e.url)).toEqual(['https://news.example/t1', 'https://news.example/t2']);
    const csv = parse('title,url,date\n"Hello, world",https://news.example/c1,2025-09-05\nNo URL,,\n');
    expect(csv.entries).toEqual([{ url: 'https://news.example/c1', title: 'Hello, world', publishedAt: '2025-09-05T00:00:00.000Z', authors: [], categories: [] }]);
    expect(parse('https://news.example/h1,extra\nhttps://news.example/h2,more\n').entries.map((e) => e.url)).toEqual(['https://news.example/h1', 'https://news.example/h2']);
    const ndjson = parse('{"url":"https://news.example/n1","title":"N1","authors":["A"]}\n{"broken\n{"url":"https://news.example/n2","date":"2025-09-05T10:00:00Z"}\n');
    expect(ndjson.format).toBe('urllist');
    expect(ndjson.entries.map((e) => [e.url, e.title, e.publishedAt, e.authors])).toEqual([
      ['https://news.example/n1', 'N1', undefined, ['A']],
      ['https://news.example/n2', undefined, '2025-09-05T10:00:00.000Z', []],
    ]);
  });

  it('answers broken documents with a coded error instead of throwing anything else', () => {
    expect(codeOf(() => parse('<rss><channel><item><title>cut off'))).toBe('malformed_feed');
    expect(codeOf(() => parse('<feed><entry><link href="https://news.example/x"/></entry>'))).toBe('malformed_feed');
    expect(codeOf(() => parse('<!doctype html><html><head><title>Home</title></head><body></body></html>'))).toBe('unrecognized_format');
    expect(codeOf(() => parse('<svg></svg>'))).toBe('unrecognized_format');
    expect(codeOf(() => parse('{"version": "https://jsonfeed.org/version/1", "items": [ {'))).toBe('malformed_feed');
    expect(codeOf(() => parse('{\n"hello": 1\n}'))).toBe('unrecognized_format');
    expect(codeOf(() => parse('\u0000\u0001binary garbage'))).toBe('unrecognized_format');
    expect(codeOf(() => parseSource(Buffer.from(`<rss><channel>${'<item><link>https://n.example/x</link></item>'.repeat(11)}</channel></rss>`), undefined, base, { maxEntries: 10 }))).toBe('too_many_entries');
  });

  it('decodes declared legacy charsets', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>Caf\xe9</title><link>https://news.example/c</link></item></channel></rss>', 'latin1');
    expect(parseSource(latin1, 'application/rss+xml', base).entries[0]?.title).toBe('Café');
  });
});
