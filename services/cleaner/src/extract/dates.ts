/**
 * Date parsing for page metadata. Dates keep the day and offset the page wrote: converting to
 * UTC would move late-evening stories to the next day.
 */

export const MIN_YEAR = 1990;

/** Month names (and common abbreviations) of the languages the pipeline sees most. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'enero', 'gennaio', 'janeiro', 'stycznia', 'styczeń', 'januari', 'ene'],
  ['february', 'feb', 'februar', 'feber', 'février', 'fevrier', 'febrero', 'febbraio', 'fevereiro', 'lutego', 'luty', 'februari', 'fév', 'fev'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marca', 'marzec', 'maart', 'mär', 'mrz'],
  ['april', 'apr', 'avril', 'abril', 'aprile', 'kwietnia', 'kwiecień', 'avr', 'abr'],
  ['may', 'mai', 'mayo', 'maggio', 'maio', 'maja', 'maj', 'mei'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'junho', 'czerwca', 'czerwiec'],
  ['july', 'jul', 'juli', 'juillet', 'julio', 'luglio', 'julho', 'lipca', 'lipiec', 'juil'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'sierpnia', 'sierpień', 'augustus', 'ago'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro', 'września', 'wrzesień', 'set'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'outubro', 'października', 'październik', 'out'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro', 'grudnia', 'grudzień', 'dic'],
];
MONTH_NAMES.forEach((names, index) => names.forEach((n) => (MONTHS[n] = index + 1)));

const pad = (n: number) => String(n).padStart(2, '0');

function valid(year: number, month: number, day: number, now: Date): boolean {
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return false;
  // A day of slack: the page's zone may be ahead of ours.
  return date.getTime() <= now.getTime() + 86_400_000;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;

/**
 * A machine-readable date (ISO 8601 and the looser forms found in meta tags) to ISO 8601 with
 * an offset. A date without time becomes midnight UTC; a time without zone keeps its wall-clock
 * value with "Z", so the day stays the one the page wrote.
 */
export function normalizeDate(value: string | undefined | null, now: Date): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const iso = ISO.exec(trimmed) ?? /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(trimmed);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (!valid(year, month, day, now)) return undefined;
    const hour = iso[4] ? Number(iso[4]) : 0;
    const minute = iso[5] ? Number(iso[5]) : 0;
    const second = iso[6] ? Number(iso[6]) : 0;
    if (hour > 23 || minute > 59 || second > 59) return `${year}-${pad(month)}-${pad(day)}T00:00:00Z`;
    let zone = iso[7] ? iso[7].toUpperCase() : 'Z';
    if (zone !== 'Z') {
      const digits = zone.replace(':', '');
      zone = `${digits.slice(0, 3)}:${digits.slice(3, 5) || '00'}`;
    }
    return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
  }
  return parseTextDate(trimmed, now);
}

const NUMERIC_DMY = /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})(?!\d)/;
const SLASH_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?!\d)/;
const ISO_IN_TEXT = /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/;
const DAY_MONTH_YEAR = /(?<![\p{L}\d])(\d{1,2})(?:\.|º|er|st|nd|rd|th)?\s*(?:de\s+)?(\p{L}{3,12})\.?,?\s*(?:de\s+)?((?:19|20)\d{2})(?!\d)/u;
const MONTH_DAY_YEAR = /(?<![\p{L}])(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)/u;
const TIME_AFTER = /^[\s,|-]*(?:um\s+|at\s+|à\s+|a las\s+)?(\d{1,2})[:.](\d{2})(?:\s*(am|pm))?/i;

const SHORT_DMY = /(?<![\d.,])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.,]\d|\d)/;

/**
 * The first date written out in running text ("5. September 2025", "Sept. 5, 2025", "05.09.2025").
 * `shortYear` also reads "05.09.25", which only a date box or the line under a headline can be
 * trusted to mean as a date (elsewhere it is as likely a version or a score).
 */
export function parseTextDate(text: string, now: Date, options: { shortYear?: boolean; slashOrder?: 'dmy' | 'mdy' } = {}): string | undefined {
  let best: { index: number; y: number; m: number; d: number; end: number } | undefined;
  const consider = (index: number, y: number, m: number, d: number, end: number) => {
    if (!valid(y, m, d, now)) return;
    if (!best || index < best.index) best = { index, y, m, d, end };
  };
  let match = ISO_IN_TEXT.exec(text);
  if (match) consider(match.index, Number(match[1]), Number(match[2]), Number(match[3]), match.index + match[0].length);
  match = NUMERIC_DMY.exec(text);
  if (match) consider(match.index, Number(match[3]), Number(match[2]), Number(match[1]), match.index + match[0].length);
  match = DAY_MONTH_YEAR.exec(text);
  if (match) {
    const month = MONTHS[match[2]!.toLowerCase()];
    if (month) consider(match.index, Number(match[3]), month, Number(match[1]), match.index + match[0].length);
  }
  match = MONTH_DAY_YEAR.exec(text);
  if (match) {
    const month = MONTHS[match[1]!.toLowerCase()];
    if (month) consider(match.index, Number(match[3]), month, Number(match[2]), match.index + match[0].length);
  }
  if (options.shortYear && !best) {
    match = SHORT_DMY.exec(text);
    if (match) {
      const short = Number(match[3]);
      const year = short <= now.getUTCFullYear() % 100 ? 2000 + short : 1900 + short;
      consider(match.index, year, Number(match[2]), Number(match[1]), match.index + match[0].length);
    }
  }
  match = SLASH_DATE.exec(text);
  if (match) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    // Only unambiguous slash dates: one part above 12 says which is the day.
    if (a > 12 && b <= 12) consider(match.index, Number(match[3]), b, a, match.index + match[0].length);
    else if (b > 12 && a <= 12) consider(match.index, Number(match[3]), a, b, match.index + match[0].length);
    // Both parts could be the month: only the page's locale says which comes first.
    else if (options.slashOrder === 'dmy') consider(match.index, Number(match[3]), b, a, match.index + match[0].length);
    else if (options.slashOrder === 'mdy') consider(match.index, Number(match[3]), a, b, match.index + match[0].length);
  }
  if (!best) return undefined;
  const found = best as { y: number; m: number; d: number; end: number };
  const time = TIME_AFTER.exec(text.slice(found.end));
  let hour = 0;
  let minute = 0;
  if (time) {
    hour = Number(time[1]) % 24;
    minute = Number(time[2]);
    if (time[3]?.toLowerCase() === 'pm' && hour < 12) hour += 12;
    if (time[3]?.toLowerCase() === 'am' && hour === 12) hour = 0;
    if (minute > 59) minute = 0;
  }
  return `${found.y}-${pad(found.m)}-${pad(found.d)}T${pad(hour)}:${pad(minute)}:00Z`;
}

/**
 * The order of an ambiguous slash date ("3/5/2022") from the page's language: month first only in
 * US English (and its Philippine variant); day first everywhere else. Unknown language: neither.
 */
export function slashOrderFor(language: string | undefined): 'dmy' | 'mdy' | undefined {
  if (!language) return undefined;
  const tag = language.trim().toLowerCase().replace('_', '-');
  if (/^en-(?:us|ph)\b/.test(tag)) return 'mdy';
  if (tag === 'en' || tag.startsWith('en-')) return tag === 'en' ? undefined : 'dmy';
  return /^[a-z]{2,3}\b/.test(tag) ? 'dmy' : undefined;
}

/** A date written out: "24. April 2020", "03.02.2022", "28.01.22", "Nov 8, 2023", "2021-10-16", "3/5/2022". */
export const WRITTEN_DATE = /\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}{3,}\.?\s+\d{4}|\p{L}{3,}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\/\d{1,2}\/\d{2,4}/u;

/** A month name to its number, for datelines ("September 5"). */
export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

/** A date from a URL path such as /2025/09/05/, /2025-09-05-, /20250905/. */
export function dateFromUrl(url: string, now: Date): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match =
    /\/((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?=\/|-|_|\.|$)/.exec(path) ??
    /(?:\/|-|_)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=\/|-|_|\.|$)/.exec(path);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return valid(y, m, d, now) ? `${y}-${pad(m)}-${pad(d)}T00:00:00Z` : undefined;
}

/** The month a URL files its story under, as YYYY-MM: /2017/09/slug (a month folder, no day). */
export function monthFromUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\/(?!\d)/.exec(path);
  return match ? `${match[1]}-${pad(Number(match[2]))}` : undefined;
}
