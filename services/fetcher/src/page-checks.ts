import type { FailureCode } from '@newsflow/contracts';

/**
 * Fingerprints of bot-challenge interstitials (Cloudflare, DataDome, PerimeterX, Sucuri,
 * Imperva). They are served instead of the article, often with 403/503 but sometimes with 200.
 */
const BOT_WALL_MARKERS: readonly [string, string][] = [
  ['/cdn-cgi/challenge-platform/', 'Cloudflare challenge'],
  ['window._cf_chl_opt', 'Cloudflare challenge'],
  ['<title>just a moment...</title>', 'Cloudflare challenge'],
  ['attention required! | cloudflare', 'Cloudflare block page'],
  ['captcha-delivery.com', 'DataDome captcha'],
  ['px-captcha', 'PerimeterX captcha'],
  ['sucuri website firewall', 'Sucuri firewall'],
  ['_incapsula_resource', 'Imperva challenge'],
];

/** A reason when the response is a bot challenge rather than the page. */
export function detectBotWall(headers: Record<string, string>, body: string): string | null {
  if (headers['cf-mitigated']?.toLowerCase() === 'challenge') return 'Cloudflare challenge (cf-mitigated)';
  // Challenge pages are small; searching only the head keeps this cheap on large articles.
  const head = body.slice(0, 64 * 1024).toLowerCase();
  for (const [marker, reason] of BOT_WALL_MARKERS) if (head.includes(marker)) return reason;
  return null;
}

/** Titles of "not found" pages served with status 200, in the pipeline's main languages. */
const NOT_FOUND_TITLES = [
  /^(error )?404\b/,
  /\b404\b.*\bnot found\b/,
  /^not found\b/,
  /\bpage not found\b/,
  /\bseite nicht gefunden\b/,
  /\bpage (introuvable|non trouvée)\b/,
  /\bpágina no encontrada\b/,
  /\bpagina non trovata\b/,
];

function titleOf(html: string): string {
  const start = html.search(/<title[\s>]/i);
  if (start < 0) return '';
  const open = html.indexOf('>', start);
  const close = html.toLowerCase().indexOf('</title', open);
  return open < 0 || close < 0 ? '' : html.slice(open + 1, Math.min(close, open + 1 + 500)).trim().toLowerCase();
}

/**
 * schema.org's paywall markup, which publishers add so that search engines can tell a paywall
 * from cloaking: `"isAccessibleForFree": false` (or "False") in JSON-LD.
 */
function declaresPaywall(html: string): boolean {
  return /"isAccessibleForFree"\s*:\s*"?false"?/i.test(html);
}

export interface PageVerdict {
  code: FailureCode;
  reason: string;
}

/**
 * Looks at a page that arrived with 2xx and decides whether it is not the article after all:
 * a bot challenge, a paywall, or a "soft 404" (a not-found page or a redirect to the home page).
 */
export function checkPage(page: { requestedUrl: string; finalUrl: string; headers: Record<string, string>; html: string }): PageVerdict | null {
  const wall = detectBotWall(page.headers, page.html);
  if (wall) return { code: 'bot_wall', reason: wall };
  const requested = new URL(page.requestedUrl);
  const final = new URL(page.finalUrl);
  if (requested.pathname !== '/' && final.pathname === '/' && final.search === '') {
    return { code: 'soft_404', reason: `redirected from ${requested.pathname} to the home page` };
  }
  const title = titleOf(page.html);
  if (title && NOT_FOUND_TITLES.some((pattern) => pattern.test(title))) return { code: 'soft_404', reason: `page title says not found: ${JSON.stringify(title.slice(0, 100))}` };
  if (declaresPaywall(page.html)) return { code: 'paywall', reason: 'page declares isAccessibleForFree: false' };
  return null;
}
