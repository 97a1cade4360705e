import { collapse, type Element, type Node } from './dom';

/**
 * Main-text extraction on the light DOM, in four steps:
 *  1. prune page furniture by tag, ARIA role, hidden state and class/id words (navigation, share
 *     bars, cookie banners, comments, related links, newsletter boxes, footers, captions);
 *  2. cut the rest into text blocks (one per paragraph, heading, list item, cell...), counting
 *     how much of each block is link text;
 *  3. pick the container: start at the root and step into the child that holds most of the
 *     page's paragraph text, as long as that child keeps nearly all of it;
 *  4. keep the container's blocks that read as prose, headings that introduce kept text and
 *     list items that are not link lists.
 */

export interface Block {
  text: string;
  linkChars: number;
  owner: Element;
  kind: 'paragraph' | 'heading' | 'item' | 'pre' | 'cell' | 'other';
}

export interface ContentResult {
  blocks: Block[];
  /** Link characters / all characters over the kept text. */
  linkDensity: number;
  /** Link density of the chosen container before filtering: high on index and tag pages. */
  containerLinkDensity: number;
  /** Text blocks in the container that were dropped as link lists: many on index pages. */
  linkBlocks: number;
  /** Short date and "published on" lines dropped from the container: the dates shown with the article. */
  dateLines: string[];
}

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'td', 'th',
  'tbody', 'thead', 'tfoot', 'caption', 'blockquote', 'pre', 'figure', 'figcaption', 'header', 'footer', 'address', 'form', 'fieldset', 'hr',
  'center', 'details', 'summary', 'body', 'html', 'nav', 'aside', '#root', 'dialog', 'menu', 'legend', 'hgroup', 'picture', 'font-block',
]);

const REMOVED_TAGS = new Set(['nav', 'aside', 'footer', 'button', 'input', 'dialog', 'menu', 'figcaption', 'label', 'head', 'link', 'meta', 'img', 'picture']);
const REMOVED_ROLES = /^(navigation|banner|contentinfo|complementary|search|menu|menubar|dialog|alertdialog|toolbar|tablist)$/i;

/** Class/id words of page furniture. Matched against "class id" of each element. */
const FURNITURE =
  /(?:^|[\s_-])(?:comment\w*|kommentar\w*|disqus|respond|reply|cookie\w*|consent|gdpr|cmp|newsletter\w*|share\w*|sharing|shariff|social\w*|related\w*|verwandte|recommend\w*|empfehlung\w*|breadcrumbs?|pagination|pager|sidebar|banner|advert\w*|ads?|adslot|ad-slot|anzeige|promo\w*|sponsor\w*|outbrain|taboola|plista|popup|modal|overlay|footer|foot|masthead|navbar|nav|navigation|menu\w*|subnav|subscribe|subscription|paywall|toolbar|tags|tagcloud|tag-list|keywords|author-?box|authorinfo|about-?author|byline|post-?meta|entry-?meta|article-?meta|meta|dateline|caption|bildunterschrift|credits?|copyright|login|signup|register|searchform|search|skip|skiplinks|sr-only|visually-hidden|screen-reader-text|tooltip|rating|voting|feedback|more-?articles|read-?more|weiterlesen|teaser-?list|topics|themen|trending|popular|most-?read|meistgelesen|also-?read|lesen-?sie-?auch|mehr-?zum-?thema|infobox-?related|carousel|slider|gallery-?nav|jump-?links|toc|next-?(?:post|article|story|link)s?|nextstory|prev-?(?:post|article|link)s?|previous-?(?:post|article)s?|interesting\w*|author-?bio|bio|about-?the-?author|autorinfo|author[\s_-]?(?:box|info|bio|position|details)\w*|teaser\w*|more-?from\w*|further\w*|weitere\w*|you-?may-?also\w*|read-?also|lesetipp\w*|leseempfehlung\w*|sharedaddy|jp-relatedposts|yarpp\w*|wp-?block-?latest\w*|post-?navigation|nav-?links|entry-?footer|post-?footer|article-?footer|signature|disclaimer|disclosure|editorial-?disclosure|rechtlich\w*|donate|spende\w*)(?:$|[\s_-])/i;
/** Words that mark the article itself; an element with both is kept unless it is clearly a side block. */
const CONTENT = /(?:^|[\s_-])(?:article|articlebody|article-?body|article-?text|content|entry|entry-?content|post|post-?content|post-?body|story|story-?body|text|body|main|maincontent|blog-?post|news-?text|richtext|rte|copy)(?:$|[\s_-])/i;
/** Furniture that goes even when its class also says "content" ("comment-content", "share-post"). */
const STRONG_FURNITURE = /(?:^|[\s_-])(?:comments?|kommentare?|commentlist|disqus|cookies?|consent|newsletter|share|sharing|shariff|social|related|breadcrumbs?|sidebar|outbrain|taboola|plista|footer|navbar|navigation|subnav|author-?box|byline|caption)(?:$|[\s_-])/i;
const COMMENTS = /^(?:comments?|commentlist|comments-area|comment-list|kommentare|disqus_thread|respond)$/i;
const BODY_TAGS = new Set(['html', 'body', 'main', 'article', '#root']);
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

const HEADING = /^h[1-6]$/;

/** Sets textLength and paragraphText (text of <p> of 60+ characters) on every element. */
function measure(root: Element): void {
  // Post-order over an explicit stack, as markup can be deep.
  const order: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length) {
    const e = stack.pop()!;
    order.push(e);
    for (const child of e.children) if (typeof child !== 'string') stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const e = order[i]!;
    let text = 0;
    let paragraphText = 0;
    for (const child of e.children) {
      if (typeof child === 'string') text += child.length;
      else {
        text += child.textLength!;
        paragraphText += child.paragraphText!;
      }
    }
    if (e.tag === 'p' && text >= 60) paragraphText = Math.max(paragraphText, text);
    e.textLength = text;
    e.paragraphText = paragraphText;
  }
}

/** Why an element is page furniture, or null when it is not. */
function furnitureReason(e: Element, pageParagraphText: number, pageText: number): string | null {
  const attrs = e.attrs;
  const m = { paragraphText: e.paragraphText ?? 0 };
  // Whatever holds most of the page's prose is the article, however it is labelled: some sites
  // wrap it in <aside> or <form>, or give its wrapper a "sidebar-layout" class.
  const holdsArticle = pageParagraphText > 0 && m.paragraphText >= 0.5 * pageParagraphText;
  const names = `${attrs.class ?? ''} ${attrs.id ?? ''}`;
  // Reader comments can outweigh the article; nothing else that holds most of the prose goes.
  if (holdsArticle) return names.split(/\s+/).some((w) => COMMENTS.test(w)) && !BODY_TAGS.has(e.tag) ? 'comments' : null;
  if ('hidden' in attrs || attrs['aria-hidden'] === 'true' || (attrs.style && HIDDEN_STYLE.test(attrs.style))) return 'hidden';
  if (REMOVED_TAGS.has(e.tag)) return `tag:${e.tag}`;
  if (attrs.role && REMOVED_ROLES.test(attrs.role)) return `role:${attrs.role}`;
  if (e.tag === 'form') return m.paragraphText < 200 ? 'tag:form' : null;
  // An article's own <header> holds the headline and often the lead; the page's header is furniture.
  if (e.tag === 'header') return m.paragraphText < 200 && !(hasParagraph(e) && withinArticle(e)) ? 'tag:header' : null;
  if (names.length < 2 || e.tag === 'body' || e.tag === 'html' || e.tag === 'main' || e.tag === 'article') return null;
  const word = FURNITURE.exec(names);
  if (!word) return null;
  const strong = STRONG_FURNITURE.test(names);
  if (CONTENT.test(names) && !strong) return null;
  // A weak word ("date", "meta", "ads") on a wrapper of much of the prose is a theme's naming, not
  // furniture. Pages written with <br> instead of <p> have no paragraph text: compare all text then.
  if (!strong && ((pageParagraphText > 0 && m.paragraphText >= 0.3 * pageParagraphText) || (e.textLength ?? 0) >= 0.3 * pageText)) return null;
  return `class:${word[0].trim().toLowerCase()}`;
}

function hasParagraph(e: Element): boolean {
  const stack: Element[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    if (x.tag === 'p') return true;
    for (const child of x.children) if (typeof child !== 'string') stack.push(child);
  }
  return false;
}

function withinArticle(e: Element): boolean {
  for (let x = e.parent; x; x = x.parent) if (x.tag === 'article' || x.tag === 'main' || x.attrs.role === 'main') return true;
  return false;
}

/** Optional observer for debugging tools: what was pruned, which container won. */
export interface ContentTrace {
  pruned?: (element: Element, reason: string) => void;
  containers?: Set<Element>;
}

function prune(root: Element, trace?: ContentTrace): void {
  measure(root);
  const pageParagraphText = root.paragraphText ?? 0;
  const pageText = root.textLength ?? 0;
  const stack: Element[] = [root];
  while (stack.length) {
    const e = stack.pop()!;
    const kept: Node[] = [];
    for (const child of e.children) {
      if (typeof child === 'string') kept.push(child);
      else {
        const reason = furnitureReason(child, pageParagraphText, pageText);
        if (reason === null) {
          kept.push(child);
          stack.push(child);
        } else trace?.pruned?.(child, reason);
      }
    }
    e.children = kept;
  }
}

function kindOf(tag: string): Block['kind'] {
  if (tag === 'p' || tag === 'blockquote' || tag === 'dd') return 'paragraph';
  if (HEADING.test(tag)) return 'heading';
  if (tag === 'li' || tag === 'dt') return 'item';
  if (tag === 'pre') return 'pre';
  if (tag === 'td' || tag === 'th') return 'cell';
  return 'other';
}

const LINE_BREAK = '\u0000';

/** Cuts the tree into text blocks at block-level elements; <br> becomes a line break. */
export function linearize(root: Element): Block[] {
  const blocks: Block[] = [];
  let parts: string[] = [];
  let linkChars = 0;
  let owner: Element = root;
  let linkDepth = 0;
  let preDepth = 0;

  const flush = () => {
    if (parts.length) {
      const raw = parts.join('');
      // LINE_BREAK marks <br>: the only line breaks kept inside a block.
      const text = preDepth > 0 ? raw.replaceAll(LINE_BREAK, '\n').replace(/^\n+|\s+$/g, '') : raw.split(LINE_BREAK).map(collapse).filter(Boolean).join('\n');
      if (text) blocks.push({ text, linkChars: Math.min(linkChars, text.length), owner, kind: kindOf(owner.tag) });
    }
    parts = [];
    linkChars = 0;
  };

  const visit = (e: Element) => {
    const isBlock = BLOCK_TAGS.has(e.tag);
    const previousOwner = owner;
    if (isBlock) {
      flush();
      owner = e;
    }
    if (e.tag === 'a') linkDepth++;
    if (e.tag === 'pre') preDepth++;
    for (const child of e.children) {
      if (typeof child === 'string') {
        parts.push(child);
        if (linkDepth > 0) linkChars += collapse(child).length;
      } else if (child.tag === 'br') {
        parts.push(LINE_BREAK);
      } else visit(child);
    }
    if (e.tag === 'a') linkDepth--;
    if (e.tag === 'pre') preDepth--;
    if (isBlock) {
      flush();
      owner = previousOwner;
    }
  };
  visit(root);
  flush();
  return blocks;
}

const density = (b: Block) => (b.text.length ? b.linkChars / b.text.length : 0);

/** Text of real prose: long enough, few links. Its length is what the container search weighs. */
function proseWeight(b: Block): number {
  if (b.kind === 'heading') return 0;
  const length = b.text.length;
  if (density(b) > 0.35) return 0;
  // Short list items and table cells without links (ingredients, facts) count for half.
  if ((b.kind === 'item' || b.kind === 'cell') && length >= ITEM_MIN) return length >= 40 ? length : length / 2;
  if (length < 40) return 0;
  return length;
}
const ITEM_MIN = 15;
const LABEL_MAX = 40;
const LABEL_WORDS = 3;
const LD_MAX = 0.6;
const LD_SHORT = 30;

/** Steps into the child that keeps at least this share of the current element's prose. */
const DESCEND_SHARE = 0.8;

const LEAF_BLOCKS = new Set(['p', 'li', 'ul', 'ol', 'dl', 'dd', 'dt', 'blockquote', 'pre', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure']);

/** A sibling of the container joins it when it holds at least this share of the container's prose. */
const SIBLING_SHARE = 0.02;
const SIBLING_LEVELS = 3;
const UPPER_SIBLING_SHARE = 0.05;

/** The container, plus siblings that carry prose of their own (articles split by ads or columns). */
function chooseContainers(root: Element, blocks: Block[]): Set<Element> {
  const weight = { get: (e: Element) => e.proseWeight };
  for (const b of blocks) {
    const w = proseWeight(b);
    if (!w) continue;
    for (let e: Element | null = b.owner; e; e = e.parent) e.proseWeight = (e.proseWeight ?? 0) + w;
  }
  let current = root;
  for (;;) {
    const total = weight.get(current) ?? 0;
    if (!total) break;
    let best: Element | null = null;
    let bestWeight = 0;
    for (const child of current.children) {
      if (typeof child === 'string') continue;
      const w = weight.get(child) ?? 0;
      if (w > bestWeight) {
        best = child;
        bestWeight = w;
      }
    }
    // The container holds blocks; it is never a paragraph, list or table itself.
    if (!best || bestWeight < DESCEND_SHARE * total || LEAF_BLOCKS.has(best.tag)) break;
    current = best;
  }
  const chosen = new Set<Element>([current]);
  const own = weight.get(current) ?? 0;
  if (!own) return chosen;
  // Leads and intros often sit beside the body's wrapper rather than beside the body: look a few
  // levels up, taking only siblings that carry prose of their own.
  let level: Element = current;
  for (let up = 0; up < SIBLING_LEVELS && level.parent; up++, level = level.parent) {
    for (const sibling of level.parent.children) {
      if (typeof sibling === 'string' || sibling === level) continue;
      if ((weight.get(sibling) ?? 0) >= (up === 0 ? SIBLING_SHARE : UPPER_SIBLING_SHARE) * own) chosen.add(sibling);
    }
  }
  return chosen;
}

function inside(e: Element, containers: Set<Element>): boolean {
  for (let x: Element | null = e; x; x = x.parent) if (containers.has(x)) return true;
  return false;
}

/** Short lines that are interface, not article: share prompts, "read more", ad labels. */
/** Lines that announce page furniture ("You may also like:", "Comments are closed"). */
const FURNITURE_PHRASE =
  /(?:könnte (?:dich|sie) auch interessieren|das könnte (?:dich|sie) auch|auch interessant|lesen sie auch|lies auch|mehr zum thema|weitere artikel|ähnliche (?:beiträge|artikel)|verwandte (?:beiträge|artikel)|you (?:may|might) also like|related (?:posts|articles|stories)|more from|read more|kommentare (?:geschlossen|sind geschlossen)|comments are closed|leave a (?:reply|comment)|schreibe einen kommentar|hinterlasse einen kommentar|kommentar verfassen|diesen beitrag teilen|teile diesen|share this|jetzt teilen|artikel teilen|beitrag teilen|war (?:der|dieser) artikel (?:nützlich|hilfreich)|newsletter abonnieren|zum newsletter|melden sie sich an|sign up for|subscribe to|folgen sie uns|follow us|alle rechte vorbehalten|all rights reserved|copyright ©|© \d{4}|cookies? (?:verwenden|zu|to)|datenschutzerklärung|impressum|weitere informationen|weiterführende links?|beitragsbild|titelbild|bild anzeigen|bildquelle|fotos?:|photos? by|photograph by|photo credit|credits?:|crédits? photos?|explore further|read further|rezept drucken|seite drucken|\d+ min(?:ute)?s? read|lesezeit|ultima modifica|this entry was posted|der beitrag wurde am|erstellt am|veröffentlicht am|posted on|published on|zuletzt aktualisiert|last updated|vorschau auf den nächsten|nächster artikel|vorheriger artikel|next article|previous article|noch keine bewertungen|bewertungen\)|pour lire la suite|pour accéder|besucher sind online|aufrufe:|kommentare insgesamt|\banzeige\b|sponsored|gesponsert|if you enjoyed|mehr erfahren|learn more|klicken sie hier|click here|jetzt bestellen|zum shop|in den warenkorb|add to cart|über den autor|über die autorin|about the author|gefällt dir (?:unser|dieser)|quellenangaben?|^quellen?:|originalpublikation|weiterführende informationen|alle angaben ohne gewähr|last modified|never miss|stay up-to-date|do you want to be informed|we want to hear what you think|jede (?:kleine )?spende|bei fragen und anregungen|kostenlose beratung|materiał chroniony|zapraszamy (?:też )?do subskrypcji|^abbildung(?: \d+)?:|^(?:foto|photo|bild|image)(?: \d+)?:|newsletter)/i;
/** Paywall and app prompts: longer than interface lines, never article text. */
const SUBSCRIPTION_PROMPT =
  /(?:please subscribe|subscribe now|subscribe to (?:read|continue|our)|(?:first-time )?subscribers (?:also )?receive|to (?:view|read) the full story|hazte miembro|suscríbete|jetzt abonnieren|abonnieren sie|abo abschließen|weiterlesen mit|download the [\w ]+ apps?|push notifications|abonnez-vous|pour lire la suite)/i;
const INTERFACE_LINE =
  /^(?:share|share this|teilen|tweet|drucken|print|e-?mail|facebook|twitter|whatsapp|linkedin|pinterest|xing|telegram|reddit|anzeige|advertisement|werbung|mehr zum thema|lesen sie auch|auch interessant|das könnte sie auch interessieren|read more|weiterlesen|mehr lesen|zurück|back|nach oben|top|kommentare?|comments?|\d+ (?:kommentare?|comments?)|related( stories| articles| posts)?|ähnliche artikel|copy link|link kopieren|schlagwörter|tags|themen|foto|bild|quelle|source|aktualisiert|updated|release date|kontakt|contact|pdf|permalink|permalien|loading|wird geladen|drucken|print|teilen|share)\s*[:.!]?$/i;
const TIME_LINE = /^(?:\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:am|pm|uhr|h)?)$/i;
const DATE_LINE = /^(?:[\p{L}]+,?\s+)?(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4})(?:[,|\s-]+\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?)?$/iu;

export function extractContent(root: Element, titles: string[], trace?: ContentTrace): ContentResult {
  prune(root, trace);
  const all = linearize(root);
  const containers = chooseContainers(root, all);
  if (trace) trace.containers = containers;
  const candidates = all.filter((b) => inside(b.owner, containers));
  const titleSet = new Set(titles.map((t) => collapse(t).toLowerCase()).filter(Boolean));

  let containerChars = 0;
  let containerLinks = 0;
  let linkBlocks = 0;
  const kept: Block[] = [];
  const dateLines: string[] = [];
  for (const b of candidates) {
    containerChars += b.text.length;
    containerLinks += b.linkChars;
    const d = density(b);
    if (d > LD_MAX || (b.text.length < LD_SHORT && d > 0.2)) {
      linkBlocks++;
      continue;
    }
    if (b.text.length < 80 && (INTERFACE_LINE.test(b.text) || DATE_LINE.test(b.text) || TIME_LINE.test(b.text))) {
      if (DATE_LINE.test(b.text)) dateLines.push(b.text);
      continue;
    }
    if (b.text.length < 250 && SUBSCRIPTION_PROMPT.test(b.text)) continue;
    // A word or two of loose text in a layout box (not a paragraph, heading or item) is a label.
    if (b.kind === 'other' && b.text.length < LABEL_MAX && !/[.!?]$/.test(b.text) && b.text.split(/\s+/).length <= LABEL_WORDS) continue;
    if (b.text.length < 120 && FURNITURE_PHRASE.test(b.text)) {
      if (/\d/.test(b.text)) dateLines.push(b.text);
      continue;
    }
    if (titleSet.has(b.text.toLowerCase())) continue;
    kept.push(b);
  }
  // A heading with nothing after it introduced a block that was removed ("Related stories").
  // A heading followed by a sub-heading (h2 then h3) still introduces text.
  const rank = (b: Block) => Number(b.owner.tag.slice(1)) || 7;
  const blocks = kept.filter((b, i) => {
    if (b.kind !== 'heading') return true;
    const next = kept[i + 1];
    return next !== undefined && (next.kind !== 'heading' || rank(next) > rank(b));
  });
  let chars = 0;
  let links = 0;
  for (const b of blocks) {
    chars += b.text.length;
    links += b.linkChars;
  }
  return {
    blocks,
    linkDensity: chars ? links / chars : 0,
    containerLinkDensity: containerChars ? containerLinks / containerChars : 0,
    linkBlocks,
    dateLines,
  };
}

/** Paragraphs joined by blank lines; list items by single line breaks. */
export function blocksToText(blocks: Block[]): string {
  let out = '';
  blocks.forEach((b, i) => {
    if (i > 0) out += b.kind === 'item' && blocks[i - 1]!.kind === 'item' ? '\n' : '\n\n';
    out += b.text;
  });
  return out;
}
