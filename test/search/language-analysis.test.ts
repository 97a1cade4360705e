import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { IndexJob } from '@newsflow/contracts';
import { identifyUrl } from '@newsflow/contracts';
import {
  ANALYSIS_PLUGIN,
  createSearchClient,
  deleteArticleIndex,
  detectCapabilities,
  ensureArticleIndex,
  PLUGIN_ANALYZERS,
  searchArticles,
  type ClusterCapabilities,
  type SearchHit,
} from '@newsflow/search';
import { toArticleDocument } from '../../services/indexer/src/document';
import { uniqueName } from '../support/pipeline';

/**
 * Language-aware search on the real Elasticsearch of the test setup, which infra/infra.sh starts
 * with the newsflow-analysis plugin. Documents go through the indexer's own toArticleDocument, so
 * each carries the language copy the indexer would write; queries go through searchArticles.
 */

let sequence = 0;

/** An index job as the enricher hands it over, for one article in one detected language. */
function job(language: string, title: string, body: string): IndexJob {
  sequence += 1;
  const url = `https://lang.example.org/${language}/${sequence}`;
  return {
    docId: identifyUrl(url).id,
    run: 1,
    url,
    submittedAt: '2025-09-05T10:00:00Z',
    fetch: { finalUrl: url, status: 200, fetchedAt: '2025-09-05T10:00:01Z', contentType: 'text/html', redirects: 0, bytes: 100, htmlRef: 'ref', charset: 'utf-8' },
    article: { title, titleFull: title, body, authors: [], tags: [], extractor: 'x/1' },
    language: { code: language, confidence: 0.9, detector: 'd/1' },
    enrichment: {
      domain: 'lang.example.org',
      wordCount: body.split(/\s+/).length,
      readingTimeMinutes: 1,
      lead: body.slice(0, 100),
      keywords: [],
      summary: [],
      entities: [],
      cluster: { id: identifyUrl(url).id, isOriginal: true, similarity: 1 },
      enricher: 'e/1',
    },
  };
}

describe('language-aware search against real Elasticsearch with the analysis plugin', () => {
  const es = createSearchClient(inject('elasticsearchUrl'));
  const alias = uniqueName('lang');
  let capabilities: ClusterCapabilities;
  const ids: Record<string, string> = {};

  const articles: Record<string, [language: string, title: string, body: string]> = {
    ruGenitive: ['rus', 'Визит Путина в Китай', 'Во время визита Путина в Пекин стороны подписали соглашения.'],
    ruDative: ['rus', 'Письмо Путину', 'Губернатор направил Путину письмо о строительстве моста.'],
    ruInstrumental: ['rus', 'Встреча с Путиным', 'Премьер-министр встретился с Путиным в Кремле.'],
    ukGenitive: ['ukr', 'Заява Путіна', 'Заява Путіна щодо переговорів викликала критику.'],
    ukInstrumental: ['ukr', 'Зустріч з Путіним', 'Президент відмовився від зустрічі з Путіним.'],
    plPlural: ['pol', 'Nowe sankcje', 'Unia nałożyła nowe sankcje na Rosję.'],
    plInstrumental: ['pol', 'Spór o kary', 'Rząd nie zgadza się z sankcjami wobec eksporterów.'],
    dePlural: ['deu', 'Neue Sanktionen gegen Russland', 'Die Europäische Union beschloss weitere Sanktionen.'],
    frElision: ['fra', "L'avenir de l'Europe", "Les dirigeants ont débattu de l'avenir de l'Europe à Bruxelles."],
    esAccents: ['spa', 'La política económica de México', 'El gobierno presentó su política económica.'],
    ptAccents: ['por', 'As eleições em São Paulo', 'Os eleitores de São Paulo votam no domingo.'],
    trUpper: ['tur', "DİYARBAKIR'DA SEÇİM", 'Seçim sonuçları açıklandı.'],
    trApostrophe: ['tur', "Erdoğan İstanbul'da konuştu", "Cumhurbaşkanı Erdoğan İstanbul'da bir konuşma yaptı."],
    arPrefix: ['arb', 'والصين توقع اتفاقية', 'وقعت روسيا والصين اتفاقية للتعاون الاقتصادي.'],
    zhWord: ['cmn', '北京市政府宣布新的经济政策', '北京市政府今天宣布了新的经济政策。'],
    zhApart: ['cmn', '朋友来访', '我们在南京见到了一位北方来的朋友。'],
    jaWord: ['jpn', '東京都が新しい経済政策を発表', '東京都は新しい経済政策を発表した。'],
    jaApart: ['jpn', '古い寺', '京都の東にある寺を訪れた。'],
    enAccented: ['eng', 'Erdoğan meets the press', 'President Recep Tayyip Erdoğan answered questions.'],
    enPlain: ['eng', 'Visit to Ankara', 'Reporters asked Erdogan about the economy.'],
    // Vietnamese has no analyzer: only the neutral folded copy serves it.
    viNeutral: ['vie', 'Thủ tướng gặp Erdoğan', 'Thủ tướng đã có cuộc gặp với Tổng thống Erdoğan tại Hà Nội.'],
  };

  const search = async (q: string): Promise<SearchHit[]> =>
    (await searchArticles(es, alias, { q, page: 1, size: 50, sort: 'relevance', facets: false })).hits;
  const found = async (q: string): Promise<string[]> => (await search(q)).map((hit) => hit.id).sort();
  const idsOf = (...names: string[]): string[] => names.map((name) => ids[name]!).sort();

  beforeAll(async () => {
    capabilities = await detectCapabilities(es);
    await ensureArticleIndex(es, { alias, capabilities });
    const operations: object[] = [];
    for (const [name, [language, title, body]] of Object.entries(articles)) {
      const document = toArticleDocument(job(language, title, body), capabilities, new Date());
      ids[name] = document.id;
      operations.push({ index: { _index: alias, _id: document.id } }, document);
    }
    const response = await es.bulk({ operations, refresh: 'wait_for' });
    expect(response.errors, JSON.stringify(response.items.find((item) => item.index?.error))).toBe(false);
  });

  afterAll(async () => {
    await deleteArticleIndex(es, alias);
    await es.close();
  });

  it('runs with the plugin, and every analyzer the search package names loads in the server', async () => {
    expect(capabilities.modules).toContain(ANALYSIS_PLUGIN);
    expect(capabilities.neutralAnalysis).toBe('plugin');
    for (const analyzer of PLUGIN_ANALYZERS) {
      const result = await es.indices.analyze({ analyzer, text: 'Erdoğan' });
      expect(result.tokens?.[0]?.token, analyzer).toMatch(/^erdo/);
    }
  });

  it('writes each document’s language copy (Polish through Stempel, which must load with the server’s Lucene)', async () => {
    const polish = await es.get<{ i18n?: Record<string, unknown> }>({ index: alias, id: ids.plPlural! });
    expect(Object.keys(polish._source?.i18n ?? {})).toEqual(['polish']);
    const vietnamese = await es.get<{ i18n?: Record<string, unknown> }>({ index: alias, id: ids.viNeutral! });
    expect(vietnamese._source?.i18n).toBeUndefined();
  });

  it('Russian: Путин finds Путина, Путину and Путиным, and marks the inflected form', async () => {
    expect(await found('Путин')).toEqual(idsOf('ruGenitive', 'ruDative', 'ruInstrumental'));
    const genitive = (await search('Путин')).find((hit) => hit.id === ids.ruGenitive);
    expect(genitive?.snippet).toContain('<mark>Путина</mark>');
    expect(genitive?.titleHighlighted).toContain('<mark>Путина</mark>');
  });

  it('Ukrainian: Путін finds Путіна and Путіним', async () => {
    expect(await found('Путін')).toEqual(idsOf('ukGenitive', 'ukInstrumental'));
    expect(await found('Путіну')).toEqual(idsOf('ukGenitive', 'ukInstrumental'));
  });

  it('Polish: sankcja finds sankcje and sankcjami', async () => {
    expect(await found('sankcja')).toEqual(idsOf('plPlural', 'plInstrumental'));
  });

  it('German: the singular finds the plural', async () => {
    expect(await found('Sanktion')).toEqual(idsOf('dePlural'));
    expect((await search('Sanktion'))[0]?.snippet).toContain('<mark>Sanktionen</mark>');
  });

  it("French: Europe finds l'Europe, and l'Europe finds it too", async () => {
    expect(await found('Europe')).toEqual(idsOf('frElision'));
    expect(await found("l'Europe")).toEqual(idsOf('frElision'));
  });

  it('Spanish and Portuguese: unaccented queries find accented words', async () => {
    expect(await found('politica mexico')).toEqual(idsOf('esAccents'));
    expect(await found('eleicao Sao Paulo')).toEqual(idsOf('ptAccents'));
    expect(await found('eleições')).toEqual(idsOf('ptAccents'));
  });

  it('Turkish: dotted and dotless i in either case, suffixes after an apostrophe', async () => {
    expect(await found('Diyarbakır')).toEqual(idsOf('trUpper'));
    expect(await found('diyarbakir')).toEqual(idsOf('trUpper'));
    expect(await found('İstanbul')).toEqual(idsOf('trApostrophe'));
    expect(await found('ISTANBUL')).toEqual(idsOf('trApostrophe'));
  });

  it('Arabic: الصين finds والصين (attached conjunction and article)', async () => {
    expect(await found('الصين')).toEqual(idsOf('arPrefix'));
  });

  it('Chinese and Japanese: a two-character word matches the word, not its characters apart', async () => {
    // zhWord has 北京 inside the dictionary word 北京市; zhApart has 北 and 京 in 南京 … 北方.
    expect(await found('北京')).toEqual(idsOf('zhWord'));
    expect(await found('北京市')).toEqual(idsOf('zhWord'));
    // jaApart has both characters of 東京, apart and reversed (京都の東).
    expect(await found('東京')).toEqual(idsOf('jaWord'));
    expect(await found('経済政策')).toEqual(idsOf('jaWord'));
  });

  it('ASCII folding: Erdogan finds Erdoğan and back, in any language, analysed or not', async () => {
    const all = idsOf('trApostrophe', 'enAccented', 'enPlain', 'viNeutral');
    expect(await found('Erdogan')).toEqual(all);
    expect(await found('Erdoğan')).toEqual(all);
    const english = (await search('Erdogan')).find((hit) => hit.id === ids.enAccented);
    expect(english?.snippet).toContain('<mark>Erdoğan</mark>');
  });
});
