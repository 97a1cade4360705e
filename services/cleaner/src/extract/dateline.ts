import { monthNumber } from './dates';

export interface Dateline {
  place: string;
  agency?: string;
  /** The dateline's day, as YYYY-MM-DD, when it has a year or one can be inferred. */
  date?: string;
  /** Characters of the paragraph the dateline takes up, dash and spaces included. */
  length: number;
}

const PLACE = String.raw`(\p{Lu}[\p{L}.'’-]*(?:[ /]\p{Lu}[\p{L}.'’-]*){0,3})`;
const DATE = String.raw`(\p{L}{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\.?\s+\p{L}{3,9}\.?(?:\s+\d{4})?)`;
const AGENCY = String.raw`\(([\p{L}][\p{L}\d .&/-]{0,30})\)`;
const DATELINE = new RegExp(String.raw`^${PLACE}(?:,\s*${DATE})?\s*(?:${AGENCY})?\s*(?:[-–—]{1,2}|:)\s+(?=\S)`, 'u');

/**
 * A wire-style dateline at the start of the body: "PYONGYANG, September 5 (KCNA) —",
 * "WASHINGTON (Reuters) -", "Berlin (dpa) –". To avoid eating ordinary sentences, a dateline
 * needs an agency in brackets, a date, or a place in capitals.
 */
export function parseDateline(paragraph: string, now: Date): Dateline | undefined {
  const match = DATELINE.exec(paragraph.slice(0, 160));
  if (!match) return undefined;
  const [whole, place, dateText, agency] = match;
  if (!place || whole.endsWith(': ') && !agency) return undefined;
  const capitals = place === place.toUpperCase() && /\p{Lu}{3}/u.test(place);
  if (!agency && !dateText && !capitals) return undefined;
  let date: string | undefined;
  if (dateText) {
    date = datelineDay(dateText, now);
    if (!date) return undefined;
  }
  return { place: capitalsToName(place), ...(agency ? { agency: agency.trim() } : {}), ...(date ? { date } : {}), length: whole.length };
}

/** "PYONGYANG" → "Pyongyang"; mixed-case places stay as written. */
function capitalsToName(place: string): string {
  if (place !== place.toUpperCase()) return place;
  return place.toLowerCase().replace(/(^|[\s/'’-])(\p{L})/gu, (_, lead: string, letter: string) => lead + letter.toUpperCase());
}

/**
 * The day of a dateline date. Wire datelines usually omit the year: it is then the most recent
 * such day not after now (a dateline names a day of the last year, not of the future).
 */
function datelineDay(text: string, now: Date): string | undefined {
  const parts = /^(\p{L}{3,9})\.?\s+(\d{1,2})(?:,\s*(\d{4}))?$/u.exec(text) ?? null;
  const reversed = parts ? null : /^(\d{1,2})\.?\s+(\p{L}{3,9})\.?(?:\s+(\d{4}))?$/u.exec(text);
  const monthName = parts?.[1] ?? reversed?.[2];
  const day = Number(parts?.[2] ?? reversed?.[1]);
  const yearText = parts?.[3] ?? reversed?.[3];
  const month = monthName ? monthNumber(monthName) : undefined;
  if (!month || day < 1 || day > 31) return undefined;
  let year = yearText ? Number(yearText) : now.getUTCFullYear();
  const pad = (n: number) => String(n).padStart(2, '0');
  if (!yearText && Date.UTC(year, month - 1, day) > now.getTime() + 86_400_000) year--;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCDate() !== day || check.getTime() > now.getTime() + 86_400_000 || year < 1990) return undefined;
  return `${year}-${pad(month)}-${pad(day)}`;
}
