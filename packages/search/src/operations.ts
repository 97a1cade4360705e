import type { Client, estypes } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import type { ArticleDocument } from '@newsflow/contracts';
import { articleAnalysisSettings, articleMappings, articleSettings, MAPPING_VERSION } from './mapping';
import { indexNameFor } from './index-admin';
import type { ClusterCapabilities } from './capabilities';

/**
 * Walks every document matching a query in a stable order (search_after on [publishedAt, id]),
 * one page at a time, so exports and reindexing use bounded memory whatever the result size.
 * Works on every distribution (no scroll contexts, no reindex module).
 */
export async function* scanDocuments(
  client: Client,
  index: string,
  query: estypes.QueryDslQueryContainer,
  options: { batchSize?: number; source?: string[] | boolean; sort?: estypes.SortCombinations[] } = {},
): AsyncGenerator<{ id: string; source: Partial<ArticleDocument>; version?: number }> {
  let after: estypes.SortResults | undefined;
  for (;;) {
    const response = await client.search<Partial<ArticleDocument>>({
      index,
      size: options.batchSize ?? 500,
      query,
      _source: options.source ?? true,
      version: true,
      sort: options.sort ?? [{ publishedAt: { order: 'desc', missing: '_last' } }, { id: 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    const hits = response.hits.hits;
    for (const hit of hits) yield { id: hit._id ?? '', source: hit._source ?? {}, ...(hit._version !== undefined ? { version: hit._version } : {}) };
    if (hits.length === 0 || hits.length < (options.batchSize ?? 500)) return;
    after = hits.at(-1)?.sort;
  }
}

/** Deletes one article; true when it existed. Visible to search after the refresh. */
export async function deleteArticle(client: Client, alias: string, id: string): Promise<boolean> {
  const response = await client.delete({ index: alias, id, refresh: 'wait_for' }, { ignore: [404] });
  return response.result === 'deleted';
}

/**
 * Takedown of a whole domain. Implemented as scan + bulk delete rather than _delete_by_query,
 * which lives in the reindex module that some distributions lack.
 */
export async function deleteByDomain(client: Client, alias: string, domain: string): Promise<number> {
  let deleted = 0;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const response = await client.bulk({ operations: batch.map((id) => ({ delete: { _index: alias, _id: id } })), refresh: 'wait_for' });
    deleted += response.items.filter((item) => item.delete?.result === 'deleted').length;
    batch = [];
  };
  // Deleting while paging by search_after is safe: the cursor does not depend on deleted hits.
  for await (const doc of scanDocuments(client, alias, { term: { domain: domain.toLowerCase() } }, { source: false, sort: [{ id: 'asc' }] })) {
    batch.push(doc.id);
    if (batch.length >= 500) await flush();
  }
  await flush();
  return deleted;
}

/**
 * Zero-downtime reindex: create `<alias>-v<N+1>` from the current template, copy every document
 * (keeping external versions), then switch the alias in one atomic request. Reads keep hitting
 * the old index until the switch; writes that arrive meanwhile go to the old index and are
 * copied by a catch-up pass right after the switch.
 */
export async function reindexToNewVersion(
  client: Client,
  options: { alias: string; capabilities: Pick<ClusterCapabilities, 'languageAnalyzers' | 'neutralAnalysis' | 'searchAsYouType'>; logger?: Logger },
): Promise<{ from: string; to: string; copied: number }> {
  const { alias } = options;
  const current = Object.keys(await client.indices.getAlias({ name: alias }));
  if (current.length !== 1) throw new Error(`alias ${alias} points at ${current.length} indices; expected exactly one`);
  const from = current[0]!;
  const fromVersion = Number(/-v(\d+)$/.exec(from)?.[1] ?? MAPPING_VERSION);
  const to = indexNameFor(alias, fromVersion + 1);
  await client.indices.create({ index: to, settings: { ...articleSettings, ...articleAnalysisSettings(options.capabilities), refresh_interval: '-1' }, mappings: articleMappings(options.capabilities) });
  const startedAt = new Date().toISOString();
  const copy = async (query: estypes.QueryDslQueryContainer): Promise<number> => {
    let copied = 0;
    let operations: object[] = [];
    const flush = async (): Promise<void> => {
      if (operations.length === 0) return;
      const response = await client.bulk({ operations });
      if (response.errors) {
        const failed = response.items.filter((i) => i.index?.error && i.index.status !== 409);
        if (failed.length) throw new Error(`reindex: ${failed.length} documents rejected, e.g. ${JSON.stringify(failed[0]?.index?.error)}`);
      }
      copied += operations.length / 2;
      operations = [];
    };
    for await (const doc of scanDocuments(client, from, query)) {
      operations.push({ index: { _index: to, _id: doc.id, ...(doc.version !== undefined ? { version: doc.version, version_type: 'external_gte' } : {}) } }, doc.source);
      if (operations.length >= 1_000) await flush();
    }
    await flush();
    return copied;
  };
  const copied = await copy({ match_all: {} });
  await client.indices.putSettings({ index: to, settings: { refresh_interval: articleSettings.refresh_interval ?? '1s' } });
  await client.indices.refresh({ index: to });
  await client.indices.updateAliases({
    actions: [
      { remove: { index: from, alias } },
      { add: { index: to, alias, is_write_index: true } },
    ],
  });
  // Documents written to the old index while copying: copy them again now that new writes go to
  // the new index. External versions keep a newer document from being overwritten by this pass.
  await client.indices.refresh({ index: from });
  await copy({ range: { indexedAt: { gte: startedAt } } });
  await client.indices.refresh({ index: to });
  options.logger?.info({ from, to, copied }, 'reindexed and switched alias');
  return { from, to, copied };
}
