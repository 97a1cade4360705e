/**
 * Trains the entity tagger shipped in services/enricher/models/ from the TRAIN splits of
 * ../shared/datasets/ner-dev (never the validation split). Deterministic: same data + seed →
 * same file.
 *
 *   npm run train:ner                # every language of RECIPES
 *   npm run train:ner -- spa rus     # some
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SplitPart, readNerJsonl } from '../services/enricher/src/entities/conll';
import { FEATURE_SET_VERSION, LABELS } from '../services/enricher/src/entities/features';
import { HAN_FEATURES, HAN_FEATURE_SET, HAN_FEATURE_SET_VERSION } from '../services/enricher/src/entities/han-features';
import { loadFeatureGazetteer } from '../services/enricher/src/entities/gazetteer';
import { serializeModel } from '../services/enricher/src/entities/model';
import { trainPerceptron } from '../services/enricher/src/entities/train';
import { modelPath } from '../services/enricher/src/entities/extractor';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.NEWSFLOW_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');

interface Recipe {
  language: string;
  /** Files of ../shared/datasets/ner-dev and the part of each to train on (see conll.ts SplitPart). */
  train: Array<{ file: string; part: SplitPart }>;
  trainedOn: string;
  epochs: number;
  pruneBelow: number;
  /** "han": one token per character with the features of han-features.ts (Chinese); words otherwise. */
  featureSet?: typeof HAN_FEATURE_SET;
}

/**
 * One recipe per language. News sets where the language has one (CoNLL): adding WikiANN's
 * silver Wikipedia sentences lowered the CoNLL validation F1 of Spanish and Dutch by 0.01–0.03
 * (measured), so those train on news alone. German keeps both: news alone gained 0.02 on CoNLL
 * but lost 0.27 on WikiANN's Wikipedia text (0.74 → 0.47), a sign it would not carry to text
 * unlike 1992's Frankfurter Rundschau. Wikipedia silver for the other languages. Sets
 * with one split only train on the part that isHeldOut() does not reserve for npm run eval:entities.
 */
const RECIPES: Recipe[] = [
  {
    language: 'eng',
    train: [{ file: 'conll2003-en.train.jsonl', part: 'all' }],
    trainedOn: 'CoNLL-2003 English eng.train (Reuters RCV1, 1996), 14,041 sentences; see models/README.md',
    epochs: 12,
    pruneBelow: 0.5,
  },
  {
    language: 'deu',
    train: [{ file: 'conll2003-de.train.jsonl', part: 'all' }, { file: 'wikiann-de.train.jsonl', part: 'all' }],
    trainedOn: 'CoNLL-2003 German train (Frankfurter Rundschau, 1992) and WikiANN German train; see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    language: 'spa',
    train: [{ file: 'conll2002-es.train.jsonl', part: 'all' }],
    trainedOn: 'CoNLL-2002 Spanish train (EFE, 2000); see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    language: 'nld',
    train: [{ file: 'conll2002-nl.train.jsonl', part: 'all' }],
    trainedOn: 'CoNLL-2002 Dutch train (De Morgen, 2000); see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    language: 'fra',
    train: [{ file: 'wikineural-fr.dev.jsonl', part: 'train' }],
    trainedOn: 'WikiNEuRal French (Tedeschi et al. 2021, CC BY-NC-SA 4.0), 9 in 10 documents of its validation split; see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    language: 'ita',
    train: [{ file: 'wikineural-it.dev.jsonl', part: 'train' }],
    trainedOn: 'WikiNEuRal Italian (CC BY-NC-SA 4.0), 9 in 10 documents of its validation split; see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    language: 'por',
    train: [{ file: 'wikineural-pt.dev.jsonl', part: 'train' }],
    trainedOn: 'WikiNEuRal Portuguese (CC BY-NC-SA 4.0), 9 in 10 documents of its validation split; see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    language: 'rus',
    train: [{ file: 'wikineural-ru.dev.jsonl', part: 'train' }, { file: 'wikiann-ru.train.jsonl', part: 'all' }],
    trainedOn: 'WikiNEuRal Russian (CC BY-NC-SA 4.0, 9 in 10 documents of its validation split) and WikiANN Russian train; see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    language: 'ukr',
    train: [{ file: 'ner-uk.train.jsonl', part: 'train' }],
    trainedOn: 'lang-uk ner-uk v2.0 (CC BY-NC-SA 4.0), 9 in 10 documents of its train split; see models/README.md',
    epochs: 10,
    pruneBelow: 0.5,
  },
  {
    language: 'pol',
    train: [{ file: 'wikiann-pl.train.jsonl', part: 'all' }],
    trainedOn: 'WikiANN Polish train (Rahimi et al. 2019 split); see models/README.md',
    epochs: 8,
    pruneBelow: 0.5,
  },
  {
    // Character tagger: the corpus is one token per character, as the extractor tags Chinese.
    language: 'cmn',
    train: [{ file: 'peoplesdaily-zh.train.jsonl', part: 'train' }],
    trainedOn: "People's Daily 1998 NER (OYE93/Chinese-NLP-Corpus, no clear licence), 9 in 10 documents of consecutive sentences; see models/README.md",
    epochs: 10,
    pruneBelow: 0.5,
    featureSet: HAN_FEATURE_SET,
  },
];

const wanted = process.argv.slice(2);
const summary: Record<string, { features: number; bytes: number; seconds: number }> = {};
for (const recipe of RECIPES.filter((r) => wanted.length === 0 || wanted.includes(r.language))) {
  const started = performance.now();
  const documents = recipe.train.flatMap(({ file, part }) => readNerJsonl(path.join(sharedDir, 'datasets', 'ner-dev', file), part));
  const gazetteer = loadFeatureGazetteer(recipe.language);
  const trained = trainPerceptron(documents, {
    epochs: recipe.epochs,
    seed: 20030601,
    gazetteer,
    pruneBelow: recipe.pruneBelow,
    ...(recipe.featureSet === HAN_FEATURE_SET ? { featureSet: HAN_FEATURES } : {}),
    onEpoch: (epoch, errorRate) =>
      console.log(`${recipe.language} epoch ${epoch}/${recipe.epochs}: training token error ${(errorRate * 100).toFixed(2)}% (${((performance.now() - started) / 1000).toFixed(1)} s)`),
  });
  const file = serializeModel(trained.keys, trained.weights, trained.transitions, {
    ...(recipe.featureSet === HAN_FEATURE_SET ? { featureSet: HAN_FEATURE_SET, featureSetVersion: HAN_FEATURE_SET_VERSION } : { featureSetVersion: FEATURE_SET_VERSION }),
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
