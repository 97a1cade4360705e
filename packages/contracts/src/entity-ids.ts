/**
 * Canonical entity ids, shared by the enricher (which assigns them) and the indexer (which
 * fills them in for jobs enqueued before ids existed). Format: "<kind>:<slug>", with kind
 * person, org or place; countries are "place:country:<ISO 3166-1 alpha-2>".
 */
export type EntityKind = 'person' | 'organization' | 'place';

const KIND_PREFIX: Readonly<Record<EntityKind, string>> = Object.freeze({ person: 'person', organization: 'org', place: 'place' });

/** Lower-cased, accents and punctuation folded, words joined by "-" ("Jean-Yves Le Drian" → "jean-yves-le-drian"). */
export function entitySlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function entityId(kind: EntityKind, name: string): string {
  return `${KIND_PREFIX[kind]}:${entitySlug(name)}`;
}

export function countryEntityId(countryCode: string): string {
  return `place:country:${countryCode}`;
}
