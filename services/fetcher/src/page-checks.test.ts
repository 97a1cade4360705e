import { describe, expect, it } from 'vitest';
import { checkPage, detectBotWall } from './page-checks';

const page = (html: string, extra: Partial<Parameters<typeof checkPage>[0]> = {}) =>
  checkPage({ requestedUrl: 'https://news.example/2025/story.html', finalUrl: 'https://news.example/2025/story.html', headers: {}, html, ...extra });

describe('page checks', () => {
  it('passes an ordinary article, even one about errors', () => {
    expect(page('<html><title>Why the 404 error page became an art form</title><p>...</p></html>')).toBeNull();
    expect(page('<html><title>Missing hiker found not far from camp</title></html>')).toBeNull();
  });

  it('recognises bot challenges by header and by markup', () => {
    expect(detectBotWall({ 'cf-mitigated': 'challenge' }, '')).toMatch(/Cloudflare/);
    expect(page('<title>Just a moment...</title><script src="/cdn-cgi/challenge-platform/x.js"></script>')).toMatchObject({ code: 'bot_wall' });
    expect(page('<script src="https://ct.captcha-delivery.com/c.js"></script>')).toMatchObject({ code: 'bot_wall' });
  });

  it('recognises soft 404s by title and by a redirect to the home page', () => {
    expect(page('<html><title>Page Not Found | Daily</title></html>')).toMatchObject({ code: 'soft_404' });
    expect(page('<html><title>404 - Seite nicht gefunden</title></html>')).toMatchObject({ code: 'soft_404' });
    expect(page('<html><title>Daily</title></html>', { finalUrl: 'https://news.example/' })).toMatchObject({ code: 'soft_404' });
    expect(page('<html><title>Daily</title></html>', { requestedUrl: 'https://news.example/', finalUrl: 'https://news.example/' })).toBeNull();
  });

  it('recognises declared paywalls', () => {
    expect(page('<script type="application/ld+json">{"isAccessibleForFree": "False"}</script>')).toMatchObject({ code: 'paywall' });
    expect(page('<script type="application/ld+json">{"isAccessibleForFree": true}</script>')).toBeNull();
  });
});
