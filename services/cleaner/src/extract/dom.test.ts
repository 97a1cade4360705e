import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, collapse, limitNesting, parsePage, shortTextOf, textOf, type Element } from './dom';

describe('parsePage', () => {
  it('keeps text, decodes entities, and reads <title> and JSON-LD while skipping scripts and styles', () => {
    const page = parsePage(
      '<html><head><title>A &amp; B</title><script type="application/ld+json">{"@type":"NewsArticle"}</script><style>p{}</style></head>' +
        '<body><p>Caf&eacute; &amp; bar<script>var x = "<p>not text</p>";</script></p></body></html>',
    );
    expect(page.title).toBe('A & B');
    expect(page.jsonLd).toEqual(['{"@type":"NewsArticle"}']);
    expect(collapse(textOf(page.root))).toBe('Café & bar');
  });

  it('caps the tree depth and keeps the text of deeper markup', () => {
    const html = `${'<div>'.repeat(MAX_DEPTH + 50)}deep text${'</div>'.repeat(MAX_DEPTH + 50)}<p>after</p>`;
    const page = parsePage(html);
    let depth = 0;
    for (let e = page.root; e.children.length && typeof e.children[0] !== 'string'; e = e.children[0] as typeof e) depth++;
    expect(depth).toBeLessThanOrEqual(MAX_DEPTH);
    expect(collapse(textOf(page.root))).toBe('deep textafter');
  });
});

describe('limitNesting', () => {
  it('returns ordinary pages untouched', () => {
    const html = '<html><body><div><p>Hello <b>world</b></p></div></body></html>';
    expect(limitNesting(html)).toBe(html);
  });

  it('drops tags below the depth limit and keeps their text', () => {
    const html = `${'<div>'.repeat(10)}text${'</div>'.repeat(10)}`;
    expect(limitNesting(html, 3)).toBe('<div><div><div>text</div></div></div>');
  });

  it('does not count void elements or script contents as nesting', () => {
    const html = `<div>${'<br><img src="x">'.repeat(5)}<script>${'<div>'.repeat(10)}</script></div>`;
    expect(limitNesting(html, 2)).toBe(html);
  });
});

describe('shortTextOf', () => {
  it('gives the collapsed text of a short element and nothing for a long one, without reading it all', () => {
    const page = parsePage(`<div class="date"> 5.  Mai <b>2020</b> </div><div class="post-meta">${'<p>Lorem ipsum dolor sit amet.</p>'.repeat(500)}</div>`);
    const [short, long] = page.root.children.filter((c): c is Element => typeof c !== 'string');
    expect(shortTextOf(short!, 120)).toBe('5. Mai 2020');
    expect(shortTextOf(long!, 120)).toBeUndefined();
  });
});
