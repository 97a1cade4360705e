/**
 * Trains the entity tagger shipped in services/enricher/models/ from the TRAIN splits of
 * ../shared/datasets/ner-dev (never the validation split). Deterministic: same data + seed →
 * same file.
 *
 *   npx tsx scripts/train-ner.ts            # English (CoNLL-2003 train) and German (WikiANN de train)
 *   npx tsx scripts/train-ner.ts eng        # one language
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNerJsonl } from '../services/enricher/src/entities/conll';
import { FEATURE_SET_VERSION, LABELS } from '../services/enricher/src/entities/features';
import { loadFeatureGazetteer } from '../services/enricher/src/entities/gazetteer';
import { serializeModel } from '../services/enricher/src/entities/model';
import { trainPerceptron } from '../services/enricher/src/entities/train';
import { modelPath } from '../services/enricher/src/entities/extractor';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.NEWSFLOW_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

interface Recipe {
  language: string;
  trainFile: string;
  trainedOn: string;
  epochs: number;
  pruneBelow: number;
}

const RECIPES: Recipe[] = [
  {
    language: 'eng',
    trainFile: 'conll2003-en.train.jsonl',
    trainedOn: 'CoNLL-2003 English eng.train (Reuters RCV1, 1996), 14,041 sentences; see models/README.md',
    epochs: 12,
    pruneBelow: 0.5,
  },
  {
    language: 'deu',
    trainFile: 'wikiann-de.train.jsonl',
    trainedOn: 'WikiANN German train (Rahimi et al. 2019 split), 20,000 sentences; see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
];

const wanted = process.argv.slice(2);
const summary: Record<string, { features: number; bytes: number; seconds: number }> = {};
for (const recipe of RECIPES.filter((r) => wanted.length === 0 || wanted.includes(r.language))) {
  const started = performance.now();
  const documents = readNerJsonl(path.join(sharedDir, 'datasets', 'ner-dev', recipe.trainFile));
  const gazetteer = loadFeatureGazetteer(recipe.language);
  const trained = trainPerceptron(documents, {
    epochs: recipe.epochs,
    seed: 20030601,
    gazetteer,
    pruneBelow: recipe.pruneBelow,
    onEpoch: (epoch, errorRate) =>
      console.log(`${recipe.language} epoch ${epoch}/${recipe.epochs}: training token error ${(errorRate * 100).toFixed(2)}% (${((performance.now() - started) / 1000).toFixed(1)} s)`),
  });
  const file = serializeModel(trained.keys, trained.weights, trained.transitions, {
    featureSetVersion: FEATURE_SET_VERSION,
    labels: LABELS,
    language: recipe.language,
    provenance: 'Averaged structured perceptron trained by scripts/train-ner.ts (Newsflow); hashed feature weights only, no text.',
    trainedOn: recipe.trainedOn,
    epochs: recipe.epochs,
    features: trained.keys.length,
  });
  const target = modelPath(recipe.language);
  writeFileSync(target, file);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${recipe.language}: ${trained.keys.length} features kept, ${(file.length / 1024 / 1024).toFixed(2)} MB → ${path.relative(repoRoot, target)} in ${seconds.toFixed(1)} s`);
  summary[recipe.language] = { features: trained.keys.length, bytes: file.length, seconds: Math.round(seconds * 10) / 10 };
}
console.log(JSON.stringify(summary));
