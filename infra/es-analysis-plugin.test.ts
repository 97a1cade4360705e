import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLUGIN_ANALYZERS } from '@newsflow/search';

const plugin = join(dirname(fileURLToPath(import.meta.url)), 'es-analysis-plugin');
const sources = join(plugin, 'src/main/java/dev/newsflow/analysis');

describe('the newsflow-analysis plugin sources', () => {
  // Elasticsearch finds a stable plugin's components only through named_components.json (the
  // Gradle plugin that would generate it is not used here), so it must match the annotations.
  const declared = readdirSync(sources)
    .filter((name) => name.endsWith('.java'))
    .flatMap((name) =>
      [...readFileSync(join(sources, name), 'utf8').matchAll(/@NamedComponent\("([^"]+)"\)\s+public static final class (\w+)/g)].map(
        ([, component, cls]) => [component!, `dev.newsflow.analysis.${name.replace(/\.java$/, '')}$${cls!}`] as const,
      ),
    );
  const listed = (JSON.parse(readFileSync(join(plugin, 'src/main/plugin-metadata/named_components.json'), 'utf8')) as Record<string, Record<string, string>>)[
    'org.elasticsearch.plugin.analysis.AnalyzerFactory'
  ];

  it('lists every named component in named_components.json, with its class', () => {
    expect(declared.length).toBeGreaterThan(30);
    expect(Object.fromEntries(declared)).toEqual(listed);
  });

  it('provides every analyzer the search package maps a language to', () => {
    expect(PLUGIN_ANALYZERS.filter((name) => !(name in (listed ?? {})))).toEqual([]);
  });
});
