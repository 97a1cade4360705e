import type { Client } from '@elastic/elasticsearch';
import { individualLanguageOf, macrolanguageOf } from '@newsflow/contracts';

/** The Newsflow analysis plugin (infra/es-analysis-plugin), installed by infra/infra.sh. */
export const ANALYSIS_PLUGIN = 'newsflow-analysis';

/**
 * How one language is analysed. `key` names the per-language copy of title and body
 * (`i18n.<key>`): it is the same on every cluster, so a document written on one kind of cluster
 * is valid in the strict mapping of another (a reindex copies `_source` unchanged). `builtin`
 * is Elasticsearch's analyzer of the analysis-common module (full distribution, Docker image);
 * `plugin` the analysis plugin's, for distributions without analysis-common.
 */
export interface LanguageAnalysis {
  key: string;
  builtin?: string;
  plugin?: string;
}

const both = (name: string): LanguageAnalysis => ({ key: name, builtin: name, plugin: `newsflow_${name}` });
const pluginOnly = (name: string): LanguageAnalysis => ({ key: name, plugin: `newsflow_${name}` });

/**
 * ISO 639-3 *individual* language (as the detector emits it: cmn, arb, pes, zsm, ekk, lvs, …)
 * → its analysis. Macrolanguage codes from elsewhere (ara, zho, fas) are looked up through
 * their standard member (see `languageAnalysis`).
 */
export const LANGUAGE_ANALYSIS: Readonly<Record<string, LanguageAnalysis>> = Object.freeze({
  arb: both('arabic'), hye: both('armenian'), eus: both('basque'), ben: both('bengali'), bul: both('bulgarian'),
  cat: both('catalan'), ces: both('czech'), dan: both('danish'), nld: both('dutch'), eng: both('english'),
  ekk: both('estonian'), fin: both('finnish'), fra: both('french'), glg: both('galician'), deu: both('german'),
  ell: both('greek'), hin: both('hindi'), hun: both('hungarian'), ind: both('indonesian'), gle: both('irish'),
  ita: both('italian'), lvs: both('latvian'), lit: both('lithuanian'), nob: both('norwegian'), nno: both('norwegian'),
  pes: both('persian'), por: both('portuguese'), ron: both('romanian'), rus: both('russian'), srp: both('serbian'),
  ckb: both('sorani'), spa: both('spanish'), swe: both('swedish'), tur: both('turkish'), tha: both('thai'),
  // Croatian and Bosnian share Serbian's Latin orthography and inflection; the Serbian
  // normaliser also maps Cyrillic to Latin, so all three meet in one field.
  hrv: both('serbian'), bos: both('serbian'),
  // Standard Malay and Indonesian share their affixes (me-, ber-, -kan, -nya), which is what
  // the Indonesian stemmer removes.
  zsm: both('indonesian'),
  // Chinese and Japanese: overlapping bigrams (built-in cjk; the plugin's over ICU-segmented
  // words), so 北京 matches inside 北京市 but not 北 … 京 apart.
  cmn: { key: 'cjk', builtin: 'cjk', plugin: 'newsflow_cjk' },
  yue: { key: 'cjk', builtin: 'cjk', plugin: 'newsflow_cjk' },
  jpn: { key: 'cjk', builtin: 'cjk', plugin: 'newsflow_cjk' },
  kor: { key: 'korean', builtin: 'cjk', plugin: 'newsflow_korean' },
  // Languages Elasticsearch only analyses with separate plugins (analysis-stempel,
  // analysis-ukrainian) or not at all.
  pol: pluginOnly('polish'), ukr: pluginOnly('ukrainian'), tel: pluginOnly('telugu'), tam: pluginOnly('tamil'),
  npi: pluginOnly('nepali'),
});

/** The built-in analyzers Newsflow uses; all ship in analysis-common. */
export const LANGUAGE_ANALYZERS: readonly string[] = Object.freeze(
  [...new Set(Object.values(LANGUAGE_ANALYSIS).flatMap((a) => (a.builtin ? [a.builtin] : [])))].sort(),
);

/** The plugin's analyzers Newsflow uses (each a named component of the plugin; infra/es-analysis-plugin.test.ts checks they exist). */
export const PLUGIN_ANALYZERS: readonly string[] = Object.freeze(
  [...new Set([...Object.values(LANGUAGE_ANALYSIS).flatMap((a) => (a.plugin ? [a.plugin] : [])), 'newsflow_folding'])].sort(),
);

/** The analysis of a language code, through its standard member for macrolanguages (ara → arb, zho → cmn, nor → nob). */
export function languageAnalysis(code: string): LanguageAnalysis | undefined {
  return LANGUAGE_ANALYSIS[code] ?? LANGUAGE_ANALYSIS[individualLanguageOf(code)] ?? LANGUAGE_ANALYSIS[individualLanguageOf(macrolanguageOf(code))];
}

/**
 * How the language-neutral copy (`title.folded`, `body.folded`, `description.folded`) is analysed:
 * `plugin`: the plugin's newsflow_folding (ICU tokenizer, so CJK and Thai are segmented, ICU folding);
 * `builtin`: a custom analyzer of analysis-common filters (lowercase, ASCII folding, elision, CJK bigrams);
 * `standard`: neither is available, so the copy is the standard analyzer's (no folding).
 */
export type NeutralAnalysis = 'plugin' | 'builtin' | 'standard';

export interface ClusterCapabilities {
  version: string;
  modules: string[];
  /** Per-language field key → analyzer the cluster provides for it, e.g. russian → newsflow_russian or russian. */
  languageAnalyzers: Record<string, string>;
  neutralAnalysis: NeutralAnalysis;
  searchAsYouType: boolean;
  /** Human-readable list of what is missing, for the start-up log. */
  degraded: string[];
}

/** Chooses each language's analyzer from what the cluster has: built-in first, the plugin's otherwise. */
export function chooseAnalysis(hasAnalysisCommon: boolean, hasPlugin: boolean): Pick<ClusterCapabilities, 'languageAnalyzers' | 'neutralAnalysis'> {
  const languageAnalyzers: Record<string, string> = {};
  for (const analysis of Object.values(LANGUAGE_ANALYSIS)) {
    // Built-ins win where both exist: they are what a full distribution and Elastic Cloud run,
    // so documents indexed there and here are analysed the same way.
    const analyzer = (hasAnalysisCommon ? analysis.builtin : undefined) ?? (hasPlugin ? analysis.plugin : undefined);
    // Keys shared by several languages (cjk, norwegian, serbian) take the first language's choice;
    // the table gives them all the same analyzers.
    if (analyzer && !(analysis.key in languageAnalyzers)) languageAnalyzers[analysis.key] = analyzer;
  }
  return { languageAnalyzers, neutralAnalysis: hasPlugin ? 'plugin' : hasAnalysisCommon ? 'builtin' : 'standard' };
}

/** Detected languages with no analyzer on this cluster: searched through the neutral copy only. */
export function languagesWithoutAnalyzer(capabilities: Pick<ClusterCapabilities, 'languageAnalyzers'>): string[] {
  return Object.entries(LANGUAGE_ANALYSIS)
    .filter(([, analysis]) => !(analysis.key in capabilities.languageAnalyzers))
    .map(([code]) => code)
    .sort();
}

export async function detectCapabilities(client: Client): Promise<ClusterCapabilities> {
  // GET / (client.info) is absent from Elastic's test distribution; node info carries the version.
  const nodes = await client.nodes.info({ metric: 'plugins' });
  // A feature is usable only if every node has it.
  const perNode = Object.values(nodes.nodes).map(
    (node) => new Set<string>([...(node.modules ?? []), ...(node.plugins ?? [])].map((m) => m.name)),
  );
  const modules = [...(perNode[0] ?? [])].filter((name) => perNode.every((names) => names.has(name))).sort();
  const hasAnalysis = modules.includes('analysis-common');
  const hasPlugin = modules.includes(ANALYSIS_PLUGIN);
  const searchAsYouType = modules.includes('mapper-extras');
  const analysis = chooseAnalysis(hasAnalysis, hasPlugin);
  const degraded: string[] = [];
  if (!hasAnalysis && !hasPlugin) {
    degraded.push(`neither the analysis-common module nor the ${ANALYSIS_PLUGIN} plugin: title/body use the standard analyzer only (no stemming, folding or word segmentation); infra/infra.sh installs the plugin`);
  }
  const missing = languagesWithoutAnalyzer(analysis);
  if (missing.length > 0 && (hasAnalysis || hasPlugin)) {
    degraded.push(`no analyzer for ${missing.join(', ')}${hasPlugin ? '' : ` (the ${ANALYSIS_PLUGIN} plugin has them)`}: those languages, like any language not in LANGUAGE_ANALYSIS, are searched through the language-neutral folded fields only`);
  }
  if (!searchAsYouType) degraded.push('no mapper-extras module: title autocomplete uses a completion field instead of search_as_you_type');
  return {
    version: Object.values(nodes.nodes)[0]?.version ?? 'unknown',
    modules,
    ...analysis,
    searchAsYouType,
    degraded,
  };
}

/** The per-language sub-document key (`i18n.<key>`) for a detected language, or null when the cluster cannot analyse it. */
export function analyzerFor(language: string, capabilities: Pick<ClusterCapabilities, 'languageAnalyzers'>): string | null {
  const key = languageAnalysis(language)?.key;
  return key && key in capabilities.languageAnalyzers ? key : null;
}

/** Liveness of the cluster that works on every distribution (HEAD / is not in the test one). */
export async function clusterReachable(client: Client): Promise<boolean> {
  try {
    const health = await client.cluster.health({ timeout: '2s' }, { requestTimeout: 3_000, maxRetries: 0 });
    return health.status !== 'red';
  } catch {
    return false;
  }
}
