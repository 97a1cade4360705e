import { Parser } from 'htmlparser2';

/**
 * A deliberately small DOM: elements with lower-cased tag, attributes, children and parent,
 * text as plain strings. Built from htmlparser2's streaming callbacks, which is several times
 * cheaper than a spec DOM (linkedom, jsdom) and all the extractor needs.
 */
export interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
  parent: Element | null;
  /** Scratch figures of the content pass, kept on the node: maps keyed by node cost far more on big pages. */
  textLength?: number;
  paragraphText?: number;
  proseWeight?: number;
}
export type Node = Element | string;

export interface ParsedPage {
  root: Element;
  /** Text of <title>, <script type="application/ld+json"> blocks: read while parsing, since their content is not kept. */
  title: string;
  jsonLd: string[];
}

/** Content of these elements never becomes text. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'select', 'textarea', 'canvas', 'video', 'audio', 'map']);

/** Elements cannot open deeper than this; deeper markup is attached to the deepest allowed element. */
export const MAX_DEPTH = 256;

/** Beyond this nesting, tags are dropped before parsing (their text stays). */
export const MAX_SOURCE_DEPTH = 2000;

const VOID_TAGS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'command']);
const RAW_TEXT_TAGS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext', 'noscript', 'iframe', 'noembed', 'noframes']);

/**
 * htmlparser2's parser keeps its open-element stack with unshift/indexOf, which is quadratic in
 * nesting depth: 100,000 nested elements take minutes. Hostile or broken pages do nest that deep,
 * so tags below MAX_SOURCE_DEPTH are removed first, in one linear scan. Pages with fewer tags than
 * the limit cannot nest that deep and are returned untouched without scanning.
 */
export function limitNesting(html: string, maxDepth = MAX_SOURCE_DEPTH): string {
  let tags = 0;
  for (let i = html.indexOf('<'); i >= 0 && tags <= maxDepth; i = html.indexOf('<', i + 1)) tags++;
  if (tags <= maxDepth) return html;
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*>/g;
  const kept: boolean[] = [];
  const out: string[] = [];
  let lower: string | undefined;
  let copiedUpTo = 0;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(html))) {
    const closing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    if (!closing) {
      if (VOID_TAGS.has(name) || match[0].endsWith('/>')) continue;
      if (RAW_TEXT_TAGS.has(name)) {
        lower ??= html.toLowerCase();
        const end = lower.indexOf(`</${name}`, tag.lastIndex);
        tag.lastIndex = end < 0 ? html.length : end;
        continue;
      }
      const keep = kept.length < maxDepth;
      kept.push(keep);
      if (!keep) {
        out.push(html.slice(copiedUpTo, match.index));
        copiedUpTo = tag.lastIndex;
      }
    } else if (kept.length && !kept.pop()) {
      out.push(html.slice(copiedUpTo, match.index));
      copiedUpTo = tag.lastIndex;
    }
  }
  if (!out.length) return html;
  out.push(html.slice(copiedUpTo));
  return out.join('');
}

export function parsePage(source: string): ParsedPage {
  const html = limitNesting(source);
  const root: Element = { tag: '#root', attrs: {}, children: [], parent: null };
  let current = root;
  let depth = 0;
  // Tags opened beyond MAX_DEPTH: their closes must be swallowed too.
  let overflow = 0;
  let skipDepth = 0;
  let skipTag = '';
  let captured: string[] | null = null;
  let title = '';
  let inTitle = false;
  const jsonLd: string[] = [];

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skipDepth > 0) {
          if (name === skipTag) skipDepth++;
          return;
        }
        if (name === 'title' && !inTitle && !title) {
          inTitle = true;
          captured = [];
          return;
        }
        if (SKIPPED.has(name)) {
          skipDepth = 1;
          skipTag = name;
          if (name === 'script' && /ld\+json/i.test(attrs.type ?? '')) captured = [];
          return;
        }
        if (depth >= MAX_DEPTH) {
          overflow++;
          return;
        }
        const element: Element = { tag: name, attrs, children: [], parent: current };
        current.children.push(element);
        current = element;
        depth++;
      },
      ontext(text) {
        if (captured) captured.push(text);
        else if (skipDepth === 0) current.children.push(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          if (name !== skipTag) return;
          skipDepth--;
          if (skipDepth === 0 && captured) {
            jsonLd.push(captured.join(''));
            captured = null;
          }
          return;
        }
        if (inTitle && name === 'title') {
          inTitle = false;
          title = (captured ?? []).join('');
          captured = null;
          return;
        }
        if (overflow > 0) {
          overflow--;
          return;
        }
        if (current.parent && current.tag === name) {
          current = current.parent;
          depth--;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return { root, title, jsonLd };
}

export function textOf(node: Node): string {
  if (typeof node === 'string') return node;
  const out: string[] = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const next = stack.pop()!;
    if (typeof next === 'string') out.push(next);
    else for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
  return out.join('');
}

/**
 * The collapsed text of an element when it is short, else undefined. The walk stops once the raw
 * text passes `rawLimit`: wrappers whose class says "date" or "meta" can hold a whole article, and
 * their text is not wanted then.
 */
export function shortTextOf(node: Element, maxLength: number, rawLimit = maxLength * 4): string | undefined {
  let raw = 0;
  const out: string[] = [];
  const stack: Node[] = [node];
  while (stack.length) {
    const next = stack.pop()!;
    if (typeof next === 'string') {
      raw += next.length;
      if (raw > rawLimit) return undefined;
      out.push(next);
    } else for (let i = next.children.length - 1; i >= 0; i--) stack.push(next.children[i]!);
  }
  const text = collapse(out.join(''));
  return text.length <= maxLength ? text : undefined;
}

export function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Depth-first pre-order walk without recursion (markup can be deep). */
export function* elements(root: Element): Generator<Element> {
  const stack: Element[] = [root];
  while (stack.length) {
    const next = stack.pop()!;
    yield next;
    for (let i = next.children.length - 1; i >= 0; i--) {
      const child = next.children[i]!;
      if (typeof child !== 'string') stack.push(child);
    }
  }
}

export function closest(element: Element | null, predicate: (e: Element) => boolean): Element | null {
  for (let e = element; e; e = e.parent) if (predicate(e)) return e;
  return null;
}
