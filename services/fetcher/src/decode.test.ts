import { describe, expect, it } from 'vitest';
import { decodeHtml, looksBinary } from './decode';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('decodeHtml (WHATWG encoding sniffing)', () => {
  it('windows-1252 from the Content-Type header, including the 0x80-0x9F block', () => {
    const page = decodeHtml(bytes('<p>caf', [0xe9], ' ', [0x93], 'q', [0x94], ' ', [0x80], '</p>'), 'text/html; charset=windows-1252');
    expect(page).toEqual({ text: '<p>café “q” €</p>', charset: 'windows-1252', source: 'header' });
  });

  it('iso-8859-1 labels mean windows-1252, as browsers do', () => {
    expect(decodeHtml(bytes('<p>', [0x80], '</p>'), 'text/html; charset=ISO-8859-1')).toMatchObject({ text: '<p>€</p>', charset: 'windows-1252' });
  });

  it('Shift_JIS from <meta charset>', () => {
    const page = decodeHtml(bytes('<meta charset="shift_jis"><p>', [0x93, 0xfa, 0x96, 0x7b, 0x8c, 0xea]), 'text/html');
    expect(page).toMatchObject({ charset: 'shift_jis', source: 'meta' });
    expect(page.text.endsWith('<p>日本語')).toBe(true);
  });

  it('GBK from a gb2312 label in http-equiv', () => {
    const page = decodeHtml(bytes('<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>', [0xd6, 0xd0, 0xce, 0xc4]), undefined);
    expect(page).toMatchObject({ charset: 'gbk', source: 'meta' });
    expect(page.text.endsWith('<p>中文')).toBe(true);
  });

  it('KOI8-R from the header', () => {
    expect(decodeHtml(bytes('<p>', [0xf0, 0xd2, 0xc9, 0xd7, 0xc5, 0xd4]), 'text/html; charset=koi8-r')).toMatchObject({ text: '<p>Привет', charset: 'koi8-r' });
  });

  it('a BOM wins over the header', () => {
    expect(decodeHtml(bytes([0xef, 0xbb, 0xbf], '<p>', [0xc3, 0xa9]), 'text/html; charset=windows-1252')).toMatchObject({ text: '<p>é', charset: 'utf-8', source: 'bom' });
  });

  it('the header wins over <meta>', () => {
    expect(decodeHtml(bytes('<meta charset="shift_jis"><p>', [0xe9]), 'text/html; charset=windows-1252').charset).toBe('windows-1252');
  });

  it('without any declaration: valid UTF-8 is UTF-8, anything else windows-1252', () => {
    expect(decodeHtml(Buffer.from('<p>café</p>'), 'text/html')).toMatchObject({ text: '<p>café</p>', charset: 'utf-8', source: 'sniffed' });
    expect(decodeHtml(bytes('<p>caf', [0xe9], '</p>'), undefined)).toMatchObject({ text: '<p>café</p>', charset: 'windows-1252', source: 'sniffed' });
  });

  it('ignores an unknown charset label', () => {
    expect(decodeHtml(Buffer.from('<p>café</p>'), 'text/html; charset=x-bogus')).toMatchObject({ text: '<p>café</p>', charset: 'utf-8' });
  });
});

describe('looksBinary', () => {
  it('spots control bytes that text never has', () => {
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(looksBinary(Buffer.from('<!doctype html>\r\n\t<p>ok</p>'))).toBe(false);
    expect(looksBinary(Buffer.from([0xff, 0xfe, 0x3c, 0x00]))).toBe(false);
  });
});
