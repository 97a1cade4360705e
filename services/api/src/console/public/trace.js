/* global document, window */
import { ApiError, STAGES, STATE_LABELS, api, formatDate, formatDuration, formatTime, h, showError, stateBadge } from './common.js';

const form = document.getElementById('trace-form');
const input = document.getElementById('trace-input');
const errorLine = document.getElementById('trace-error');
const container = document.getElementById('trace');
const ID = /^[0-9a-f]{32}$/;

function idFromPath() {
  const match = /^\/trace\/([^/]+)$/.exec(window.location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const target = input.value.trim();
  try {
    const id = ID.test(target) ? target : (await api(`/console/api/identify?url=${encodeURIComponent(target)}`)).id;
    window.location.assign(`/trace/${id}`);
  } catch (error) {
    showError(errorLine, error);
  }
});

function facts(rows) {
  return h('dl', { class: 'facts' }, rows.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

function stageRows(status) {
  const reached = STAGES.indexOf(status.stage);
  return STAGES.map((stage, i) => {
    const timing = status.stages?.[stage];
    let outcome;
    if (timing || (i === reached && status.state === 'done')) outcome = stateBadge('done', 'done');
    else if (i === reached) outcome = stateBadge(status.state, STATE_LABELS[status.state]?.text);
    else if (i > reached) outcome = h('span', { class: 'badge state-pending' }, h('span', { 'aria-hidden': 'true' }, '·'), status.state === 'failed' ? ' not reached' : ' pending');
    // Passed, but the ledger kept no timing (a late write can lose to the next stage's).
    else outcome = stateBadge('done', 'done');
    return h(
      'tr',
      { 'data-stage': stage },
      h('th', { scope: 'row' }, stage),
      h('td', {}, outcome, i === reached && status.error ? h('span', { class: 'small' }, ` ${status.error.code}`) : null),
      h('td', {}, timing ? formatTime(timing.finishedAt) : '—'),
      h('td', { class: 'num' }, timing ? formatDuration(timing.durationMs) : '—'),
      h('td', {}, timing?.note ?? ''),
    );
  });
}

function list(label, values) {
  if (!values?.length) return null;
  return [h('dt', {}, label), h('dd', {}, values.join(', '))];
}

function renderArticle(article) {
  return h(
    'section',
    { 'aria-labelledby': 'document-title', class: 'card' },
    h('h2', { id: 'document-title' }, 'Indexed document'),
    h('p', { class: 'doc-title' }, h('a', { href: article.url, rel: 'noopener noreferrer' }, article.title || article.url)),
    facts([
      ['HTTP status', String(article.httpStatus)],
      ['Final URL', article.finalUrl],
      ['Language', `${article.language} (confidence ${(article.languageConfidence ?? 0).toFixed(2)})`],
      ['Extractor', article.versions?.extractor],
      ['Language detector', article.versions?.detector],
      ['Enricher', article.versions?.enricher],
      ['Published', article.publishedAt ? formatDate(article.publishedAt) : 'unknown'],
      ['Fetched', formatTime(article.fetchedAt)],
      ['Indexed', formatTime(article.indexedAt)],
      ['Words', String(article.wordCount)],
      ['Site', article.siteName],
      ['Publisher', article.publisher ? `${article.publisher.name} (${article.publisher.country})` : undefined],
      ['Near-duplicate cluster', article.cluster ? `${article.cluster.isOriginal ? 'original' : 'copy'} of ${article.cluster.id}` : undefined],
    ]),
    h('dl', { class: 'facts' }, list('People', article.people), list('Organisations', article.organizations), list('Places', article.places), list('Countries', article.countries), list('Keywords', article.keywords)),
    article.summary?.length ? [h('h3', {}, 'Summary'), h('ul', {}, article.summary.map((s) => h('li', {}, s)))] : null,
    h('details', {}, h('summary', {}, 'Final document (JSON)'), h('pre', { class: 'json', tabindex: '0' }, JSON.stringify(article, null, 2))),
  );
}

async function load(id) {
  input.value = id;
  container.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  let status;
  try {
    status = await api(`/urls/${encodeURIComponent(id)}`);
  } catch (error) {
    container.replaceChildren();
    showError(errorLine, error instanceof ApiError && error.status === 404 ? new Error('This URL was never submitted (or its record expired).') : error);
    return;
  }
  const outcome =
    status.state === 'failed'
      ? h('p', { class: 'dropped', role: 'note' }, h('strong', {}, '✗ Dropped'), ` at ${status.stage}: `, h('code', {}, status.error?.code ?? 'unknown'), ` — ${status.error?.message ?? ''}`)
      : status.state === 'done'
        ? h('p', { class: 'indexed' }, h('strong', {}, '✓ Indexed'), ' as document ', h('code', {}, status.documentId ?? status.id))
        : h('p', {}, stateBadge(status.state), ` at ${status.stage}, attempt ${status.attempts}. This page does not refresh; reload to update.`);
  const parts = [
    h(
      'section',
      { 'aria-labelledby': 'summary-title', class: 'card' },
      h('h2', { id: 'summary-title' }, 'Outcome'),
      h('p', { class: 'url' }, h('a', { href: status.url, rel: 'noopener noreferrer' }, status.url)),
      outcome,
      facts([
        ['Document id', h('code', {}, status.id)],
        ['Run', String(status.run ?? 1)],
        ['Attempts at current stage', String(status.attempts)],
        ['Submitted', formatTime(status.submittedAt)],
        ['Last update', formatTime(status.updatedAt)],
      ]),
    ),
    h(
      'section',
      { 'aria-labelledby': 'stages-title', class: 'card' },
      h('h2', { id: 'stages-title' }, 'Stages'),
      h(
        'div',
        { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'stages-title' },
        h('table', { id: 'trace-stages' }, h('thead', {}, h('tr', {}, ['Stage', 'Outcome', 'Finished', 'Duration', 'Details'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, stageRows(status))),
      ),
    ),
  ];
  if (status.state === 'done') {
    try {
      parts.push(renderArticle(await api(`/articles/${encodeURIComponent(status.documentId ?? status.id)}`)));
    } catch (error) {
      parts.push(h('p', { class: 'error' }, `⚠ The document could not be read: ${error.message}`));
    }
  }
  container.replaceChildren(...parts);
  showError(errorLine, null);
}

const id = idFromPath();
if (id) void load(id);
else input.focus();
