/**
 * Rebuilds services/enricher/data/alias-index.json from data/aliases.txt and the country
 * packages: run after editing the alias table (`npx tsx services/enricher/scripts/build-alias-index.ts`).
 * Without it the enricher still works, building the index at start-up instead of loading it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { ALIAS_FILE, ALIAS_INDEX_FILE, buildAliasIndex, indexSourceHash, parseAliases, serializeAliasIndex } from '../src/entities/aliases';

const text = readFileSync(ALIAS_FILE, 'utf8');
const serialized = serializeAliasIndex(buildAliasIndex(parseAliases(text)), indexSourceHash(text));
writeFileSync(ALIAS_INDEX_FILE, `${JSON.stringify(serialized)}\n`);
console.log(`${ALIAS_INDEX_FILE}: ${serialized.entries.length} entries, ${serialized.exactKeys.length} names, ${serialized.phoneticKeys.length} keys`);
