/**
 * One identity per entity whatever the language of the article: a canonical id (what filters
 * and facets key on) and a display name. "Xi Jinping", "Си Цзиньпин", "习近平" → one id.
 */
import { countryEntityId, entityId } from '@newsflow/contracts';

export type IdentityType = 'person' | 'organization' | 'place';

export interface IdentityInput {
  type: IdentityType;
  /** The name as the extractor resolved it (surface form, short forms already linked). */
  name: string;
  /** ISO 639-3 individual code of the article, as the language detector emits it. */
  language: string;
  /** ISO 3166-1 alpha-2 when the entity is a country (the gazetteer resolved it). */
  countryCode?: string;
  /** True when the gazetteer resolved it to a country (not a city in that country). */
  isCountry?: boolean;
}

export interface Identity {
  /** Stable, language-independent: "person:xi-jinping", "place:country:CN". */
  id: string;
  /** Display name, the same for every language the entity is found in. */
  name: string;
}

export function identify(input: IdentityInput): Identity {
  if (input.isCountry && input.countryCode) return { id: countryEntityId(input.countryCode), name: input.name };
  return { id: entityId(input.type, input.name), name: input.name };
}
