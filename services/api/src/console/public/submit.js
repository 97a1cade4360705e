/* global document */
import { STAGES, STATE_LABELS, api, h, showError, stateBadge, traceLink } from './common.js';

const POLL_MS = 1_000;
const form = document.getElementById('submit-form');
const textarea = document.getElementById('urls');
const fileInput = document.getElementById('url-file');
const statusLine = document.getElementById('submit-status');
const errorLine = document.getElementById('submit-error');
const tbody = document.querySelector('#submit-results tbody');

/** Lines of a pasted list or a file; for CSV the first cell of each row. */
export function urlsFrom(text) {
  return text
    .split(/\r?\n/)
    .map((line) => line.split(',')[0].replace(/^"|"$/g, '').trim())
    .filter((line) => line && !line.startsWith('#') && line.toLowerCase() !== 'url');
}

fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (!file) return;
  const urls = urlsFrom(await file.text());
  const existing = textarea.value.trim();
  textarea.value = [existing, ...urls].filter(Boolean).join('\n');
  statusLine.textContent = `Loaded ${urls.length} URL${urls.length === 1 ? '' : 's'} from ${file.name}. Review them, then submit.`;
});

/** "fetch ✓ → clean ✓ → langdetect ▶ …" as text, and the row's overall state. */
function progressCell(status) {
  const reached = STAGES.indexOf(status.stage);
  const steps = STAGES.map((stage, i) => {
    let state = 'pending';
    if (status.stages?.[stage] || i < reached || (i === reached && status.state === 'done')) state = 'done';
    else if (i === reached) state = status.state;
    const icon = state === 'pending' ? '·' : STATE_LABELS[state]?.icon ?? '?';
    return h('li', { class: `step state-${state}` }, h('span', { 'aria-hidden': 'true' }, icon), ` ${stage}`, h('span', { class: 'visually-hidden' }, ` ${state === 'pending' ? 'not reached' : STATE_LABELS[state]?.text ?? state}`));
  });
  let summary;
  if (status.state === 'done') summary = stateBadge('done', 'indexed');
  else if (status.state === 'failed') summary = [stateBadge('failed', `failed at ${status.stage}`), h('span', { class: 'small' }, ` ${status.error?.code ?? ''}: ${status.error?.message ?? ''}`)];
  else summary = stateBadge(status.state, `${STATE_LABELS[status.state]?.text ?? status.state} at ${status.stage}`);
  return [h('p', { class: 'summary' }, summary), h('ol', { class: 'steps', 'aria-label': 'Stages' }, steps)];
}

function rowFor(item) {
  if (item.error) {
    return h('tr', { 'data-state': 'rejected' }, h('td', { class: 'url', 'data-label': 'URL' }, item.url), h('td', { 'data-label': 'Accepted' }, stateBadge('failed', 'rejected')), h('td', { 'data-label': 'Progress' }, `${item.error}: ${item.message}`));
  }
  const progress = h('td', { class: 'progress', 'data-label': 'Progress' }, h('p', {}, stateBadge('queued', item.status === 'in_flight' ? 'already in flight' : 'queued')));
  const row = h('tr', { 'data-id': item.id, 'data-state': 'queued' }, h('td', { class: 'url', 'data-label': 'URL' }, traceLink(item.id, item.url)), h('td', { 'data-label': 'Accepted' }, stateBadge('done', 'accepted')), progress);
  return row;
}

async function follow(rows) {
  const open = new Map(rows.map((row) => [row.dataset.id, row]));
  while (open.size) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await Promise.all(
      [...open].map(async ([id, row]) => {
        try {
          const status = await api(`/urls/${id}`);
          row.dataset.state = status.state;
          row.querySelector('td.progress').replaceChildren(...progressCell(status));
          if (status.state === 'done' || status.state === 'failed') open.delete(id);
        } catch (error) {
          showError(errorLine, error);
        }
      }),
    );
    const done = rows.filter((r) => r.dataset.state === 'done').length;
    const failed = rows.filter((r) => r.dataset.state === 'failed').length;
    statusLine.textContent = `${done} indexed, ${failed} failed, ${rows.length - done - failed} in progress.`;
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const urls = urlsFrom(textarea.value);
  if (!urls.length) {
    showError(errorLine, new Error('Enter at least one URL.'));
    textarea.focus();
    return;
  }
  showError(errorLine, null);
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  statusLine.textContent = `Submitting ${urls.length} URL${urls.length === 1 ? '' : 's'}…`;
  try {
    const result = await api('/urls', { method: 'POST', body: { urls } });
    const rows = result.items.map(rowFor);
    tbody.replaceChildren(...rows);
    statusLine.textContent = `${result.accepted} accepted, ${result.rejected} rejected. Following progress…`;
    await follow(rows.filter((r) => r.dataset.id));
  } catch (error) {
    showError(errorLine, error);
    statusLine.textContent = '';
  } finally {
    button.disabled = false;
  }
});
