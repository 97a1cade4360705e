/* global document, sessionStorage, DOMParser, Node, Headers */
// Shared helpers of the console pages: API calls, the API key, safe DOM building, formatting.

const KEY_STORAGE = 'newsflow.apiKey';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function getApiKey() {
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
  renderKeyState();
}

function renderKeyState() {
  const state = document.getElementById('api-key-state');
  if (state) state.textContent = getApiKey() ? 'set ✓' : 'not set';
}

let pendingKeyRequest = null;

/** Opens the key dialog; resolves true when a key was saved. */
export function askForApiKey() {
  const dialog = document.getElementById('api-key-dialog');
  const input = document.getElementById('api-key-input');
  if (pendingKeyRequest) return pendingKeyRequest;
  pendingKeyRequest = new Promise((resolve) => {
    input.value = getApiKey();
    const onClose = () => {
      dialog.removeEventListener('close', onClose);
      pendingKeyRequest = null;
      if (dialog.returnValue === 'save' && input.value.trim()) {
        setApiKey(input.value.trim());
        resolve(true);
      } else {
        if (dialog.returnValue === 'clear') setApiKey('');
        resolve(false);
      }
    };
    dialog.addEventListener('close', onClose);
    dialog.returnValue = '';
    dialog.showModal();
    input.focus();
  });
  return pendingKeyRequest;
}

/**
 * Calls the JSON API on this origin. A write asks for the key when none is set, and a 401 (a
 * mistyped or revoked key) asks again once, so there is no separate "log in" step.
 */
export async function api(path, { method = 'GET', body, retryOnUnauthorized = true } = {}) {
  // Writes always need the key: ask before sending rather than provoking a 401.
  if (method !== 'GET' && !getApiKey() && !(await askForApiKey())) throw new ApiError(401, 'unauthorized', 'an API key is needed for this action');
  const headers = new Headers({ accept: 'application/json' });
  const key = getApiKey();
  if (key) headers.set('authorization', `Bearer ${key}`);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { error: 'bad_response', message: text.slice(0, 200) };
  }
  if (response.status === 401 && retryOnUnauthorized && (await askForApiKey())) {
    return api(path, { method, body, retryOnUnauthorized: false });
  }
  if (!response.ok) {
    throw new ApiError(response.status, data?.error ?? 'http_error', data?.message ?? `HTTP ${response.status}`);
  }
  return data;
}

/** Builds an element; children are nodes or strings (always inserted as text, never as HTML). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

/**
 * Renders API highlight HTML. The API escapes the text and adds only <mark>; this keeps exactly
 * that: the string is parsed inertly and only text and <mark> survive, whatever it contains.
 */
export function highlighted(html) {
  const fragment = document.createDocumentFragment();
  const parsed = new DOMParser().parseFromString(`<body>${html ?? ''}</body>`, 'text/html');
  const copy = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) to.append(document.createTextNode(node.textContent));
      else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'MARK') {
        const mark = document.createElement('mark');
        copy(node, mark);
        to.append(mark);
      } else if (node.nodeType === Node.ELEMENT_NODE) to.append(document.createTextNode(node.textContent));
    }
  };
  copy(parsed.body, fragment);
  return fragment;
}

export function showError(element, error) {
  if (!element) return;
  if (!error) {
    element.hidden = true;
    element.textContent = '';
    return;
  }
  element.hidden = false;
  element.textContent = `⚠ ${error instanceof ApiError ? `${error.message} (${error.code})` : error.message ?? String(error)}`;
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function formatDate(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Ledger states as icon + words, so colour is never the only signal. */
export const STATE_LABELS = {
  queued: { icon: '…', text: 'queued' },
  active: { icon: '▶', text: 'working' },
  deferred: { icon: '‖', text: 'deferred' },
  retrying: { icon: '↻', text: 'retrying' },
  done: { icon: '✓', text: 'done' },
  failed: { icon: '✗', text: 'failed' },
};

export function stateBadge(state, text) {
  const label = STATE_LABELS[state] ?? { icon: '?', text: state };
  return h('span', { class: `badge state-${state}` }, h('span', { 'aria-hidden': 'true' }, label.icon), ` ${text ?? label.text}`);
}

export const STAGES = ['fetch', 'clean', 'langdetect', 'enrich', 'index'];

export function traceLink(id, text) {
  return h('a', { href: `/trace/${encodeURIComponent(id)}` }, text ?? 'Trace');
}

function setUpKeyButton() {
  renderKeyState();
  document.getElementById('api-key-button')?.addEventListener('click', () => void askForApiKey());
}

setUpKeyButton();
