/**
 * The console's page shells. Pages are static HTML with a shared header, landmarks and forms;
 * each page's script (public/<page>.js) fills in data from the JSON API. Nothing user-supplied is
 * interpolated here, so the shells need no escaping and can be cached.
 */

export const CONSOLE_PAGES = ['pipeline', 'failures', 'submit', 'trace', 'search'] as const;
export type ConsolePage = (typeof CONSOLE_PAGES)[number];

const NAV: { page: ConsolePage; href: string; label: string }[] = [
  { page: 'pipeline', href: '/', label: 'Pipeline' },
  { page: 'submit', href: '/submit', label: 'Submit' },
  { page: 'search', href: '/search', label: 'Search' },
  { page: 'failures', href: '/failures', label: 'Failures' },
  { page: 'trace', href: '/trace', label: 'Trace a URL' },
];

const TITLES: Record<ConsolePage, string> = {
  pipeline: 'Pipeline',
  failures: 'Failures and dead letters',
  submit: 'Submit URLs',
  trace: 'Trace a URL',
  search: 'Search articles',
};

const STAGE_OPTIONS = ['fetch', 'clean', 'langdetect', 'enrich', 'index'].map((s) => `<option value="${s}">${s}</option>`).join('');

const BODIES: Record<ConsolePage, string> = {
  pipeline: `
    <p class="lede">Each stage's queue, refreshed every few seconds. Throughput is jobs completed per minute over the last 10 minutes.</p>
    <p class="muted" id="pipeline-updated" aria-live="off">Loading…</p>
    <p class="error" id="pipeline-error" role="alert" hidden></p>
    <ol class="stages" id="stages" aria-label="Pipeline stages, in order"></ol>`,
  failures: `
    <p class="lede">Failed items grouped by stage and reason code, with the domains most affected. Retryable groups can be sent through the pipeline again.</p>
    <form class="toolbar" id="failure-filter">
      <div class="field"><label for="failure-stage">Stage</label>
        <select id="failure-stage" name="stage"><option value="">All stages</option>${STAGE_OPTIONS}</select></div>
      <div class="field"><label for="failure-code">Reason code</label>
        <input id="failure-code" name="code" type="text" inputmode="latin" autocomplete="off" placeholder="e.g. http_4xx" pattern="[a-z0-9_]*"></div>
      <button type="submit">Apply</button>
    </form>
    <p id="failures-status" role="status" aria-live="polite"></p>
    <p class="error" id="failures-error" role="alert" hidden></p>
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">By reason</h2>
      <div id="failure-groups" class="groups"></div>
    </section>
    <section aria-labelledby="dlq-title">
      <h2 id="dlq-title">Dead-letter queue</h2>
      <p class="muted">Every failed job kept by the queues (newest first, up to 100 per reason). A failed job stays here until it is retried or expires.</p>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="dlq-title">
        <table id="dlq" class="stacked">
          <thead><tr><th scope="col">Failed at</th><th scope="col">Stage</th><th scope="col">Reason</th><th scope="col">URL</th><th scope="col">Message</th><th scope="col">Attempts</th></tr></thead>
          <tbody></tbody>
        </table>
      </div>
    </section>`,
  submit: `
    <p class="lede">Paste URLs (one per line) or load them from a file. Each accepted URL is then followed live through the stages.</p>
    <form id="submit-form" class="stack">
      <div class="field"><label for="urls">URLs, one per line</label>
        <textarea id="urls" name="urls" rows="7" spellcheck="false" autocomplete="off" aria-describedby="urls-help"></textarea>
        <p class="help" id="urls-help">http and https only. Duplicates are accepted once; a URL already in flight keeps its run.</p></div>
      <div class="field"><label for="url-file">Or load a file (.txt, or .csv with URLs in the first column)</label>
        <input id="url-file" name="file" type="file" accept=".txt,.csv,text/plain,text/csv"></div>
      <div><button type="submit">Submit URLs</button></div>
    </form>
    <p id="submit-status" role="status" aria-live="polite"></p>
    <p class="error" id="submit-error" role="alert" hidden></p>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="submit-caption">
      <table id="submit-results" class="stacked">
        <caption id="submit-caption">Submitted URLs</caption>
        <thead><tr><th scope="col">URL</th><th scope="col">Accepted</th><th scope="col">Progress</th></tr></thead>
        <tbody></tbody>
      </table>
    </div>`,
  trace: `
    <p class="lede">Every stage's outcome for one URL: timings, HTTP status, versions, language, and the indexed document or the reason it was dropped.</p>
    <form id="trace-form" class="toolbar">
      <div class="field grow"><label for="trace-input">URL or document id</label>
        <input id="trace-input" name="target" type="text" autocomplete="off" spellcheck="false" required></div>
      <button type="submit">Trace</button>
    </form>
    <p class="error" id="trace-error" role="alert" hidden></p>
    <div id="trace"></div>`,
  search: `
    <form id="search-form" role="search" class="search-form" aria-label="Articles">
      <div class="field grow"><label for="q">Query</label>
        <input id="q" name="q" type="search" autocomplete="off" aria-describedby="q-help">
        <p class="help" id="q-help">All words must match. <code>"exact phrase"</code>, <code>a | b</code> for either, <code>-word</code> to exclude, <code>pref*</code> for prefixes.</p></div>
      <div class="field"><label for="from">Published from</label><input id="from" name="from" type="date"></div>
      <div class="field"><label for="to">Published to</label><input id="to" name="to" type="date"></div>
      <div class="field"><label for="sort">Sort by</label>
        <select id="sort" name="sort"><option value="relevance">Relevance</option><option value="date">Newest first</option></select></div>
      <div class="field check"><input id="collapse" name="collapse" type="checkbox" checked><label for="collapse">Group near-duplicates</label></div>
      <div><button type="submit">Search</button></div>
    </form>
    <p class="error" id="search-error" role="alert" hidden></p>
    <div class="search-layout">
      <aside class="facets" aria-labelledby="facets-title">
        <h2 id="facets-title">Filters</h2>
        <div id="active-filters"></div>
        <div id="facets"></div>
      </aside>
      <section class="results" aria-labelledby="results-title">
        <div class="results-head">
          <h2 id="results-title">Results</h2>
          <p id="search-status" role="status" aria-live="polite"></p>
          <div class="export" id="export"></div>
        </div>
        <figure id="histogram" class="histogram" hidden></figure>
        <ol id="results" class="results-list"></ol>
        <div><button type="button" id="more" hidden>More results</button></div>
      </section>
    </div>`,
};

/** The full HTML document for one console page. */
export function renderPage(page: ConsolePage): string {
  const nav = NAV.map(
    (item) => `<li><a href="${item.href}"${item.page === page ? ' aria-current="page"' : ''}>${item.label}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${TITLES[page]} · Newsflow console</title>
<link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/console/assets/console.css">
<script type="module" src="/console/assets/${page}.js"></script>
</head>
<body data-page="${page}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="brand" href="/"><span aria-hidden="true">◆</span> Newsflow <span class="muted">console</span></a>
  <nav aria-label="Console">
    <ul>${nav}<li><a href="/admin/queues">Queue board</a></li></ul>
  </nav>
  <button type="button" class="key-button" id="api-key-button" aria-haspopup="dialog">API key: <span id="api-key-state">not set</span></button>
</header>
<main id="main" tabindex="-1">
  <h1>${TITLES[page]}</h1>
  ${BODIES[page].trim()}
</main>
<dialog id="api-key-dialog" aria-labelledby="api-key-title">
  <form method="dialog" id="api-key-form" class="stack">
    <h2 id="api-key-title">API key</h2>
    <p>Submitting and retrying need an API key (<code>npm start</code> prints a demo key). It is kept in this browser tab only.</p>
    <div class="field"><label for="api-key-input">Key</label>
      <input id="api-key-input" name="key" type="password" autocomplete="off" spellcheck="false"></div>
    <div class="row">
      <button type="submit" value="save">Save key</button>
      <button type="submit" value="clear" class="secondary">Forget key</button>
      <button type="submit" value="cancel" class="secondary" formnovalidate>Cancel</button>
    </div>
  </form>
</dialog>
<footer class="site-footer"><p>Newsflow · JSON API on this origin · <a href="/admin/queues">BullMQ board</a></p></footer>
</body>
</html>
`;
}
