import { describe, expect, it } from 'vitest';
import { decodePage } from './decode';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('decodePage', () => {
  it('follows a byte-order mark over any declaration', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<meta charset="iso-8859-1"><p>Grüße</p>', 'utf8')]);
    expect(decodePage(bytes)).toEqual({ text: '<meta charset="iso-8859-1"><p>Grüße</p>', charset: 'utf-8' });
  });

  it('uses the Content-Type charset before the meta tag', () => {
    const bytes = latin1('<meta charset="utf-8"><p>Grüße</p>');
    expect(decodePage(bytes, 'text/html; charset=ISO-8859-1').text).toContain('Grüße');
  });

  it('reads <meta charset> and <meta http-equiv> declarations', () => {
    expect(decodePage(latin1('<meta charset="iso-8859-1"><p>Grüße</p>')).text).toContain('Grüße');
    expect(decodePage(latin1('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><p>Grüße</p>')).text).toContain('Grüße');
  });

  it('maps windows-1252 punctuation (€, curly quotes, dashes) that Node decodes as control characters', () => {
    const bytes = Buffer.from([...Buffer.from('<meta charset="windows-1252">'), 0x80, 0x20, 0x84, 0x61, 0x93, 0x20, 0x96]);
    expect(decodePage(bytes).text.endsWith('€ „a“ –')).toBe(true);
  });

  it('decodes legacy Chinese pages (gb2312)', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="gb2312"><p>'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('</p>')]);
    expect(decodePage(bytes).text).toContain('中文');
  });

  it('sniffs undeclared bytes: valid UTF-8 stays UTF-8, anything else is windows-1252', () => {
    expect(decodePage(Buffer.from('<p>Grüße</p>', 'utf8'))).toEqual({ text: '<p>Grüße</p>', charset: 'utf-8' });
    expect(decodePage(latin1('<p>Grüße</p>'))).toEqual({ text: '<p>Grüße</p>', charset: 'windows-1252' });
  });

  it('reads a page that declares UTF-8 but is written in a legacy charset as windows-1252', () => {
    expect(decodePage(latin1('<meta charset="utf-8"><p>Grüße aus Köln, schön hier</p>')).text).toContain('Grüße aus Köln, schön');
  });

  it('keeps UTF-8 with a few stray bytes as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>Grüße, schön, Köln</p>', 'utf8'), Buffer.from([0xff])]);
    const decoded = decodePage(bytes);
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain('Grüße, schön, Köln');
  });
});
