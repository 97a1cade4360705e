import { describe, expect, it } from 'vitest';
import { dateFromUrl, monthFromUrl, normalizeDate, parseTextDate, slashOrderFor } from './dates';

const now = new Date('2026-01-01T12:00:00Z');

describe('normalizeDate', () => {
  it('keeps the offset the page wrote, so the day does not move', () => {
    expect(normalizeDate('2024-03-14T23:30:00+01:00', now)).toBe('2024-03-14T23:30:00+01:00');
    expect(normalizeDate('2024-03-14T23:30:00.123-0500', now)).toBe('2024-03-14T23:30:00-05:00');
  });

  it('gives dates without time midnight UTC, and times without zone their wall-clock value', () => {
    expect(normalizeDate('2019-08-02', now)).toBe('2019-08-02T00:00:00Z');
    expect(normalizeDate('2019-08-02 14:05', now)).toBe('2019-08-02T14:05:00Z');
  });

  it('rejects impossible dates: in the future, before 1990, not on the calendar', () => {
    expect(normalizeDate('2026-03-01T00:00:00Z', now)).toBeUndefined();
    expect(normalizeDate('1989-12-31', now)).toBeUndefined();
    expect(normalizeDate('2023-02-30', now)).toBeUndefined();
    expect(normalizeDate('not a date', now)).toBeUndefined();
  });

  it('reads written-out dates in meta values', () => {
    expect(normalizeDate('Thursday, 5. September 2025', now)).toBe('2025-09-05T00:00:00Z');
  });
});

describe('parseTextDate', () => {
  it.each([
    ['Veröffentlicht am 25.08.2015 22:30', '2015-08-25T22:30:00Z'],
    ['3. August 2015', '2015-08-03T00:00:00Z'],
    ['Posted on August 2, 2019', '2019-08-02T00:00:00Z'],
    ['Monday, 6 January 2020', '2020-01-06T00:00:00Z'],
    ['14 de enero de 2020', '2020-01-14T00:00:00Z'],
    ['12 stycznia 2020', '2020-01-12T00:00:00Z'],
    ['Sept. 5, 2025 at 4:12 pm', '2025-09-05T16:12:00Z'],
  ])('%s', (text, iso) => {
    expect(parseTextDate(text, now)).toBe(iso);
  });

  it('ignores ambiguous slash dates and text without dates', () => {
    expect(parseTextDate('03/04/2020', now)).toBeUndefined();
    expect(parseTextDate('25/04/2020', now)).toBe('2020-04-25T00:00:00Z');
    expect(parseTextDate('Chapter 12 of 2000 pages', now)).toBeUndefined();
  });
});

describe('dateFromUrl', () => {
  it('reads /yyyy/mm/dd/ and /yyyymmdd/ paths', () => {
    expect(dateFromUrl('https://x.example/2012/05/31/story/', now)).toBe('2012-05-31T00:00:00Z');
    expect(dateFromUrl('https://sputnikglobe.com/20250905/kim-1122736223.html', now)).toBe('2025-09-05T00:00:00Z');
  });

  it('does not take article ids or a month alone for a date', () => {
    expect(dateFromUrl('https://x.example/article/123456789', now)).toBeUndefined();
    expect(dateFromUrl('https://x.example/2020/01/story', now)).toBeUndefined();
  });
});

describe('monthFromUrl', () => {
  it('reads a /yyyy/mm/ month folder', () => {
    expect(monthFromUrl('https://blog.example.com/2017/09/rezi-love-is-war.html')).toBe('2017-09');
    expect(monthFromUrl('https://x.example/home/2017/7/story/')).toBe('2017-07');
  });

  it('takes no day folder, no underscored file name and no id for a month', () => {
    expect(monthFromUrl('https://x.example/2017/09/12/story/')).toBeUndefined();
    expect(monthFromUrl('https://x.example/Energie/2021_11_mineraloelinfo.html')).toBeUndefined();
    expect(monthFromUrl('https://x.example/article/2017/13/')).toBeUndefined();
  });
});

describe('slash dates', () => {
  it('reads an ambiguous slash date only when the page language gives the order', () => {
    expect(parseTextDate('3/5/2022', now)).toBeUndefined();
    expect(parseTextDate('3/5/2022', now, { slashOrder: slashOrderFor('pt-BR') })).toBe('2022-05-03T00:00:00Z');
    expect(parseTextDate('3/5/2022', now, { slashOrder: slashOrderFor('en-US') })).toBe('2022-03-05T00:00:00Z');
    expect(slashOrderFor('en')).toBeUndefined();
  });

  it('reads two-digit years only when asked', () => {
    expect(parseTextDate('28.01.22', now)).toBeUndefined();
    expect(parseTextDate('28.01.22', now, { shortYear: true })).toBe('2022-01-28T00:00:00Z');
  });
});
