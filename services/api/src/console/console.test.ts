import { describe, expect, it } from 'vitest';
import { wantsHtml } from './index';
import { CONSOLE_PAGES, renderPage } from './pages';
import { minuteWindows } from './pipeline-stats';

describe('wantsHtml', () => {
  it('is true for browser page loads only', () => {
    expect(wantsHtml('GET', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(wantsHtml('HEAD', 'text/html')).toBe(true);
    expect(wantsHtml('GET', 'application/json')).toBe(false);
    expect(wantsHtml('GET', '*/*')).toBe(false);
    expect(wantsHtml('GET', undefined)).toBe(false);
    expect(wantsHtml('GET', 'text/html-fragment')).toBe(false);
    expect(wantsHtml('POST', 'text/html')).toBe(false);
  });
});

describe('minuteWindows', () => {
  it('ends with the current minute and covers whole minutes without gaps', () => {
    const now = Date.UTC(2025, 0, 1, 12, 30, 45);
    const windows = minuteWindows(now, 3);
    expect(windows.map((w) => new Date(w.from).toISOString())).toEqual(['2025-01-01T12:28:00.000Z', '2025-01-01T12:29:00.000Z', '2025-01-01T12:30:00.000Z']);
    for (const [i, w] of windows.entries()) {
      expect(w.to - w.from).toBe(59_999);
      if (i > 0) expect(w.from).toBe(windows[i - 1]!.to + 1);
    }
    expect(now).toBeGreaterThanOrEqual(windows.at(-1)!.from);
    expect(now).toBeLessThanOrEqual(windows.at(-1)!.to);
  });
});

describe('renderPage', () => {
  it.each(CONSOLE_PAGES)('%s has landmarks, a skip link, its own script and no inline script or style', (page) => {
    const html = renderPage(page);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<a class="skip-link" href="#main">');
    expect(html).toMatch(/<header[^>]*>[\s\S]*<nav aria-label="Console">[\s\S]*<main id="main"[\s\S]*<footer/);
    expect(html).toContain(`<script type="module" src="/console/assets/${page}.js"></script>`);
    expect(html.match(/<script\b[^>]*>/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle=|<style|\son[a-z]+=/i);
    expect(html.match(/aria-current="page"/g)).toHaveLength(1);
  });

  it('labels every form control', () => {
    for (const page of CONSOLE_PAGES) {
      const html = renderPage(page);
      const ids = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
      for (const id of ids) expect(html, `${page}: #${id}`).toContain(`<label for="${id}"`);
    }
  });
});
