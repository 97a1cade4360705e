/**
 * Named-entity extraction for the enricher: people, organisations and places (countries with
 * ISO 3166-1 codes, cities), with mention counts, first offsets and aliases.
 *
 *   const extractor = loadEntityExtractor(); // synchronous, once at start-up
 *   extractor.extract(articleText, 'eng');
 */
export { ArticleEntityExtractor, loadEntityExtractor, modelPath, shippedModels, type Entity, type EntityExtractor, type EntityType, type MentionSpan } from './extractor';
