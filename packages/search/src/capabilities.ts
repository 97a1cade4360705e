import type { Client } from '@elastic/elasticsearch';

/**
 * Language analyzers ship in the analysis-common module, search_as_you_type in mapper-extras.
 * Elastic's test distribution (used locally) has neither; full distributions have both.
 * ISO 639-3 code → built-in analyzer name.
 */
export const LANGUAGE_ANALYZERS: Readonly<Record<string, string>> = Object.freeze({
  ara: 'arabic', hye: 'armenian', eus: 'basque', ben: 'bengali', bul: 'bulgarian', cat: 'catalan',
  ces: 'czech', dan: 'danish', nld: 'dutch', eng: 'english', est: 'estonian', fin: 'finnish',
  fra: 'french', glg: 'galician', deu: 'german', ell: 'greek', hin: 'hindi', hun: 'hungarian',
  ind: 'indonesian', gle: 'irish', ita: 'italian', lav: 'latvian', lvs: 'latvian', lit: 'lithuanian',
  nob: 'norwegian', nno: 'norwegian', pes: 'persian', por: 'portuguese', ron: 'romanian',
  rus: 'russian', ckb: 'sorani', spa: 'spanish', swe: 'swedish', tur: 'turkish', tha: 'thai',
  // CJK bigrams serve Chinese, Japanese and Korean text.
  cmn: 'cjk', zho: 'cjk', jpn: 'cjk', kor: 'cjk',
});

export interface ClusterCapabilities {
  version: string;
  modules: string[];
  /** Distinct analyzer names the cluster provides, e.g. "english", "cjk". */
  languageAnalyzers: string[];
  searchAsYouType: boolean;
  /** Human-readable list of what is missing, for the start-up log. */
  degraded: string[];
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
  const searchAsYouType = modules.includes('mapper-extras');
  const degraded: string[] = [];
  if (!hasAnalysis) degraded.push('no analysis-common module: title/body use the standard analyzer only (no stemming or language stop words)');
  if (!searchAsYouType) degraded.push('no mapper-extras module: title autocomplete uses a completion field instead of search_as_you_type');
  return {
    version: Object.values(nodes.nodes)[0]?.version ?? 'unknown',
    modules,
    languageAnalyzers: hasAnalysis ? [...new Set(Object.values(LANGUAGE_ANALYZERS))].sort() : [],
    searchAsYouType,
    degraded,
  };
}

/** The per-language sub-document key for a detected language, or null when unsupported. */
export function analyzerFor(language: string, capabilities: Pick<ClusterCapabilities, 'languageAnalyzers'>): string | null {
  const analyzer = LANGUAGE_ANALYZERS[language];
  return analyzer && capabilities.languageAnalyzers.includes(analyzer) ? analyzer : null;
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
