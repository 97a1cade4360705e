/**
 * Given names, to tell a person's name from a title-case phrase. German capitalises every noun,
 * so "Weitere Informationen" looks like "Stefan Wasmer" to any shape rule; a known first name
 * is what separates them. The lists are Faker's curated locale data (MIT), for the languages the
 * corpus mostly holds; loaded once, on first use.
 */
import { faker as da } from '@faker-js/faker/locale/da';
import { faker as de } from '@faker-js/faker/locale/de';
import { faker as en } from '@faker-js/faker/locale/en';
import { faker as es } from '@faker-js/faker/locale/es';
import { faker as fr } from '@faker-js/faker/locale/fr';
import { faker as it } from '@faker-js/faker/locale/it';
import { faker as nl } from '@faker-js/faker/locale/nl';
import { faker as pl } from '@faker-js/faker/locale/pl';
import { faker as ptPT } from '@faker-js/faker/locale/pt_PT';
import { faker as sv } from '@faker-js/faker/locale/sv';

let names: Set<string> | undefined;

function load(): Set<string> {
  const set = new Set<string>();
  for (const locale of [da, de, en, es, fr, it, nl, pl, ptPT, sv]) {
    const firstNames = locale.rawDefinitions.person?.first_name;
    if (!firstNames) continue;
    for (const name of Object.values(firstNames).flat()) {
      // "Ana María": each part is a given name on its own.
      for (const part of name.split(/\s+/)) if (part.length >= 2) set.add(part.toLowerCase());
    }
  }
  return set;
}

/** "Stefan" → true, "Weitere" → false. Hyphenated names count by their first part ("Hans-Peter"). */
export function isGivenName(word: string): boolean {
  names ??= load();
  const lower = word.toLowerCase();
  return names.has(lower) || names.has(lower.split('-')[0]!);
}
