import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../decode';
import { extractArticle } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures', name));
const now = new Date('2026-01-01T00:00:00Z');
const extractFixture = (name: string, url: string) => extractArticle({ html: decodePage(fixture(name)).text, url, now });

describe('seed story page (infra/demo-site)', () => {
  const html = readFileSync(path.resolve(here, '../../../../infra/demo-site/pages/kim-xi-friendship.html'), 'utf8');
  const { article, quality } = extractArticle({ html, url: 'http://127.0.0.1:8080/kim-xi-friendship.html', now });

  it('keeps " - State Media" in the title: it is an attribution, not the site name', () => {
    expect(article.title).toBe('Kim at Meeting With Xi Says North Korean-Chinese Friendship Unbreakable - State Media');
    expect(article.titleFull).toBe('Kim at Meeting With Xi Says North Korean-Chinese Friendship Unbreakable - State Media');
  });

  it('extracts every paragraph of the story, with paragraph breaks, and no title line', () => {
    expect(article.body).toContain('North Korean leader Kim Jong Un said during a meeting with Chinese President Xi Jinping');
    expect(article.body).toContain('Tiananmen Square');
    expect(article.body).toContain('congratulated them on the celebrations');
    expect(article.body.split('\n\n')).toHaveLength(4);
    expect(article.body.startsWith('Kim at Meeting With Xi')).toBe(false);
  });

  it('leaves out cookie banner, menu, ads, share bar, related stories and footer', () => {
    for (const furniture of ['Accept all cookies', 'Science and Tech', 'Advertisement', 'Share on Telegram', 'Related stories', 'Putin Arrives in China', 'All rights reserved']) {
      expect(article.body).not.toContain(furniture);
    }
  });

  it('reads the page metadata', () => {
    expect(article.siteName).toBe('Sputnik Globe');
    expect(article.canonicalUrl).toBe('https://sputnikglobe.com/20250905/kim-at-meeting-with-xi-says-north-korean-chinese-friendship-unbreakable-state-media-1122736223.html');
    expect(article.publishedAt).toBe('2025-09-05T04:12:00+00:00');
    expect(article.section).toBe('World');
    expect(article.tags).toEqual(['North Korea', 'China', 'Kim Jong Un', 'Xi Jinping']);
    expect(article.declaredLanguage).toBe('en');
    expect(article.description).toContain('friendship between the two countries');
    expect(quality.isArticle).toBe(true);
  });
});

describe('JSON-LD NewsArticle page', () => {
  const { article } = extractFixture('jsonld-news.html', 'https://herald.example/news/2024/harbour-bridge-reopens?utm_source=x');

  it('takes the headline without the site name, and keeps the full title', () => {
    expect(article.title).toBe('Harbour bridge reopens after two-year repair');
    expect(article.titleFull).toBe('Harbour bridge reopens after two-year repair | Coastal Herald');
  });

  it('keeps the publication day and offset the page wrote (no shift to UTC)', () => {
    expect(article.publishedAt).toBe('2024-03-14T23:30:00+01:00');
    expect(article.modifiedAt).toBe('2024-03-15T08:05:00+01:00');
  });

  it('lists persons as authors, cleaned and deduplicated, without the publisher', () => {
    expect(article.authors).toEqual(['Jane Doe', 'John Roe']);
  });

  it('reads section, keywords, image, canonical URL, description and language', () => {
    expect(article.section).toBe('Local');
    expect(article.tags).toEqual(['bridge', 'harbour', 'traffic']);
    expect(article.image).toBe('https://herald.example/images/bridge.jpg');
    expect(article.canonicalUrl).toBe('https://herald.example/news/2024/harbour-bridge-reopens');
    expect(article.description).toBe('The harbour bridge carries traffic again after a repair that took two years.');
    expect(article.declaredLanguage).toBe('en-GB');
    expect(article.siteName).toBe('Coastal Herald');
  });

  it('keeps sub-headings as text and leaves byline and header out of the body', () => {
    expect(article.body).toContain('What changed\n\nThe repair replaced both supports');
    expect(article.body).not.toContain('By Jane Doe');
    expect(article.body).not.toContain('Sport');
    expect(article.body.startsWith('The harbour bridge reopened')).toBe(true);
  });
});

describe('meta tags without JSON-LD', () => {
  const { article } = extractFixture('og-meta.html', 'https://stadtanzeiger.example/lokales/radwege');

  it('prefers article:published_time over the visible <time>', () => {
    expect(article.publishedAt).toBe('2023-06-01T07:15:00+02:00');
    expect(article.modifiedAt).toBe('2023-06-02T10:00:00+02:00');
  });

  it('takes the byline without "Von" and without the job title', () => {
    expect(article.authors).toEqual(['Erika Mustermann']);
  });

  it('falls back to og:locale for the language and reads section and keywords', () => {
    expect(article.declaredLanguage).toBe('de_DE');
    expect(article.section).toBe('Lokales');
    expect(article.tags).toEqual(['Radwege', 'Verkehr', 'Innenstadt']);
    expect(article.canonicalUrl).toBe('https://stadtanzeiger.example/lokales/radwege');
  });

  it('uses Content-Language when the page declares nothing', () => {
    const bare = '<html><body><article><p>' + 'Ein Absatz mit genug Text für einen Artikel. '.repeat(10) + '</p></article></body></html>';
    expect(extractArticle({ html: bare, url: 'https://x.example/a', contentLanguage: 'de-AT', now }).article.declaredLanguage).toBe('de-AT');
  });
});

describe('a page whose only date is in the dateline', () => {
  const { article } = extractFixture('dateline-only.html', 'https://news.example/rail-link');

  it('reads place, agency and date from the dateline', () => {
    expect(article.dateline).toEqual({ place: 'Pyongyang', agency: 'KCNA', date: '2025-09-05' });
    expect(article.publishedAt).toBe('2025-09-05T00:00:00Z');
  });

  it('keeps the dateline out of the first sentence', () => {
    expect(article.body.startsWith('A new rail link to the northern provinces opened on Friday')).toBe(true);
    expect(article.body).not.toContain('KCNA');
  });
});

describe('legacy charset page', () => {
  it('decodes windows-1252 bytes as declared in the http-equiv meta', () => {
    const decoded = decodePage(fixture('legacy-charset.html'));
    expect(decoded.charset).toBe('windows-1252');
    const { article } = extractArticle({ html: decoded.text, url: 'https://stadtblatt.example/gruesse', now });
    expect(article.title).toBe('Grüße aus München');
    expect(article.body).toContain('Die Straßenbahn fährt wieder');
    expect(article.body).toContain('rund 4,2 Millionen € und damit');
    expect(article.body).toContain('„Wir sind froh, dass alles geklappt hat“');
    expect(article.body).not.toContain('Startseite');
    expect(article.body).not.toContain('Alle Rechte vorbehalten');
  });
});

describe('an index page', () => {
  it('is not an article', () => {
    const { quality } = extractFixture('index-page.html', 'https://herald.example/politics/');
    expect(quality.isArticle).toBe(false);
    expect(quality.reason).toMatch(/index/);
  });
});

describe('boilerplate', () => {
  const { article } = extractFixture('boilerplate.html', 'https://herald.example/news/lighthouse');
  const cases: [string, string][] = [
    ['cookie banner', 'We use cookies'],
    ['navigation', 'Weather'],
    ['menu', 'Sign in to your account'],
    ['share bar', 'Share on Facebook'],
    ['caption', 'archive picture'],
    ['newsletter box', 'morning briefing'],
    ['related stories', 'Coastguard station'],
    ['related heading', 'Related stories'],
    ['comments', 'What a wonderful career'],
    ['footer', 'Contact the newsroom'],
  ];
  it.each(cases)('leaves out the %s', (_kind, text) => {
    expect(article.body).not.toContain(text);
  });

  it('keeps the story, its heading and list items, in order', () => {
    expect(article.body).toContain('Martha Quill climbed the 120 steps');
    expect(article.body).toContain('she kept a logbook');
    expect(article.body).toContain('A light that stays on\n\nThe light will be automated next spring.\nThe keeper\'s cottage becomes a small museum.');
    expect(article.body.indexOf('Martha Quill')).toBeLessThan(article.body.indexOf('logbooks will go to the town archive'));
  });

  it('strips the site-name suffix from the title', () => {
    expect(article.title).toBe('Lighthouse keeper retires after forty years');
    expect(article.titleFull).toBe('Lighthouse keeper retires after forty years - Coastal Herald');
  });
});

describe('bylines written into the text', () => {
  const html = `<html><body><article><h1>Der Hafen wächst</h1><p>Von Erika Mustermann und Max Muster</p>
    <p>${'Der Hafen soll bis 2030 um zwei Becken wachsen, hat der Stadtrat beschlossen. '.repeat(4)}</p></article></body></html>`;
  const { article } = extractArticle({ html, url: 'https://x.example/hafen', now });

  it('take a "Von …" line at the top of the text as the authors, and leave it out of the body', () => {
    expect(article.authors).toEqual(['Erika Mustermann', 'Max Muster']);
    expect(article.body.startsWith('Der Hafen soll')).toBe(true);
  });

  it('tell where the date came from', () => {
    const { quality } = extractFixture('og-meta.html', 'https://stadtanzeiger.example/lokales/radwege');
    expect(quality.dateSource).toBe('meta');
    expect(extractArticle({ html, url: 'https://x.example/2024/05/17/hafen', now }).quality.dateSource).toBe('url');
  });
});

describe('byline markup', () => {
  const text = `<p>${'Der Hafen soll bis 2030 um zwei Becken wachsen, hat der Stadtrat beschlossen. '.repeat(4)}</p>`;
  const authorsOf = (body: string, head = '') => extractArticle({ html: `<html><head>${head}</head><body>${body}</body></html>`, url: 'https://x.example/a', now }).article.authors;

  it('reads the byline in a post footer (Blogger) or an article <footer>, but not in a sidebar teaser', () => {
    const blogger = `<div class="widget Blog"><div class="post hentry"><div class="post-body">${text}</div><div class="post-footer"><span class="post-author vcard">Eingestellt von <span class="fn">Weinlachgummi</span></span></div></div></div>`;
    expect(authorsOf(blogger)).toEqual(['Weinlachgummi']);
    expect(authorsOf(`<article>${text}<footer class="meta"><address class="author">Frank Boës</address></footer></article>`)).toEqual(['Frank Boës']);
    expect(authorsOf(`<article>${text}</article><aside class="sidebar"><article class="post"><span class="author">Other Person</span></article></aside>`)).toEqual([]);
    expect(authorsOf(`<section class="wrapper__with-sidebar"><article>${text}<div class="page-meta--author">Posted on September 21, 2020 by Adi Tzlil</div></article></section>`)).toEqual(['Adi Tzlil']);
  });

  it('reads the byline inside a page wrapper whose class only says where the sidebar goes', () => {
    const page = `<div class="page-wrapper blog-sidebar-position-right"><article class="post"><h1>Hafen</h1><div class="post-meta"><a class="author-name author" rel="author" href="/author/jp">reineckefuchs</a></div>${text}</article></div>`;
    expect(authorsOf(page)).toEqual(['reineckefuchs']);
    // A real sidebar beside the headline's column still names someone else.
    expect(authorsOf(`<div class="main"><h1>Hafen</h1>${text}</div><div class="blog-sidebar-position-right"><a rel="author" href="/author/x">Other Person</a></div>`)).toEqual([]);
  });

  it('leaves out the bylines of teaser cards that link to other articles', () => {
    const teaser = `<a href="/other-article"><h3>Auf ins Metaverse</h3><p>Wie lässt sich das Metaverse nutzen?</p><div class="listing__item__author"><span>Von Jörn Mecher am 08.12.2022</span></div></a>`;
    expect(authorsOf(`<div class="listing">${teaser}</div><article><h1>Hafen</h1>${text}</article>`)).toEqual([]);
    // A link that holds only the name is the author's profile link.
    expect(authorsOf(`<article><h1>Hafen</h1><span class="author"><a href="/author/jm">Jörn Mecher</a></span>${text}</article>`)).toEqual(['Jörn Mecher']);
  });

  it('reads "By <a>Name</a>" in a "wrote_by" box and a name that follows a lone "By" label box', () => {
    expect(authorsOf(`<h1>Hafen</h1><div class="story_flow"><div class="wrote_by">By&nbsp;<a href="/reporters/jose">Jose de la Cruz</a></div>${text}</div>`)).toEqual(['Jose de la Cruz']);
    expect(authorsOf(`<article><h1>Hafen</h1><div class="byline-wrapper"><div class="field"><p class="label"><strong>By</strong></p></div><div class="field"><p class="full-name">Alex Bozarjian</p></div></div>${text}</article>`)).toEqual(['Alex Bozarjian']);
  });

  it('reads BEM author elements of an info block and "autorenzeile" paragraphs', () => {
    expect(authorsOf(`<article><div class="header-info"><div class="header-info__author">Ophélie Ostermann</div></div>${text}</article>`)).toEqual(['Ophélie Ostermann']);
    expect(authorsOf(`<article><p class="autorenzeile">Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR</p>${text}</article>`)).toEqual(['Volkmar Kabisch', 'Jan Lukas Strozyk', 'Benedikt Strunz']);
  });

  it('finds the author in a post meta line (Drupal "submitted")', () => {
    expect(authorsOf(`<article><p class="submitted">Gespeichert von rasos am 24. Juli 2017 - 18:55</p>${text}</article>`)).toEqual(['rasos']);
  });

  it('takes a "von …" line below headings, or the first line of a block, from the text', () => {
    expect(authorsOf(`<article><p>Ein Vorspann.</p><h2>Klänge</h2><h3>Ein Film</h3><p>von Klaus Stanjek</p>${text}</article>`)).toEqual(['Klaus Stanjek']);
    expect(authorsOf(`<article><p>Von Roland Brockmann und Sebastian Drescher<br>Kakuma / Kenia</p>${text}</article>`)).toEqual(['Roland Brockmann', 'Sebastian Drescher']);
  });

  it('reads the name after an "Autor:" label element, but not a role noted after a name', () => {
    expect(authorsOf(`<article>${text}<div><h5>Autor: </h5>Peter Maahn</div></article>`)).toEqual(['Peter Maahn']);
    expect(authorsOf(`<article><ul><li><strong>Author</strong> Ben Knight</li></ul>${text}</article>`)).toEqual(['Ben Knight']);
    expect(authorsOf(`<article>${text}<p><strong>Marie Arana</strong>, <span>author</span><br><strong>Margaret Atwood</strong></p></article>`)).toEqual([]);
  });

  it('reads an author box that holds only "von …"', () => {
    expect(authorsOf(`<article><div class="authorbox"><span class="pictureblock author"> </span><div class="textblock"><strong>von</strong> <span>Dennis Kochinky</span></div></div>${text}</article>`)).toEqual(['Dennis Kochinky']);
  });

  it('credits the agency when no person is named: dateline, closing bracket, "Quelle:" line, copyright note', () => {
    expect(authorsOf(`<article><p>Hamburg (dpa/lno) – ${text.slice(3)}</article>`)).toEqual(['dpa/lno']);
    expect(authorsOf(`<article>${text}<p>Die Zyste könne sich jederzeit neu bilden. (FR mit dpa)</p></article>`)).toEqual(['FR mit dpa']);
    expect(authorsOf(`<form><article>${text}<p style="text-align:right">Quelle: <a href="https://kathpress.example">kathpress</a></p></article></form>`)).toEqual(['kathpress']);
    expect(authorsOf(`<article><div class="images"><img src="a.jpg"><span>© 2012 APA/AP</span></div>${text}</article>`)).toEqual(['APA/AP']);
    // A source under a chart is the chart's, and a person byline wins over any credit.
    expect(authorsOf(`<article>${text}<figure><img src="c.png"><figcaption>Quelle: Statistisches Bundesamt</figcaption></figure></article>`)).toEqual([]);
    expect(authorsOf(`<article><p class="byline">Von Jane Doe</p><p>Berlin (dpa) – ${text.slice(3)}</article>`)).toEqual(['Jane Doe']);
  });

  it('reads the author of a JSON-LD WebPage (older Yoast graphs), also with raw line breaks in strings', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', '@id': 'https://x.example/a#webpage', name: 'A', author: { '@id': 'https://x.example/#/schema/person/1' } },
        { '@type': 'Person', '@id': 'https://x.example/#/schema/person/1', name: 'Giovanni Gaggero', description: 'LINEBREAK' },
      ],
    };
    const json = JSON.stringify(graph).replace('LINEBREAK', 'Writes\nabout climate');
    expect(authorsOf(`<article>${text}</article>`, `<script type="application/ld+json">${json}</script>`)).toEqual(['Giovanni Gaggero']);
  });

  it('reads a signature closing the text, but not a cast list, an address block or a press contact', () => {
    expect(authorsOf(`<article>${text}<p><b><i>Stefan Wasmer</i></b></p></article>`)).toEqual(['Stefan Wasmer']);
    expect(authorsOf(`<article>${text}<p>– Jon Rego<br>Clayton</p></article>`)).toEqual(['Jon Rego']);
    expect(authorsOf(`<article>${text}<ul><li>Narek</li><li>Bruce Maddox</li></ul></article>`)).toEqual([]);
    expect(authorsOf(`<article>${text}<p>Filmbüro Göttingen<br>Sven Schreivogel<br>Vogelsteig 2<br>37249 Neu-Eichenberg</p></article>`)).toEqual([]);
    expect(authorsOf(`<article>${text}<p>Pressekontakt:</p><p>Felix Losada</p></article>`)).toEqual([]);
    expect(authorsOf(`<article>${text}<p>Weitere Informationen</p></article>`)).toEqual([]);
  });

  it('reads the author from the portrait in an author box, not from comment avatars or other pictures', () => {
    expect(authorsOf(`<article>${text}<div class="author-bio"><h3>Über uns</h3><img src="/a.jpg" alt="Martin Junker"></div></article>`)).toEqual(['Martin Junker']);
    expect(authorsOf(`<article>${text}<picture><img src="/styles/autor_thumbnail/k.jpg" alt="Profilbild von Kathrin Führes"></picture></article>`)).toEqual(['Kathrin Führes']);
    expect(authorsOf(`<article>${text}<div class="comments"><div class="comment-author"><img src="/a.jpg" alt="Martin Junker"></div></div></article>`)).toEqual([]);
    expect(authorsOf(`<article>${text}<figure><img src="/a.jpg" alt="Martin Junker"></figure></article>`)).toEqual([]);
    expect(authorsOf(`<article>${text}<div class="author-box"><img src="/a.jpg" alt="Unser Autorenteam"></div></article>`)).toEqual([]);
  });

  it('credits a press release to the issuer its "Herausgeber:" line names', () => {
    expect(authorsOf(`<h6>Herausgeber: <a href="/firmen/19">Nordex SE</a></h6><article>${text}</article>`)).toEqual(['Nordex SE']);
    expect(authorsOf(`<h6>Herausgeber: <a href="/firmen/19">Nordex SE</a></h6><article><p class="byline">Von Jane Doe</p>${text}</article>`)).toEqual(['Jane Doe']);
  });

  it('keeps a JSON-LD Organization author, the publisher itself only when no person is named', () => {
    const ld = (author: object) => `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'A', author, publisher: { '@type': 'Organization', name: 'Coastal Herald' } })}</script>`;
    expect(authorsOf(`<article>${text}</article>`, ld({ '@type': 'Organization', name: 'Reuters' }))).toEqual(['Reuters']);
    expect(authorsOf(`<article>${text}</article>`, ld({ '@type': 'Organization', name: 'Coastal Herald' }))).toEqual(['Coastal Herald']);
    expect(authorsOf(`<article><p class="byline">By Jane Doe</p>${text}</article>`, ld({ '@type': 'Organization', name: 'Coastal Herald' }))).toEqual(['Jane Doe']);
  });
});

describe('extractArticle: author lines at the end of the text', () => {
  it('reads "Auteur : X" and "Autorin: X, role" lines, leaving the role out', () => {
    const body = '<p>' + 'Les éléphants reviennent dans les forêts de Guinée. '.repeat(8) + '</p>';
    const french = extractArticle({ url: 'https://news.example/a', html: `<html><body><article><h1>Éléphants</h1>${body}<p>Auteur : Kossivi Tiassou</p></article></body></html>` });
    expect(french.article.authors).toEqual(['Kossivi Tiassou']);
    const german = extractArticle({ url: 'https://news.example/b', html: `<html><body><article><h1>Tunesien</h1>${body}<p><strong>Autorin: Uta Staschewski, Projektleiterin der Stiftung in Tunesien.</strong></p></article></body></html>` });
    expect(german.article.authors).toEqual(['Uta Staschewski']);
  });

  it('reads a byline line that goes on with an illustrator or photographer credit, leaving the credit out', () => {
    const body = '<p>' + 'Auf dem Weg durch zwei Städte mit einem Übergewicht an Vergangenheit und Zukunft. '.repeat(8) + '</p>';
    const result = extractArticle({ url: 'https://news.example/c', html: `<html><body><article><h1>Der historische Purzelbaum</h1><p><em>Text von Christian Seiler &nbsp; Illustration von Markus Roost</em></p>${body}</article></body></html>` });
    expect(result.article.authors).toEqual(['Christian Seiler']);
  });
});

describe('extractArticle: archived copies', () => {
  it('reads site and URL date from the original address inside a Wayback Machine URL', () => {
    const body = '<p>' + 'Die Quests im Roc Mountain sind lang und schwer, aber sie lohnen sich. '.repeat(6) + '</p>';
    const result = extractArticle({ url: 'https://web.archive.org/web/20130307194448/http://blog.example.org/2008/05/26/silkroad-quests/', html: `<html><body><article><h1>Silkroad Quests</h1>${body}</article></body></html>` });
    expect(result.article.publishedAt?.slice(0, 10)).toBe('2008-05-26');
    expect(result.quality.dateSource).toBe('url');
  });
});
