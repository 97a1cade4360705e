import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { articleAnalysisSettings, articleMappings, articleSettings, MAPPING_VERSION } from './mapping';
import type { ClusterCapabilities } from './capabilities';

export function indexNameFor(alias: string, version: number = MAPPING_VERSION): string {
  return `${alias}-v${version}`;
}

/**
 * Makes sure the index template exists and the alias points at a concrete versioned index
 * (`articles` → `articles-v1`). Safe to call from every service at start-up, concurrently.
 */
export async function ensureArticleIndex(
  client: Client,
  options: { alias: string; capabilities: ClusterCapabilities; logger?: Logger; replicas?: number; shards?: number },
): Promise<{ index: string; created: boolean }> {
  const { alias, capabilities } = options;
  const mappings = articleMappings(capabilities);
  const settings = {
    ...articleSettings,
    ...articleAnalysisSettings(capabilities),
    ...(options.replicas !== undefined ? { number_of_replicas: options.replicas } : {}),
    ...(options.shards !== undefined ? { number_of_shards: options.shards } : {}),
  };
  await client.indices.putIndexTemplate({
    name: `${alias}-template`,
    index_patterns: [`${alias}-v*`],
    priority: 100,
    template: { settings, mappings },
    _meta: { managed_by: 'newsflow', mapping_version: MAPPING_VERSION },
  });
  const aliasExists = await client.indices.existsAlias({ name: alias });
  if (aliasExists) {
    const current = Object.keys(await client.indices.getAlias({ name: alias }));
    // Additive mapping changes (new fields) apply to the live index in place.
    try {
      await client.indices.putMapping({ index: current, ...mappings });
    } catch (error) {
      // An index created before its analyzers existed (e.g. the folded copies' custom analyzer,
      // which is an index setting) cannot take the new fields: it keeps serving with what it
      // has until POST /admin/reindex builds the next version from the template.
      const reason = (error as { meta?: { body?: { error?: { reason?: string } } } }).meta?.body?.error?.reason ?? '';
      if (!/analyzer \[[^\]]+\] (has not been configured|not found)/.test(reason)) throw error;
      options.logger?.warn({ index: current, reason }, 'the live index cannot take the current mapping; run POST /admin/reindex to move to it');
    }
    return { index: current[0] ?? alias, created: false };
  }
  const index = indexNameFor(alias);
  try {
    await client.indices.create({ index, aliases: { [alias]: { is_write_index: true } } });
    options.logger?.info({ index, alias }, 'created article index');
    return { index, created: true };
  } catch (error) {
    // Another service won the race to create it.
    if ((error as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type === 'resource_already_exists_exception') {
      if (!(await client.indices.existsAlias({ name: alias }))) {
        await client.indices.putAlias({ index, name: alias, is_write_index: true });
      }
      return { index, created: false };
    }
    throw error;
  }
}

/** Deletes the alias, its indices and the template: for tests and `newsflow reset`. */
export async function deleteArticleIndex(client: Client, alias: string): Promise<void> {
  if (await client.indices.existsAlias({ name: alias })) {
    const indices = Object.keys(await client.indices.getAlias({ name: alias }));
    await client.indices.delete({ index: indices, ignore_unavailable: true });
  }
  await client.indices.delete({ index: `${alias}-v*`, ignore_unavailable: true, allow_no_indices: true });
  await client.indices.deleteIndexTemplate({ name: `${alias}-template` }, { ignore: [404] });
}
