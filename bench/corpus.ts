import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

import { seededRandom } from '../test/support/random';

const here = dirname(fileURLToPath(import.meta.url));

/** Languages of the generated news pages and the html lang they declare. */
const LANGUAGES: Record<string, string> = { eng: 'en', deu: 'de', fra: 'fr', spa: 'es', por: 'pt', ita: 'it', rus: 'ru', arb: 'ar', cmn: 'zh', jpn: 'ja', pol: 'pl', tur: 'tr' };

export interface CorpusSource {
  /** Long texts per language (ISO 639-3), split into sentences. */
  sentences: Map<string, string[]>;
  origin: string;
}

function sharedDir(override?: string): string {
  return override ?? resolve(here, '..', '..', 'shared');
}

/**
 * Article text for the load generator: long texts in many languages from the shared langid
 * development set (read at run time, never copied into the repository). Falls back to the demo
 * site's own pages when the shared data is absent.
 */
export function loadCorpus(sharedOverride?: string): CorpusSource {
  const sentences = new Map<string, string[]>();
  const file = join(sharedDir(sharedOverride), 'datasets', 'langid-dev', 'cases.jsonl');
  if (existsSync(file)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      const row = JSON.parse(line) as { lang: string; text: string; length: string };
      if (!LANGUAGES[row.lang] || (row.length !== '2000+' && row.length !== '1000-1999')) continue;
      const parts = row.text.split(/(?<=[.!?。！？])\s*/u).filter((s) => s.length > 20);
      sentences.set(row.lang, [...(sentences.get(row.lang) ?? []), ...parts]);
    }
    return { sentences, origin: 'langid-dev long texts' };
  }
  const demo = readFileSync(join(here, '..', 'infra', 'demo-site', 'pages', 'kim-xi-friendship.html'), 'utf8');
  const text = [...demo.matchAll(/<p>([^<]{80,})<\/p>/g)].map((m) => m[1]!);
  sentences.set('eng', text.flatMap((p) => p.split(/(?<=\.)\s+/)));
  return { sentences, origin: 'demo site page' };
}


const NAV = ['Home', 'World', 'Politics', 'Business', 'Science', 'Sport', 'Culture', 'Opinion', 'Video', 'Podcasts'];

/**
 * A realistic news page for article n: navigation, scripts, ads, related links, comments and a
 * footer around 4–40 paragraphs, padded with page furniture so sizes spread from ~2 KB to ~200 KB.
 * Deterministic in n; no two pages are identical.
 */
export function generatePage(corpus: CorpusSource, n: number): { html: string; language: string } {
  const random = seededRandom(n + 1);
  const languages = [...corpus.sentences.keys()];
  const language = languages[n % languages.length]!;
  const pool = corpus.sentences.get(language)!;
  const pick = (): string => pool[Math.floor(random() * pool.length)]!;
  // Log-uniform size: many small pages, some heavy ones.
  const sizeClass = Math.exp(Math.log(2_000) + random() * (Math.log(200_000) - Math.log(2_000)));
  const paragraphs = Math.max(3, Math.min(40, Math.round(sizeClass / 2_500)));
  const title = `${pick().slice(0, 90)} (${n})`;
  const body = Array.from({ length: paragraphs }, (_, i) => `<p>${i === 0 ? `Report ${n}: ` : ''}${pick()} ${pick()} ${pick()}</p>`).join('\n');
  const day = String(1 + (n % 28)).padStart(2, '0');
  let html = `<!DOCTYPE html><html lang="${LANGUAGES[language] ?? 'en'}"><head><meta charset="utf-8"><title>${title} | Loadgen Times</title>
<meta property="og:site_name" content="Loadgen Times"><meta property="article:published_time" content="2025-08-${day}T08:${String(n % 60).padStart(2, '0')}:00Z">
<script>window.dataLayer=[];function track(e){dataLayer.push(e)}</script></head><body>
<header><nav>${NAV.map((item) => `<a href="/${item.toLowerCase()}">${item}</a>`).join(' ')}</nav></header>
<div class="cookie-banner">We use cookies. <button>Accept</button></div>
<main><article><h1>${title}</h1><p class="byline">By Staff Reporter ${n % 97}</p>${body}</article>
<aside class="related"><h2>Related</h2><ul>${Array.from({ length: 6 }, (_, i) => `<li><a href="/a/${n + i + 1}.html">${pick().slice(0, 70)}</a></li>`).join('')}</ul></aside></main>
<footer><p>© Loadgen Times. All rights reserved.</p></footer>`;
  // Heavy pages carry heavy furniture (inline scripts, tracking, comments), as real ones do.
  let pad = 0;
  while (html.length < sizeClass && pad < 400) {
    html += `<script>track({id:${pad},payload:"${'x'.repeat(400)}"})</script><!-- ad slot ${pad} -->`;
    pad++;
  }
  return { html: `${html}</body></html>`, language };
}
