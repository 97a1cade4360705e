import { describe, expect, it } from 'vitest';
import type { FetchedPage, HttpFetch } from '@newsflow/fetcher';
import { StageFailure } from '@newsflow/contracts';
import { autodiscover, feedLinksIn } from './autodiscover';

describe('feed autodiscovery', () => {
  it('finds alternate feed links and resolves them against the page', () => {
    const html = `<html><head>
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/rss.xml">
      <link rel="alternate" type="application/atom+xml" href="https://cdn.example/atom">
      <link rel="alternate" hreflang="de" href="/de/">
      <link rel="stylesheet" type="text/css" href="/s.css">
      <link rel="ALTERNATE" type="application/feed+json; charset=utf-8" href="feed.json">
    </head></html>`;
    expect(feedLinksIn(html, 'https://news.example/section/')).toEqual([
      'https://news.example/rss.xml',
      'https://cdn.example/atom',
      'https://news.example/section/feed.json',
    ]);
  });

  it('checks announced feeds and robots.txt sitemaps, probing common paths only when nothing is announced', async () => {
    const pages: Record<string, { type: string; body: string }> = {
      'https://news.example/': { type: 'text/html', body: '<link rel="alternate" type="application/rss+xml" href="/rss.xml"><link rel="alternate" type="application/atom+xml" href="/broken.xml">' },
      'https://news.example/robots.txt': { type: 'text/plain', body: 'User-agent: *\nDisallow:\nSitemap: https://news.example/news-sitemap.xml\n' },
      'https://news.example/rss.xml': { type: 'application/rss+xml', body: '<rss><channel><title>Main</title><item><link>https://news.example/a</link></item></channel></rss>' },
      'https://news.example/broken.xml': { type: 'application/atom+xml', body: '<feed><entry>' },
      'https://news.example/news-sitemap.xml': { type: 'application/xml', body: '<urlset><url><loc>https://news.example/a</loc></url><url><loc>https://news.example/b</loc></url></urlset>' },
    };
    const requested: string[] = [];
    const http: HttpFetch = async (url) => {
      requested.push(url);
      const page = pages[url];
      if (!page) throw new StageFailure('http_4xx', `HTTP 404 from ${url}`);
      return { finalUrl: url, status: 200, headers: { 'content-type': page.type }, body: Buffer.from(page.body), redirects: 0 } satisfies FetchedPage;
    };
    const result = await autodiscover('https://news.example/', http);
    expect(result.feeds).toEqual([{ url: 'https://news.example/rss.xml', format: 'rss', title: 'Main', entries: 1, via: 'link' }]);
    expect(result.sitemaps).toEqual([{ url: 'https://news.example/news-sitemap.xml', format: 'sitemap', entries: 2, via: 'robots' }]);
    expect(result.rejected).toEqual([expect.objectContaining({ url: 'https://news.example/broken.xml', code: 'malformed_feed' })]);
    expect(requested.some((u) => u.endsWith('/feed') || u.endsWith('/sitemap.xml'))).toBe(false);
  });
});
