/* global document, URLSearchParams, window, history */
import { api, formatDate, h, highlighted, showError, svg, traceLink } from './common.js';

const PAGE_SIZE = 20;
/** Facet in the response → filter parameter of the API, with a label. */
const FACETS = [
  { facet: 'language', param: 'lang', label: 'Language' },
  { facet: 'domain', param: 'domain', label: 'Domain' },
  { facet: 'publisher', param: 'publisher', label: 'Publisher' },
  { facet: 'country', param: 'country', label: 'Countries mentioned' },
  { facet: 'person', param: 'person', label: 'People' },
  { facet: 'org', param: 'org', label: 'Organisations' },
  { facet: 'place', param: 'place', label: 'Places' },
  { facet: 'keyword', param: 'keyword', label: 'Keywords' },
];
const FILTER_PARAMS = [...FACETS.map((f) => f.param), 'publisherCountry', 'cluster'];

const form = document.getElementById('search-form');
const statusLine = document.getElementById('search-status');
const errorLine = document.getElementById('search-error');
const resultsList = document.getElementById('results');
const moreButton = document.getElementById('more');
let nextCursor = null;

/** The page's state lives in its own query string, so every view can be bookmarked and shared. */
function readState() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const name of FILTER_PARAMS) {
    const values = params.getAll(name).filter(Boolean);
    if (values.length) filters[name] = values;
  }
  return {
    q: params.get('q') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    collapse: params.get('collapse') !== '0' && !filters.cluster,
    filters,
  };
}

function pageQuery(state) {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  for (const [name, values] of Object.entries(state.filters)) for (const value of values) params.append(name, value);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  if (!state.collapse && !state.filters.cluster) params.set('collapse', '0');
  return params;
}

/** The same filters in the API's terms (no paging or presentation options). */
function filterQuery(state) {
  const params = pageQuery(state);
  params.delete('collapse');
  params.delete('sort');
  return params;
}

function navigate(state) {
  const query = pageQuery(state).toString();
  history.pushState(null, '', `/search${query ? `?${query}` : ''}`);
  void run();
}

function toggleFilter(param, value) {
  const state = readState();
  const values = new Set(state.filters[param] ?? []);
  if (values.has(value)) values.delete(value);
  else values.add(value);
  if (values.size) state.filters[param] = [...values];
  else delete state.filters[param];
  navigate(state);
}

function renderFacets(state, facets) {
  const active = Object.entries(state.filters).flatMap(([param, values]) =>
    values.map((value) =>
      h('li', {}, h('button', { type: 'button', class: 'chip', 'aria-label': `Remove filter ${param}: ${value}`, onclick: () => toggleFilter(param, value) }, `${param}: ${value} `, h('span', { 'aria-hidden': 'true' }, '✕'))),
    ),
  );
  document.getElementById('active-filters').replaceChildren(...(active.length ? [h('h3', {}, 'Active'), h('ul', { class: 'chips' }, active)] : []));
  const groups = FACETS.map(({ facet, param, label }) => {
    const buckets = facets?.[facet] ?? [];
    if (!buckets.length) return null;
    const selected = new Set(state.filters[param] ?? []);
    const headingId = `facet-${facet}`;
    return h(
      'section',
      { class: 'facet', 'aria-labelledby': headingId, 'data-facet': facet },
      h('h3', { id: headingId }, label),
      h(
        'ul',
        {},
        buckets.map((bucket) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'facet-value', 'aria-pressed': selected.has(bucket.value) ? 'true' : 'false', onclick: () => toggleFilter(param, bucket.value) },
              h('span', { class: 'check', 'aria-hidden': 'true' }, selected.has(bucket.value) ? '☑' : '☐'),
              h('span', { class: 'value' }, bucket.value),
              h('span', { class: 'count' }, String(bucket.count)),
            ),
          ),
        ),
      ),
    );
  }).filter(Boolean);
  document.getElementById('facets').replaceChildren(...groups);
}

function renderHistogram(dates) {
  const figure = document.getElementById('histogram');
  const buckets = dates?.buckets ?? [];
  if (!buckets.length) {
    figure.hidden = true;
    return;
  }
  const width = 600;
  const height = 80;
  const max = Math.max(...buckets.map((b) => b.count));
  // A few buckets stay readable as bars instead of stretching into one block.
  const barWidth = Math.min(width / buckets.length, 48);
  const label = (b) => `${formatDate(b.value)}: ${b.count} article${b.count === 1 ? '' : 's'}`;
  const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': `Articles per ${dates.interval}: ${buckets.map(label).join('; ')}` });
  buckets.forEach((bucket, i) => {
    const barHeight = Math.max(2, (bucket.count / max) * (height - 4));
    const bar = svg('rect', { x: i * barWidth + Math.min(2, barWidth * 0.1), y: height - barHeight, width: Math.max(1, barWidth - Math.min(4, barWidth * 0.2)), height: barHeight, class: 'bar' });
    bar.append(svg('title', {}, label(bucket)));
    chart.append(bar);
  });
  const first = buckets[0];
  const last = buckets.at(-1);
  figure.replaceChildren(
    chart,
    h('figcaption', {}, `Published per ${dates.interval}, ${formatDate(first.value)} – ${formatDate(last.value)} (highest: ${max})`),
  );
  figure.hidden = false;
}

function renderExport(state) {
  const query = filterQuery(state).toString();
  const link = (format, label) => h('a', { class: 'button secondary', href: `/export?${query}${query ? '&' : ''}format=${format}`, download: '' }, label);
  document.getElementById('export').replaceChildren(h('span', { class: 'muted small' }, 'Export: '), link('csv', 'CSV'), link('ndjson', 'NDJSON'), link('zip', 'ZIP'));
}

function renderHit(hit) {
  const copies = hit.copies && hit.cluster
    ? h('a', { class: 'copies', href: `/search?cluster=${hit.cluster.id}`, 'aria-label': `${hit.copies} near-duplicate cop${hit.copies === 1 ? 'y' : 'ies'} of this article` }, `+${hit.copies} cop${hit.copies === 1 ? 'y' : 'ies'}`)
    : null;
  return h(
    'li',
    { class: 'hit', 'data-id': hit.id },
    h('article', {},
      h('h3', {}, h('a', { href: hit.url, rel: 'noopener noreferrer' }, hit.titleHighlighted ? highlighted(hit.titleHighlighted) : hit.title)),
      h('p', { class: 'meta' }, `${hit.domain} · ${hit.publishedAt ? formatDate(hit.publishedAt) : 'date unknown'} · `, h('abbr', { title: 'ISO 639-3 language code' }, hit.language)),
      h('p', { class: 'snippet' }, highlighted(hit.snippet)),
      h('p', { class: 'row actions' }, traceLink(hit.id, 'Trace'), copies),
    ),
  );
}

async function run({ append = false } = {}) {
  const state = readState();
  if (!append) {
    form.elements.q.value = state.q;
    form.elements.from.value = state.from;
    form.elements.to.value = state.to;
    form.elements.sort.value = state.sort;
    form.elements.collapse.checked = state.collapse;
  }
  const params = filterQuery(state);
  params.set('size', String(PAGE_SIZE));
  params.set('sort', state.sort);
  if (state.collapse) params.set('collapse', 'cluster');
  params.set('facets', append ? 'false' : 'true');
  if (append && nextCursor) params.set('after', nextCursor);
  statusLine.textContent = 'Searching…';
  try {
    const result = await api(`/search?${params}`);
    nextCursor = result.next;
    const items = result.hits.map(renderHit);
    if (append) resultsList.append(...items);
    else {
      resultsList.replaceChildren(...items);
      renderFacets(state, result.facets);
      renderHistogram(result.facets?.dates);
      renderExport(state);
    }
    moreButton.hidden = !nextCursor;
    const shown = resultsList.children.length;
    statusLine.textContent = result.total === 0 ? 'No articles match.' : `${result.total} article${result.total === 1 ? '' : 's'} match; showing ${shown}${state.collapse ? ' (near-duplicates grouped)' : ''}.`;
    showError(errorLine, null);
  } catch (error) {
    statusLine.textContent = '';
    showError(errorLine, error);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const state = readState();
  navigate({
    ...state,
    q: form.elements.q.value.trim(),
    from: form.elements.from.value,
    to: form.elements.to.value,
    sort: form.elements.sort.value,
    collapse: form.elements.collapse.checked,
  });
});
moreButton.addEventListener('click', () => void run({ append: true }));
window.addEventListener('popstate', () => void run());
void run();
