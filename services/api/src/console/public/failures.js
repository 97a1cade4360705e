/* global document, URLSearchParams, window, history */
import { api, formatTime, h, showError, traceLink } from './common.js';

const EXAMPLES_PER_GROUP = 5;
const statusLine = document.getElementById('failures-status');
const errorLine = document.getElementById('failures-error');
const form = document.getElementById('failure-filter');

function currentFilter() {
  const params = new URLSearchParams(window.location.search);
  return { stage: params.get('stage') ?? '', code: params.get('code') ?? '' };
}

function queryOf(filter, examples) {
  const params = new URLSearchParams();
  if (filter.stage) params.set('stage', filter.stage);
  if (filter.code) params.set('code', filter.code);
  if (examples !== undefined) params.set('examples', String(examples));
  return params.toString();
}

async function retryGroup(group, button) {
  const permanent = !group.retryable;
  button.disabled = true;
  statusLine.textContent = `Retrying ${group.stage} · ${group.code}…`;
  try {
    const result = await api('/failures/retry', { method: 'POST', body: { stage: group.stage, code: group.code, includePermanent: permanent } });
    statusLine.textContent = `Retried ${result.retried} item${result.retried === 1 ? '' : 's'} of ${group.stage} · ${group.code}${result.skipped ? `, skipped ${result.skipped}` : ''}. They are back in the pipeline; refresh to see what fails again.`;
    showError(errorLine, null);
  } catch (error) {
    showError(errorLine, error);
    statusLine.textContent = '';
  } finally {
    button.disabled = false;
  }
}

function renderGroup(group) {
  const kind = group.retryable
    ? h('span', { class: 'badge retryable' }, h('span', { 'aria-hidden': 'true' }, '↻'), ' retryable')
    : h('span', { class: 'badge permanent' }, h('span', { 'aria-hidden': 'true' }, '⊘'), ' permanent');
  const button = h('button', { type: 'button', class: group.retryable ? '' : 'secondary' }, group.retryable ? `Retry these ${group.count}` : `Retry anyway (${group.count})`);
  button.addEventListener('click', () => void retryGroup(group, button));
  const titleId = `group-${group.stage}-${group.code}`;
  return h(
    'article',
    { class: 'group', 'aria-labelledby': titleId, 'data-stage': group.stage, 'data-code': group.code },
    h('header', {}, h('h3', { id: titleId }, h('code', {}, group.code), ` at ${group.stage}`), kind, h('p', { class: 'big' }, `${group.count} failed`)),
    h('h4', {}, 'Domains'),
    h('ul', { class: 'domains' }, group.domains.map((d) => h('li', {}, h('span', {}, d.domain), h('span', { class: 'count' }, String(d.count))))),
    h('h4', {}, 'Examples'),
    h(
      'ul',
      { class: 'examples' },
      group.examples.slice(0, EXAMPLES_PER_GROUP).map((e) =>
        h('li', {}, traceLink(e.id, e.url || e.id), h('span', { class: 'muted small' }, ` ${e.message} · ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}`)),
      ),
    ),
    h('div', { class: 'row' }, button, group.retryable ? null : h('p', { class: 'muted small' }, 'Permanent: retrying is unlikely to help unless the cause was fixed.')),
  );
}

function renderDeadLetters(groups) {
  const rows = groups
    .flatMap((g) => g.examples)
    .sort((a, b) => String(b.failedAt ?? '').localeCompare(String(a.failedAt ?? '')))
    .map((e) =>
      h(
        'tr',
        {},
        h('td', { 'data-label': 'Failed at' }, formatTime(e.failedAt)),
        h('td', { 'data-label': 'Stage' }, e.stage),
        h('td', { 'data-label': 'Reason' }, h('code', {}, e.code)),
        h('td', { class: 'url', 'data-label': 'URL' }, traceLink(e.id, e.url || e.id)),
        h('td', { 'data-label': 'Message' }, e.message),
        h('td', { class: 'num', 'data-label': 'Attempts' }, String(e.attempts)),
      ),
    );
  const body = document.querySelector('#dlq tbody');
  body.replaceChildren(...(rows.length ? rows : [h('tr', {}, h('td', { colspan: '6' }, '✓ The dead-letter queue is empty.'))]));
}

async function load() {
  const filter = currentFilter();
  form.elements.stage.value = filter.stage;
  form.elements.code.value = filter.code;
  try {
    // One read serves both views: groups show a few examples, the dead-letter table all of them.
    const summary = await api(`/failures?${queryOf(filter, 100)}`);
    const container = document.getElementById('failure-groups');
    container.replaceChildren(...(summary.groups.length ? summary.groups.map(renderGroup) : [h('p', {}, '✓ No failed items', filter.stage || filter.code ? ' match this filter.' : '.')]));
    renderDeadLetters(summary.groups);
    if (!statusLine.textContent) statusLine.textContent = `${summary.total} failed item${summary.total === 1 ? '' : 's'} in ${summary.groups.length} group${summary.groups.length === 1 ? '' : 's'}.`;
    showError(errorLine, null);
  } catch (error) {
    showError(errorLine, error);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const query = queryOf({ stage: form.elements.stage.value, code: form.elements.code.value.trim() });
  history.pushState(null, '', `/failures${query ? `?${query}` : ''}`);
  statusLine.textContent = '';
  void load();
});
window.addEventListener('popstate', () => void load());
void load();
