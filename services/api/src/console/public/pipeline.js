/* global document */
import { api, formatDuration, h, showError, svg } from './common.js';

const REFRESH_MS = 3_000;
/** A waiting job older than this marks the stage as backed up. */
const BACKLOG_AGE_MS = 60_000;

function stageStatus(stage) {
  if (stage.oldestWaitingAgeMs !== null && stage.oldestWaitingAgeMs > BACKLOG_AGE_MS) return { key: 'backlog', icon: '⚠', text: 'backed up' };
  if (stage.active > 0 || stage.waiting > 0) return { key: 'busy', icon: '▶', text: 'working' };
  return { key: 'idle', icon: '✓', text: 'idle' };
}

function throughputChart(stage) {
  const counts = stage.throughput.map((b) => b.completed);
  const max = Math.max(1, ...counts);
  const width = 200;
  const height = 48;
  const barWidth = width / counts.length;
  const description = `Completed per minute over the last ${counts.length} minutes, oldest first: ${counts.join(', ')}`;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height + 2}`, class: 'sparkline', role: 'img', 'aria-label': description, preserveAspectRatio: 'none' });
  stage.throughput.forEach((bucket, i) => {
    const barHeight = bucket.completed === 0 ? 1 : Math.max(3, (bucket.completed / max) * height);
    const bar = svg('rect', { x: i * barWidth + 1, y: height - barHeight + 1, width: barWidth - 2, height: barHeight, class: bucket.completed === 0 ? 'bar empty' : 'bar' });
    bar.append(svg('title', {}, `${new Date(bucket.from).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}: ${bucket.completed} completed`));
    chart.append(bar);
  });
  return chart;
}

function count(label, value, extraClass) {
  return [h('dt', {}, label), h('dd', { class: extraClass }, String(value))];
}

function renderStage(stage, index) {
  const status = stageStatus(stage);
  const lastMinute = stage.throughput.at(-2)?.completed ?? 0;
  const failed = stage.failed > 0
    ? h('a', { href: `/failures?stage=${stage.stage}` }, h('span', { 'aria-hidden': 'true' }, '✗ '), `${stage.failed}`)
    : '0';
  return h(
    'li',
    { class: `stage status-${status.key}`, 'data-stage': stage.stage },
    h('h2', {}, h('span', { class: 'step', 'aria-hidden': 'true' }, `${index + 1}`), ` ${stage.stage}`),
    h('p', { class: `badge status-${status.key}` }, h('span', { 'aria-hidden': 'true' }, status.icon), ` ${status.text}`),
    h(
      'dl',
      { class: 'counts' },
      count('Waiting', stage.waiting),
      count('Active', stage.active),
      count('Delayed', stage.delayed),
      h('dt', {}, 'Failed'),
      h('dd', { class: stage.failed > 0 ? 'has-failures' : '' }, failed),
    ),
    h('p', { class: 'oldest' }, 'Oldest waiting: ', h('strong', {}, stage.oldestWaitingAgeMs === null ? 'none' : formatDuration(stage.oldestWaitingAgeMs))),
    throughputChart(stage),
    h('p', { class: 'muted small' }, `${lastMinute}/min last full minute · ${stage.completed} completed kept`),
  );
}

async function refresh() {
  const list = document.getElementById('stages');
  try {
    const snapshot = await api('/console/api/pipeline');
    list.replaceChildren(...snapshot.stages.map(renderStage));
    document.getElementById('pipeline-updated').textContent = `Updated ${new Date(snapshot.generatedAt).toLocaleTimeString()}`;
    showError(document.getElementById('pipeline-error'), null);
  } catch (error) {
    showError(document.getElementById('pipeline-error'), error);
  }
}

async function loop() {
  // Polling pauses while the tab is hidden so an idle console costs the API nothing.
  if (document.visibilityState !== 'hidden') await refresh();
  setTimeout(loop, REFRESH_MS);
}

void loop();
