import { identifyUrl, type ArticleDocument } from '@newsflow/contracts';
import { seededRandom } from '../test/support/random';
import type { CorpusSource } from './corpus';

const PEOPLE = ['Kim Jong Un', 'Xi Jinping', 'Vladimir Putin', 'Emmanuel Macron', 'Olaf Scholz', 'Narendra Modi', 'Luiz Inácio Lula da Silva', 'Cyril Ramaphosa', 'Fumio Kishida', 'Recep Tayyip Erdoğan', 'Ursula von der Leyen', 'António Guterres'];
const ORGS = ['United Nations', 'European Union', 'NATO', 'World Health Organization', 'Korean Central News Agency', 'Communist Party of China', 'International Monetary Fund', 'World Bank', 'African Union', 'OPEC'];
const PLACES: [string, string][] = [['Beijing', 'CN'], ['Moscow', 'RU'], ['Paris', 'FR'], ['Berlin', 'DE'], ['Pyongyang', 'KP'], ['New Delhi', 'IN'], ['Brasília', 'BR'], ['Tokyo', 'JP'], ['Ankara', 'TR'], ['Brussels', 'BE'], ['Nairobi', 'KE'], ['Geneva', 'CH']];
const LANGS: Record<string, string> = { eng: 'en', deu: 'de', fra: 'fr', spa: 'es', por: 'pt', ita: 'it', rus: 'ru', arb: 'ar', cmn: 'zh', jpn: 'ja', pol: 'pl', tur: 'tr' };

/**
 * A finished article document as the indexer writes it, with varied text, entities, keywords,
 * publishers and near-duplicate clusters, for the indexing and search benchmarks.
 */
export function generateDocument(corpus: CorpusSource, n: number): ArticleDocument {
  const random = seededRandom(n + 7);
  const languages = [...corpus.sentences.keys()];
  const language = languages[n % languages.length]!;
  const pool = corpus.sentences.get(language)!;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const paragraphs = 3 + Math.floor(random() * 8);
  const body = Array.from({ length: paragraphs }, () => `${pick(pool)} ${pick(pool)} ${pick(pool)}`).join('\n\n');
  const domain = `outlet${n % 400}.example.com`;
  const url = `https://${domain}/news/${n}`;
  const { id } = identifyUrl(url);
  const places = [pick(PLACES), pick(PLACES)];
  const published = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 330 * 86_400_000));
  const clusterOf = n % 10 < 2 ? n - (n % 10) : n;
  const words = body.split(/\s+/).length;
  return {
    id,
    url,
    finalUrl: url,
    domain,
    registrableDomain: 'example.com',
    title: `${pick(pool).slice(0, 100)}`,
    titleFull: `${pick(pool).slice(0, 100)} | Outlet ${n % 400}`,
    titleSuggest: pick(pool).slice(0, 100),
    body,
    lead: body.slice(0, 280),
    authors: [`Reporter ${n % 97}`],
    publishedAt: published.toISOString(),
    fetchedAt: '2025-12-01T00:00:00.000Z',
    indexedAt: new Date().toISOString(),
    submittedAt: '2025-12-01T00:00:00.000Z',
    language,
    languageIso1: LANGS[language] ?? 'en',
    languageConfidence: 0.9,
    siteName: `Outlet ${n % 400}`,
    tags: [],
    wordCount: words,
    readingTimeMinutes: Math.max(1, Math.round(words / 230)),
    httpStatus: 200,
    versions: { extractor: 'bench', detector: 'bench', enricher: 'bench' },
    keywords: Array.from({ length: 8 }, () => pick(pool).split(/\s+/)[0]!.toLowerCase().replace(/[^\p{L}]/gu, '')).filter(Boolean),
    summary: [pick(pool), pick(pool)],
    people: [pick(PEOPLE), pick(PEOPLE)],
    organizations: [pick(ORGS)],
    places: places.map((p) => p[0]),
    countries: [...new Set(places.map((p) => p[1]))],
    cluster: { id: identifyUrl(`https://outlet${clusterOf % 400}.example.com/news/${clusterOf}`).id, isOriginal: clusterOf === n, similarity: clusterOf === n ? 1 : 0.8 },
    publisher: { name: `Outlet ${n % 400}`, country: pick(PLACES)[1], type: n % 13 === 0 ? 'state-affiliated' : 'newspaper', domain },
  };
}
