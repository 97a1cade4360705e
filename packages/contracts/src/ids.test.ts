import { describe, expect, it } from 'vitest';
import type { InvalidUrlError} from './ids';
import { documentIdFor, identifyUrl, isDocumentId, jobIdFor, normalizeUrl, sourceDomain } from './ids';

describe('normalizeUrl', () => {
  it('maps trivial variants of one article onto one URL', () => {
    const canonical = normalizeUrl('https://example.com/news/story.html?id=7');
    for (const variant of [
      'https://EXAMPLE.com/news/story.html?id=7',
      'https://example.com:443/news/story.html?id=7',
      'https://example.com/news/story.html?id=7#comments',
      'https://example.com/news/story.html?utm_source=x&id=7&utm_medium=email',
      'https://example.com/news/story.html?id=7&fbclid=abc',
      '  https://example.com./news/story.html?id=7  ',
    ]) {
      expect(normalizeUrl(variant), variant).toBe(canonical);
    }
  });

  it('keeps parameters that select content, in a stable order', () => {
    expect(normalizeUrl('http://example.com/a?b=2&a=1')).toBe('http://example.com/a?a=1&b=2');
    expect(normalizeUrl('http://example.com/a?page=2')).not.toBe(normalizeUrl('http://example.com/a?page=3'));
  });

  it('rejects what is not an http(s) URL with a coded error', () => {
    const code = (input: string): string | undefined => {
      try {
        normalizeUrl(input);
        return undefined;
      } catch (error) {
        return (error as InvalidUrlError).code;
      }
    };
    expect(code('not a url')).toBe('invalid_url');
    expect(code('')).toBe('invalid_url');
    expect(code('ftp://example.com/file')).toBe('unsupported_scheme');
    expect(code('javascript:alert(1)')).toBe('unsupported_scheme');
    expect(code('https://user:pw@example.com/')).toBe('credentials_in_url');
    expect(code(`https://example.com/${'a'.repeat(3000)}`)).toBe('url_too_long');
  });
});

describe('ids', () => {
  it('derives a stable 128-bit hex id from the normalised URL', () => {
    const a = identifyUrl('https://Example.com/x#y');
    const b = identifyUrl('https://example.com/x');
    expect(a.id).toBe(b.id);
    expect(isDocumentId(a.id)).toBe(true);
    expect(documentIdFor('https://example.com/other')).not.toBe(a.id);
    expect(jobIdFor(a.id, 3)).toBe(`${a.id}-3`);
    expect(jobIdFor(a.id, 3)).not.toContain(':');
  });

  it('facets domains without www', () => {
    expect(sourceDomain('https://www.sputnikglobe.com/a')).toBe('sputnikglobe.com');
    expect(sourceDomain('https://news.example.co.uk/a')).toBe('news.example.co.uk');
  });
});
