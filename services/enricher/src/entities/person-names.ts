/**
 * First and last names as tagger features: a word that is a known first name, followed by a
 * capitalised word, is very likely a person — the evidence German (which capitalises every
 * noun) and sentence-initial words otherwise lack. The lists are Faker's curated locale data
 * (MIT) for the languages whose text the word tagger reads, names of other origins included
 * (news in every language writes "Emmanuel Macron", "Olaf Scholz", "Сергей Лавров"). Loaded once,
 * on first use; changing the locales changes the model's features, so retrain after it.
 */
import { faker as cs } from '@faker-js/faker/locale/cs_CZ';
import { faker as da } from '@faker-js/faker/locale/da';
import { faker as de } from '@faker-js/faker/locale/de';
import { faker as el } from '@faker-js/faker/locale/el';
import { faker as en } from '@faker-js/faker/locale/en';
import { faker as enIN } from '@faker-js/faker/locale/en_IN';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as hu } from '@faker-js/faker/locale/hu';
import { faker as it } from '@faker-js/faker/locale/it';
import { faker as nl } from '@faker-js/faker/locale/nl';
import { faker as pl } from '@faker-js/faker/locale/pl';
import { faker as ptBR } from '@faker-js/faker/locale/pt_BR';
import { faker as ptPT } from '@faker-js/faker/locale/pt_PT';
import { faker as ro } from '@faker-js/faker/locale/ro';
import { faker as ru } from '@faker-js/faker/locale/ru';
import { faker as sv } from '@faker-js/faker/locale/sv';
import { faker as tr } from '@faker-js/faker/locale/tr';
import { faker as uk } from '@faker-js/faker/locale/uk';
import { faker as vi } from '@faker-js/faker/locale/vi';

const LOCALES = [cs, da, de, el, en, enIN, es, fr, hu, it, nl, pl, ptBR, ptPT, ro, ru, sv, tr, uk, vi];

/** Bit 1: a first name; bit 2: a last name (a word can be both: "Thomas", "Martin"). */
export const FIRST_NAME = 1;
export const LAST_NAME = 2;

let names: Map<string, number> | undefined;

function words(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/\s+/u);
  if (Array.isArray(value)) return value.flatMap(words);
  if (value && typeof value === 'object') return Object.values(value).flatMap(words);
  return [];
}

function load(): Map<string, number> {
  const map = new Map<string, number>();
  for (const locale of LOCALES) {
    const person = locale.rawDefinitions.person;
    if (!person) continue;
    for (const [list, bit] of [
      [person.first_name, FIRST_NAME],
      [person.last_name, LAST_NAME],
    ] as const) {
      for (const word of words(list)) {
        if (word.length < 2 || !/^\p{L}/u.test(word)) continue;
        const lower = word.toLowerCase();
        map.set(lower, (map.get(lower) ?? 0) | bit);
      }
    }
  }
  return map;
}

/** FIRST_NAME | LAST_NAME bits of a lower-cased word (0 when neither). */
export function personNameBits(lower: string): number {
  names ??= load();
  return names.get(lower) ?? 0;
}
