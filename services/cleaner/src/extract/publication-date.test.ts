import { describe, expect, it } from 'vitest';
import { parsePage } from './dom';
import { collectSignals } from './metadata';
import { publicationDate, shownDateTexts, type DateSources } from './publication-date';

const now = new Date('2026-01-01T12:00:00Z');
const sources = (over: Partial<DateSources>): DateSources => ({ meta: new Map(), times: [], url: '', dateTexts: [], contentDates: [], ...over });

describe('publicationDate', () => {
  it('keeps the declared date when the page or its URL shows the same day', () => {
    expect(publicationDate(sources({ ld: '2024-03-14T09:00:00+01:00', url: 'https://n.example/2024/03/14/story' }), now)).toEqual({ value: '2024-03-14T09:00:00+01:00', source: 'json-ld' });
  });

  it('takes the local day the URL or the page writes over a UTC timestamp one day off', () => {
    const late = { ld: '2023-11-09T05:30:59Z' };
    expect(publicationDate(sources({ ...late, url: 'https://n.example/2023/11/08/mayor/' }), now)?.value).toBe('2023-11-08T00:00:00Z');
    expect(publicationDate(sources({ ...late, times: [{ text: 'November 8, 2023 at 11:30 p.m.', published: false, modified: false }] }), now)?.value.slice(0, 10)).toBe('2023-11-08');
  });

  it('does not move a timestamp written without zone: it is the page clock, not UTC', () => {
    const chosen = publicationDate(sources({ ld: '2023-11-09T04:00:00', times: [{ text: 'Nov 8, 2023', published: false, modified: false }] }), now);
    expect(chosen?.value).toBe('2023-11-09T04:00:00Z');
  });

  it('takes the revision date when that is the only date the page shows', () => {
    const chosen = publicationDate(sources({ ld: '2019-10-15T16:59:59Z', ldModified: '2020-03-12T14:42:17Z', dateTexts: ['Updated Mar 12, 2020 @ 10:42 am'] }), now);
    expect(chosen?.value).toBe('2020-03-12T14:42:17Z');
  });

  it('lets a visible <time> beat a generic "date" meta field, but not a later date in a header box', () => {
    const meta = new Map([['date', '2022-01-26T14:32:06+02:00']]);
    expect(publicationDate(sources({ meta, times: [{ value: '2022-01-21', text: '21.01.2022 - 13:30', published: false, modified: false }] }), now)?.value.slice(0, 10)).toBe('2022-01-21');
    const older = new Map([['date', '2017-05-01T17:05:00+0200']]);
    expect(publicationDate(sources({ meta: older, dateTexts: ['Mittwoch, 26.02.2020'] }), now)?.value.slice(0, 10)).toBe('2017-05-01');
  });

  it('falls back to the date line under the headline, two-digit years included', () => {
    const chosen = publicationDate(sources({ shown: { nearHeadline: ['von Björn Jahner | 31.10.23'], labelled: [], nearBylines: [] } }), now);
    expect(chosen).toEqual({ value: '2023-10-31T00:00:00Z', source: 'headline-text' });
  });
});

describe('publicationDate: the date by the headline', () => {
  it('lets a bare date by the headline overrule metadata more than a day away', () => {
    const shown = { nearHeadline: ['06.01.2022'], labelled: [], nearBylines: [] };
    expect(publicationDate(sources({ ld: '2022-01-04T07:29:00Z', shown }), now)).toEqual({ value: '2022-01-06T00:00:00Z', source: 'headline-text' });
  });

  it('keeps metadata against a date line that says something else, a day apart, or reads both ways', () => {
    const ld = '2019-10-18T10:00:00+02:00';
    expect(publicationDate(sources({ ld, shown: { nearHeadline: ['Aktionszeitraum: 21.10.2019 – 27.10.2019'], labelled: [], nearBylines: [] } }), now)?.value).toBe(ld);
    expect(publicationDate(sources({ ld, shown: { nearHeadline: ['17. Oktober 2019'], labelled: [], nearBylines: [] } }), now)?.value).toBe(ld);
    expect(publicationDate(sources({ ld: '2021-11-01T05:00:14+01:00', language: 'de', shown: { nearHeadline: ['11/01/2021'], labelled: [], nearBylines: [] } }), now)?.value).toBe('2021-11-01T05:00:14+01:00');
  });

  it('reads an ambiguous slash date in the order of the page language', () => {
    const chosen = publicationDate(sources({ ld: '2022-05-04T02:41:00Z', language: 'es', shown: { nearHeadline: ['3/5/2022 22:41'], labelled: [], nearBylines: [] } }), now);
    expect(chosen?.value).toBe('2022-05-03T22:41:00Z');
  });
});

describe('publicationDate: last resorts', () => {
  it('dates a page that only states its last change by that change', () => {
    expect(publicationDate(sources({ dateTexts: ['Aktualisiert: 30.12.2016'] }), now)).toEqual({ value: '2016-12-30T00:00:00Z', source: 'revision' });
    expect(publicationDate(sources({ meta: new Map([['og:updated_time', '2022-01-28T11:05:37+0100']]) }), now)).toEqual({ value: '2022-01-28T11:05:37+01:00', source: 'revision' });
  });

  it('prefers a labelled date over other visible dates', () => {
    expect(publicationDate(sources({ shown: { nearHeadline: ['Heute, 3. Februar 2022'], labelled: ['26. Januar 2022'], nearBylines: [] } }), now)?.source).toBe('labelled-text');
  });
});

describe('shownDateTexts', () => {
  it('finds short date lines around the first h1, nearest first, and skips sentences', () => {
    const page = parsePage(`<html><body><nav>Heute, 01.02.2022</nav>${'<div>x</div>'.repeat(20)}
      <p class="kicker">Verband</p><h3>21.01.2022</h3><h1>Headline</h1>
      <p>Hamburg, 2. November 2021</p>
      <p>Am 9. Oktober 2021 wurde die neue Leitung vom Rundfunkrat und vom Verwaltungsrat verabschiedet.</p></body></html>`);
    expect(shownDateTexts(page.root).nearHeadline).toEqual(['21.01.2022', 'Hamburg, 2. November 2021']);
  });

  it('ignores dates of teasers in side and footer widgets', () => {
    const page = parsePage('<h1>Zeitphilosophie</h1><p>Text</p><aside class="widget"><ul><li><a href="/x">Other post</a><span class="post-date">23. Januar 2020</span></li></ul></aside>');
    expect(shownDateTexts(page.root).nearHeadline).toEqual([]);
  });

  it('reads dates introduced by a label, in the same text or the next element', () => {
    const page = parsePage('<div><span class="label">Datum</span> <span class="value">25.01.2022</span></div><p>Erschienen am: 01.11.2023</p>');
    expect(shownDateTexts(page.root).labelled).toEqual(['25.01.2022', ' 01.11.2023']);
  });

  it('reads a label in a child element and a label inside a meta line', () => {
    const page = parsePage('<ul><li><span>Datum:</span>26. Januar 2022</li></ul><p>Letzte Änderung: 31.10.2023 - 14:49<br>Erschienen am: 01.11.2023<br>Lesungen: 61</p>');
    expect(shownDateTexts(page.root).labelled).toEqual(['26. Januar 2022', '01.11.2023Lesungen: 61']);
  });

  it('treats date boxes with many different days as a list of other stories', () => {
    expect(publicationDate(sources({ dateTexts: ['01. Juli 2020', '25. Juni 2020', '18. Juni 2020'] }), now)).toBeUndefined();
    expect(publicationDate(sources({ dateTexts: ['01. Juli 2020', '01. Juli 2020'] }), now)?.source).toBe('visible-text');
  });

  it('finds no headline dates on a page without a headline', () => {
    expect(shownDateTexts(parsePage('<p>Posted 21.01.2022</p>').root).nearHeadline).toEqual([]);
  });
});

describe('shownDateTexts: bylines by the headline', () => {
  it('collects short "von"/"by" lines around the headline, not in side blocks', () => {
    const page = parsePage('<h1>US-Sport in Zeiten von Corona</h1><span class="meta"> von Andreas Kürten </span><p>Von der Krise sind alle Ligen betroffen, sagte er am Montag in einem langen Gespräch mit Reportern.</p><aside><p>By Other Writer</p></aside>');
    expect(shownDateTexts(page.root).nearBylines).toEqual(['von Andreas Kürten']);
  });
});

describe('publicationDate: dates in the title and at the start of the text', () => {
  it('reads a date that is a whole segment of the title', () => {
    expect(publicationDate(sources({ titles: ['23.01.2022 - Dorothea Wierer darf noch jubeln'] }), now)).toEqual({ value: '2022-01-23T00:00:00Z', source: 'title' });
    expect(publicationDate(sources({ titles: ['Bericht zur Coronalage vom 22.04.2020 – worauf wartet die Politik?'] }), now)?.value).toBe('2020-04-22T00:00:00Z');
    expect(publicationDate(sources({ titles: ['Wochenbericht 14. - 20. Januar 2022'] }), now)).toBeUndefined();
  });

  it('reads a date opening the first paragraph, set off by a dash or a quote', () => {
    expect(publicationDate(sources({ opening: '27.1.2022 - Bei der Erinnerung an die Verfolgten …' }), now)?.value).toBe('2022-01-27T00:00:00Z');
    expect(publicationDate(sources({ opening: '01.02.2022 „Der Arbeitsmarkt ist gut in das neue Jahr gestartet“' }), now)?.value).toBe('2022-02-01T00:00:00Z');
    expect(publicationDate(sources({ opening: 'Am 27.1.2022 wurde der Opfer gedacht.' }), now)).toBeUndefined();
  });
});

describe('shownDateTexts: teaser styling', () => {
  it('keeps a date line styled "teaser-meta" above the headline, but not dates inside a teaser list', () => {
    const page = parsePage('<div class="teaser-list"><span>05.01.2022</span></div><h3 class="bb-teaser-meta">02.01.2022</h3><h1>Erlegungsprämie</h1>');
    expect(shownDateTexts(page.root).nearHeadline).toEqual(['02.01.2022']);
  });
});

describe('shownDateTexts: labels in longer and indented text', () => {
  it('reads a labelled date in indented markup, a long meta line and a lead paragraph', () => {
    const indent = ' '.repeat(300);
    const page = parsePage(
      `<div>${indent}<h5>Datum:  </h5>03.11.2021${indent}</div>` +
        `<p>Letzte Änderung: 31.10.2023 - 14:49:39<br>Erschienen am: 01.11.2023<br>Lesungen: 61<br>© bei der Autorin und bei der Literaturkritik, alle Rechte vorbehalten, Nachdruck nur nach Genehmigung</p>` +
        `<p>Pressemitteilung vom 25. Januar 2022 | Berlin – ${'Die Ministerin besuchte das Welternährungsprogramm. '.repeat(6)}</p>`,
    );
    expect(shownDateTexts(page.root).labelled.map((t) => t.slice(0, 15))).toEqual(['03.11.2021', '01.11.2023Lesun', '25. Januar 2022']);
  });
});

describe('shownDateTexts: the headline anchor', () => {
  it('anchors on the heading that carries the title, not on a logo <h1>', () => {
    const filler = '<p>Menu item</p>'.repeat(70);
    const page = parsePage(`<h1>Site Logo</h1><nav>${filler}</nav><h2 class="post-title">Malaga im Winter</h2><p>· November 22, 2011 ·</p>`);
    expect(shownDateTexts(page.root, 'Malaga im Winter').nearHeadline).toEqual(['· November 22, 2011 ·']);
    expect(shownDateTexts(page.root).nearHeadline).toEqual([]);
  });
});

describe('publicationDate: local midnight written in UTC', () => {
  it('reads 23:00Z in winter and 22:00Z in summer as the next day on Central European pages', () => {
    expect(publicationDate(sources({ meta: new Map([['article:published_time', '2022-11-06T23:00:00Z']]), language: 'de' }), now)?.value).toBe('2022-11-07T00:00:00+01:00');
    expect(publicationDate(sources({ meta: new Map([['article:published_time', '2022-07-06T22:00:00Z']]), language: 'de-CH' }), now)?.value).toBe('2022-07-07T00:00:00+02:00');
  });

  it('keeps real evening hours and pages from elsewhere', () => {
    expect(publicationDate(sources({ meta: new Map([['article:published_time', '2022-11-06T22:00:00Z']]), language: 'de' }), now)?.value).toBe('2022-11-06T22:00:00Z');
    expect(publicationDate(sources({ meta: new Map([['article:published_time', '2022-11-06T23:00:00Z']]), language: 'en-US' }), now)?.value).toBe('2022-11-06T23:00:00Z');
  });
});

describe('publicationDate: a generic date confirmed by the headline line', () => {
  it('keeps the generic date field when the line by the headline shows the same day', () => {
    const chosen = publicationDate(
      sources({
        meta: new Map([['date', '2021-10-28T13:21:30+01:00']]),
        times: [{ value: '2021-10-27T20:35:36+01:00', text: '2021-10-27T20:35:36+01:00', published: false, modified: false }],
        shown: { nearHeadline: ['Berlin, 28.10.2021, 058/21'], labelled: [], nearBylines: [] },
      }),
      now,
    );
    expect(chosen?.value).toBe('2021-10-28T13:21:30+01:00');
  });
});

describe('shownDateTexts: bylines and date lines', () => {
  it('takes only name lines as bylines, never a heading that opens with "Von"', () => {
    const page = parsePage('<h1>Glossar</h1><h3>Von Atemschutzmaske über Exit-Strategie bis Zoonose</h3><p>Von Jane Doe</p>');
    expect(shownDateTexts(page.root).nearBylines).toEqual(['Von Jane Doe']);
  });

  it('keeps the whole first date line, names in child elements included', () => {
    const page = parsePage('<h1>Vier Übungen</h1><div class="metaInfo">Ein Artikel von <strong>Pamela Sladky</strong> | 27.01.2022 - 12:45</div>');
    expect(shownDateTexts(page.root).headlineDateLine).toBe('Ein Artikel von Pamela Sladky | 27.01.2022 - 12:45');
  });
});

describe('publicationDate: an undeclared revision date is all the page shows', () => {
  it('takes the shown "Updated" date over an older declared date when no other date is shown', () => {
    const chosen = publicationDate(sources({ ld: '2016-08-29T21:54:39Z', ldModified: '2020-10-01T00:00:00Z', dateTexts: ['Updated May 06, 2019'] }), now);
    expect(chosen?.value.slice(0, 10)).toBe('2019-05-06');
    const both = publicationDate(sources({ ld: '2016-08-29T21:54:39Z', dateTexts: ['August 29, 2016', 'Updated May 06, 2019'] }), now);
    expect(both?.value.slice(0, 10)).toBe('2016-08-29');
  });
});

describe('publicationDate: declared sources that disagree', () => {
  it('takes the declared date the headline line shows, not one confirmed only by comment <time>s', () => {
    const meta = new Map([['article:published_time', '2022-05-06T02:00:00.824Z']]);
    const shown = { nearHeadline: ['6 May 2022 - 2:00 a. m.'], labelled: [], nearBylines: [] };
    expect(publicationDate(sources({ ld: '2022-05-05T21:00:00-05:00', meta, shown }), now)).toEqual({ value: '2022-05-06T02:00:00Z', source: 'meta' });
    const comments = [{ value: '2017-02-23T12:33:18+05:30', text: 'February 23, 2017 at 12:33 pm', published: true, modified: false }];
    expect(publicationDate(sources({ meta: new Map([['article:published_time', '2016-02-08T11:04:42+00:00']]), times: comments }), now)?.value.slice(0, 10)).toBe('2016-02-08');
  });
});

describe('date boxes of other items', () => {
  it('skips the date boxes of comments and of teaser links to other stories', () => {
    const page = parsePage(
      '<article><h1>Bioenergie</h1><p>Text</p></article>' +
        '<div class="comment-box"><span class="comment-date">02.12.2022, 15:57:32</span></div>' +
        '<a class="teaser__link" href="/other"><span class="teaser__pubdate">04.11.2021</span> Reisewarnungen anlässlich der Pandemie</a>',
    );
    expect(collectSignals(page.root).dateTexts).toEqual([]);
  });

  it('keeps the article\'s own date box, in a wrapper around the headline or styled as a teaser', () => {
    const page = parsePage(
      '<div class="has-comments"><h1>Sterben</h1><div class="teaser-small__metadata"><p class="byline__author">VON <a href="/autoren/x">JANE DOE</a> am 21. April 2020</p></div>' +
        '<span class="post-date">22. April 2020</span></div>',
    );
    expect(collectSignals(page.root).dateTexts).toEqual(['VON JANE DOE am 21. April 2020', '22. April 2020']);
  });
});

describe('publicationDate: date lines the content left out', () => {
  it('takes a line that is mostly its date, not a caption or sentence that mentions one', () => {
    expect(publicationDate(sources({ contentDates: ['01.11.2023 11:35'] }), now)).toEqual({ value: '2023-11-01T11:35:00Z', source: 'content-date' });
    expect(publicationDate(sources({ contentDates: ['Erstellt am: 30.01.2022 18:36 / sk'] }), now)?.value.slice(0, 10)).toBe('2022-01-30');
    const captions = ['…und in schönen, platzsparenden Schwüngen Süd-Westflanken befahren (Foto: U. Tischhauser, 15.01.2022).'];
    expect(publicationDate(sources({ contentDates: captions }), now)).toBeUndefined();
  });
});

describe('publicationDate: a URL date against an unconfirmed declared date', () => {
  const url = 'https://www.mag.example/home/2017/7/12/unter-uns';
  it('takes the URL date when the declared date is days away and nothing shown confirms it', () => {
    expect(publicationDate(sources({ ld: '2019-06-17T18:28:00+0200', url }), now)).toEqual({ value: '2017-07-12T00:00:00Z', source: 'url' });
  });

  it('keeps a declared date the page shows, or one only a day off the URL', () => {
    const shown = { nearHeadline: ['17. Juni 2019'], labelled: [], nearBylines: [] };
    expect(publicationDate(sources({ ld: '2019-06-17T18:28:00+0200', url, shown }), now)?.source).toBe('json-ld');
    expect(publicationDate(sources({ ld: '2017-07-13T09:00:00+02:00', url }), now)?.value).toBe('2017-07-13T09:00:00+02:00');
  });
});

describe('publicationDate: the month in the URL', () => {
  const url = 'https://weinblog.example.com/2017/09/rezi-love-is-war.html';
  it('skips shown dates before the month the URL files the story under', () => {
    const shown = { nearHeadline: ['14.08.2017'], labelled: [], nearBylines: [] };
    expect(publicationDate(sources({ url, shown, dateTexts: ['Samstag, 9. September 2017'] }), now)).toEqual({ value: '2017-09-09T00:00:00Z', source: 'visible-text' });
    expect(publicationDate(sources({ url, shown }), now)).toBeUndefined();
  });

  it('keeps dates in or after that month: a page updated later', () => {
    const shown = { nearHeadline: ['10.11.2021'], labelled: [], nearBylines: [] };
    expect(publicationDate(sources({ url: 'https://amt.example/Meldungen/2021/10/aktualisierung.html', shown }), now)?.value).toBe('2021-11-10T00:00:00Z');
    expect(publicationDate(sources({ url, opening: '30.09.2017 - Heute gibt es …' }), now)?.value).toBe('2017-09-30T00:00:00Z');
  });
});
